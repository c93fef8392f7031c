package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keySet()}, {@code values()} and {@code entrySet()} of a DiskDict: each behaves as the
 * same view of a {@code HashMap} would, and the keyed ones cost what users expect — shown by
 * codecs that count what they decode: removing or finding a key decodes no entry of the rest of
 * the dictionary.
 */
@DisplayName("DiskDict views: keyed where the key is known, one pass where it is not")
class DictViewsTest {

    private static final int ENTRIES = 2_000;

    @TempDir
    Path temp;

    private final AtomicInteger keysDecoded = new AtomicInteger();
    private final AtomicInteger valuesDecoded = new AtomicInteger();

    private Codec<Long> counting(String id, AtomicInteger decoded) {
        return Codec.of(Long.class, id, v -> ByteBuffer.allocate(8).putLong(v).array(), bytes -> {
            decoded.incrementAndGet();
            return ByteBuffer.wrap(bytes).getLong();
        });
    }

    private DiskDict<Long, Long> dict;
    private final Map<Long, Long> model = new HashMap<>();

    @BeforeEach
    void fill() {
        dict = DiskDict.builder(temp.resolve("views"), Long.class, Long.class)
                .keyCodec(counting("counted-key", keysDecoded))
                .valueCodec(counting("counted-value", valuesDecoded))
                .open();
        for (long k = 0; k < ENTRIES; k++) {
            dict.put(k, k % 10);
            model.put(k, k % 10);
        }
        keysDecoded.set(0);
        valuesDecoded.set(0);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        dict.close();
    }

    private void assertSameAsModel() {
        assertEquals(model, new HashMap<>(dict));
    }

    @Test
    @DisplayName("keySet().contains/remove/removeAll are keyed: no other entry is decoded")
    void keySetIsKeyed() {
        Set<Long> keys = dict.keySet();
        assertTrue(keys.contains(17L));
        assertFalse(keys.contains(-1L));
        assertTrue(keys.remove(17L));
        assertFalse(keys.remove(17L));
        assertTrue(keys.removeAll(List.of(18L, 19L, -5L)));
        assertFalse(keys.removeAll(List.of(-6L)));
        assertEquals(0, keysDecoded.get(), "keys decoded");
        assertEquals(0, valuesDecoded.get(), "values decoded");
        model.keySet().removeAll(List.of(17L, 18L, 19L));
        assertSameAsModel();
    }

    @Test
    @DisplayName("entrySet().contains/remove/removeAll are keyed and conditional on the value")
    void entrySetIsKeyed() {
        Set<Map.Entry<Long, Long>> entries = dict.entrySet();
        assertTrue(entries.contains(Map.entry(21L, 1L)));
        assertFalse(entries.contains(Map.entry(21L, 2L)), "another value");
        assertFalse(entries.remove(Map.entry(22L, 9L)), "another value: nothing removed");
        assertTrue(entries.remove(Map.entry(22L, 2L)));
        assertTrue(entries.removeAll(List.of(Map.entry(23L, 3L), Map.entry(24L, 0L), "not an entry")));
        assertTrue(valuesDecoded.get() <= 4, "only the two values asked for by contains, and the two a remove compared"
                + " by equals because their bytes differed: " + valuesDecoded.get());
        assertEquals(0, keysDecoded.get(), "keys decoded");
        model.remove(22L);
        model.remove(23L);
        assertSameAsModel();
    }

    @Test
    @DisplayName("keySet() iteration decodes keys only; retainAll is one pass over keys")
    void keyIterationSkipsValues() {
        List<Long> seen = new ArrayList<>(dict.keySet());
        assertEquals(ENTRIES, seen.size());
        assertEquals(0, valuesDecoded.get(), "values decoded by a key iteration");
        Set<Long> keep = Set.of(1L, 2L, 3L, 999_999L);
        assertTrue(dict.keySet().retainAll(keep));
        assertEquals(0, valuesDecoded.get(), "values decoded by retainAll");
        model.keySet().retainAll(keep);
        assertSameAsModel();
    }

    @Test
    @DisplayName("values().remove removes exactly one entry with that value; removeAll/retainAll make one pass")
    void valuesRemove() {
        assertTrue(dict.values().remove(7L));
        assertEquals(ENTRIES - 1, dict.size());
        assertEquals(ENTRIES / 10 - 1, dict.values().stream().filter(v -> v == 7L).count());
        assertFalse(dict.values().remove(42L), "no entry has 42");
        assertFalse(dict.values().remove(null));
        keysDecoded.set(0);
        assertTrue(dict.values().removeAll(List.of(7L, 8L)));
        assertEquals(0, keysDecoded.get(), "removeAll decodes values, not keys");
        assertTrue(dict.values().retainAll(List.of(1L)));
        model.values().removeIf(v -> v != 1L);
        assertSameAsModel();
        assertTrue(dict.values().contains(1L));
        assertFalse(dict.values().contains(2L));
    }

    @Test
    @DisplayName("iterator().remove on every view removes that entry; setValue writes through")
    void iteratorRemoveAndSetValue() {
        Iterator<Long> keys = dict.keySet().iterator();
        Long first = keys.next();
        keys.remove();
        assertThrows(IllegalStateException.class, keys::remove, "remove twice");
        model.remove(first);
        Iterator<Long> values = dict.values().iterator();
        values.next();
        values.remove();
        assertEquals(ENTRIES - 2, dict.size());
        Iterator<Map.Entry<Long, Long>> entries = dict.entrySet().iterator();
        Map.Entry<Long, Long> entry = entries.next();
        entry.setValue(100L);
        assertEquals(100L, dict.get(entry.getKey()));
        entries.remove();
        assertFalse(dict.containsKey(entry.getKey()));
        assertEquals(ENTRIES - 3, dict.size());
    }

    @Test
    @DisplayName("bad input to the views: a clear exception, nothing removed")
    void badInput() {
        assertThrows(NullPointerException.class, () -> dict.keySet().remove(null));
        assertThrows(NullPointerException.class, () -> dict.keySet().contains(null));
        assertThrows(NullPointerException.class, () -> dict.keySet().removeAll(null));
        assertThrows(NullPointerException.class, () -> dict.entrySet().removeAll(null));
        assertThrows(NullPointerException.class, () -> dict.containsValue(null));
        assertFalse(dict.keySet().remove("not a Long"));
        assertFalse(dict.entrySet().remove(Map.entry("not a Long", 1L)));
        assertFalse(dict.values().remove("not a Long"));
        assertSameAsModel();
    }

    @Test
    @DisplayName("a read-only dictionary's views refuse removals and keep every entry")
    void readOnlyViews() {
        dict.close();
        try (DiskDict<Long, Long> readOnly = DiskDict.builder(temp.resolve("views"), Long.class, Long.class)
                .keyCodec(counting("counted-key", keysDecoded))
                .valueCodec(counting("counted-value", valuesDecoded)).readOnly().open()) {
            assertThrows(UnsupportedOperationException.class, () -> readOnly.keySet().remove(1L));
            assertThrows(UnsupportedOperationException.class, () -> readOnly.keySet().removeAll(List.of(1L)));
            assertThrows(UnsupportedOperationException.class, () -> readOnly.values().remove(1L));
            assertThrows(UnsupportedOperationException.class, () -> readOnly.entrySet().remove(Map.entry(1L, 1L)));
            assertEquals(model, new HashMap<>(readOnly));
        }
        dict = DiskDict.builder(temp.resolve("views"), Long.class, Long.class)
                .keyCodec(counting("counted-key", keysDecoded))
                .valueCodec(counting("counted-value", valuesDecoded)).open();
    }
}
