package deco.core.woven;

import java.lang.invoke.MethodHandleInfo;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The JDK collections that refuse a write a {@code @Concurrent} method records, checked when it is
 * recorded: serially the write throws inside the call, so the recorded one must too — else the
 * call succeeds, its failure appears only when the write is replayed at the event, and a later
 * call's failure in the same event would be thrown instead. Covers the JDK's read-only
 * collections ({@code List.of}, {@code Map.of}, {@code Collections.unmodifiable*}, empty,
 * singleton and {@code nCopies} collections) and the maps that refuse {@code null} (a
 * {@code TreeMap} without a comparator: a {@code null} key). Other refusals (a user's
 * collection, a checked collection's type check) still surface when the write is replayed; a
 * {@code try} in the method that could catch them makes the weaver write through instead.
 *
 * <p>The same refusals let a woven loop's deferred {@code put}, {@code set} or {@code add} of a
 * {@code @Concurrent} result be foreseen ({@link #store}, decisions 036 and 037), with two more:
 * an {@code add} to a fixed-size {@code Arrays.asList}, a {@code set} past the end of a JDK list.
 */
final class KnownRefusals {

    private KnownRefusals() {
    }

    /**
     * @throws UnsupportedOperationException if the map is read-only
     * @throws NullPointerException          if the map refuses this null key or value
     */
    static void checkPut(Map<?, ?> map, Object key, Object value) {
        if (readOnly(map)) {
            throw new UnsupportedOperationException();
        }
        if (refusesNull(map, key, value)) {
            throw new NullPointerException();
        }
    }

    /** @return whether {@code map.put(key, value)} throws {@link NullPointerException} for a null in it */
    static boolean refusesNull(Map<?, ?> map, Object key, Object value) {
        return (key == null || value == null)
                && (map instanceof ConcurrentHashMap || map instanceof ConcurrentSkipListMap || map instanceof Hashtable)
                || key == null && (map instanceof EnumMap || map instanceof TreeMap<?, ?> tree && tree.comparator() == null);
    }

    /**
     * @return whether {@code list.set(index, element)} throws {@link IndexOutOfBoundsException}:
     * one of the JDK's lists, and an index not below its size (a user's list may grow instead)
     */
    static boolean pastTheEnd(List<?> list, int index) {
        return list != null && jdk(list) && index >= list.size();
    }

    /** @throws UnsupportedOperationException if the list is read-only */
    static void checkSet(List<?> list) {
        if (readOnly(list)) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * The store a woven loop defers, by the consumer the serial program called.
     *
     * @param consumer the call site's consumer
     * @return {@code ARRAY_STORE} for deco's array-store helpers, the collection write for
     * {@code Map.put}, {@code List.set} and {@code Collection.add}, else {@code null}
     */
    static Write.Kind store(MethodHandleInfo consumer) {
        Class<?> owner = consumer.getDeclaringClass();
        if (owner == WovenRuntime.class) {
            return Write.Kind.ARRAY_STORE; // array stores are deferred through its store helpers
        }
        String descriptor = consumer.getMethodType().toMethodDescriptorString();
        return switch (consumer.getName()) {
            case "put" -> Map.class.isAssignableFrom(owner)
                    && descriptor.equals("(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;") ? Write.Kind.MAP_PUT : null;
            case "set" -> List.class.isAssignableFrom(owner)
                    && descriptor.equals("(ILjava/lang/Object;)Ljava/lang/Object;") ? Write.Kind.LIST_SET : null;
            case "add" -> Collection.class.isAssignableFrom(owner)
                    && descriptor.equals("(Ljava/lang/Object;)Z") ? Write.Kind.COLLECTION_ADD : null;
            default -> null;
        };
    }

    /**
     * Whether a collection write, with these inputs (target first), is refused whatever the
     * value: a read-only target, a negative list index, an {@code add} to a fixed-size list.
     */
    static boolean refusedWhateverTheValue(Write.Kind store, Object[] inputs) {
        return store != Write.Kind.ARRAY_STORE && readOnly(inputs[0])
                || store == Write.Kind.LIST_SET && inputs[1] instanceof Integer index && index < 0
                || store == Write.Kind.COLLECTION_ADD && inputs[0].getClass().getName().equals("java.util.Arrays$ArrayList");
    }

    /** {@return whether {@code collection} is one of the JDK's: its class is in {@code java.util}} */
    static boolean jdk(Object collection) {
        return collection.getClass().getName().startsWith("java.util.");
    }

    private static boolean readOnly(Object collection) {
        String name = collection.getClass().getName();
        return name.startsWith("java.util.ImmutableCollections$") || name.startsWith("java.util.Collections$Unmodifiable")
                || name.startsWith("java.util.Collections$Empty") || name.startsWith("java.util.Collections$Singleton")
                || name.equals("java.util.Collections$CopiesList");
    }
}
