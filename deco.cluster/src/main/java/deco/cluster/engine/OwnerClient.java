package deco.cluster.engine;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.LifecycleEvent;
import deco.cluster.ClusterSettings;
import deco.cluster.ClusterUnavailableException;
import java.util.UUID;

/**
 * A program's connection to the cluster: a Hazelcast client (a program never joins as a member,
 * so it holds no data and its death costs the cluster nothing but its tasks), the executor, and
 * the view of deco's members ({@link MemberSlots}).
 *
 * <p>Hazelcast's client threads keep a JVM alive; a program must still end when its own threads
 * do, so a daemon thread watches for that and shuts the client down ({@link ExitWatch}).
 */
final class OwnerClient {

    private final ClusterSettings settings;
    private final HazelcastInstance client;
    private final IExecutorService executor;
    private final MemberSlots slots;
    private final UUID id;

    private OwnerClient(ClusterSettings settings, HazelcastInstance client, MemberSlots slots) {
        this.settings = settings;
        this.client = client;
        this.slots = slots;
        this.executor = client.getExecutorService(HazelcastConfigs.EXECUTOR);
        this.id = client.getLocalEndpoint().getUuid();
    }

    /**
     * Connects, waiting at most the settings' connect timeout.
     *
     * @throws ClusterUnavailableException if no member answers
     */
    static OwnerClient connect(ClusterSettings settings) {
        HazelcastInstance client;
        try {
            client = HazelcastClient.newHazelcastClient(HazelcastConfigs.client(settings));
        } catch (RuntimeException e) {
            throw new ClusterUnavailableException("cannot reach deco cluster '" + settings.name() + "' at "
                    + settings.members() + " within " + settings.connectTimeout().toSeconds() + " s: " + e.getMessage(), e);
        }
        MemberSlots slots = new MemberSlots(settings.name(), settings.connectTimeout());
        client.getCluster().addMembershipListener(slots);
        client.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_DISCONNECTED) {
                slots.disconnected();
            } else if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_CONNECTED) {
                slots.reset(client.getCluster().getMembers());
            }
        });
        slots.reset(client.getCluster().getMembers());
        OwnerClient owner = new OwnerClient(settings, client, slots);
        ExitWatch.start(client);
        return owner;
    }

    ClusterSettings settings() {
        return settings;
    }

    IExecutorService executor() {
        return executor;
    }

    MemberSlots slots() {
        return slots;
    }

    /** {@return this program's id, which members use to drop its tasks when it is gone} */
    UUID id() {
        return id;
    }
}
