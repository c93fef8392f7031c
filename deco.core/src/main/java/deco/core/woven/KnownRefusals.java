package deco.core.woven;

import java.util.EnumMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The JDK collections that refuse a write a {@code @Concurrent} method records, checked when it is
 * recorded: serially the write throws inside the call, so the recorded one must too — else the
 * call succeeds, its failure appears only when the write is replayed at the event, and a later
 * call's failure in the same event would be thrown instead. Covers the JDK's read-only
 * collections ({@code List.of}, {@code Map.of}, {@code Collections.unmodifiable*}, empty and
 * singleton collections) and the maps that refuse {@code null}. Other refusals (a user's
 * collection, a checked collection's type check) still surface when the write is replayed; a
 * {@code try} in the method that could catch them makes the weaver write through instead.
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
        if ((key == null || value == null)
                && (map instanceof ConcurrentHashMap || map instanceof ConcurrentSkipListMap || map instanceof Hashtable)
                || key == null && map instanceof EnumMap) {
            throw new NullPointerException();
        }
    }

    /** @throws UnsupportedOperationException if the list is read-only */
    static void checkSet(List<?> list) {
        if (readOnly(list)) {
            throw new UnsupportedOperationException();
        }
    }

    private static boolean readOnly(Object collection) {
        String name = collection.getClass().getName();
        return name.startsWith("java.util.ImmutableCollections$") || name.startsWith("java.util.Collections$Unmodifiable")
                || name.startsWith("java.util.Collections$Empty") || name.startsWith("java.util.Collections$Singleton");
    }
}
