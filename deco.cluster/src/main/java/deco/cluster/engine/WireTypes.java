package deco.cluster.engine;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * The types deco sends through Hazelcast, by id: registered in every member's and program's
 * configuration ({@link HazelcastConfigs}), so Hazelcast writes their fields directly instead of
 * through Java serialisation (class descriptors, reflection) on every call.
 */
final class WireTypes implements DataSerializableFactory {

    /** deco's factory id; Hazelcast's own factories use negative ids. */
    static final int FACTORY_ID = 0xDEC0;
    static final int SHIPPED_TASK = 1;
    static final int REPLY = 2;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case SHIPPED_TASK -> new ShippedTask();
            case REPLY -> new Reply();
            default -> null; // Hazelcast reports the unknown id
        };
    }
}
