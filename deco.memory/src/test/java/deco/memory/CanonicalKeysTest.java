package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("DiskDict keys: equal keys are one entry, or the key type is refused with what to use instead")
class CanonicalKeysTest {

    /** Java serialization writes {@code a} and {@code b} once if they are one object, twice if not. */
    public record Pair(String a, String b) implements Serializable {
    }

    /** A record key with a floating-point component. */
    public record Reading(String sensor, double value) {
    }

    /** Not public: deco cannot read its components. */
    record Hidden(int x) implements Serializable {
    }

    /** Java serialization of a class with a cache that equals ignores. */
    public static final class Cached implements Serializable {
        private final String name;
        private int hash; // computed lazily, like String's; written by serialization

        public Cached(String name) {
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cached c && c.name.equals(name);
        }

        @Override
        public int hashCode() {
            if (hash == 0) {
                hash = name.hashCode();
            }
            return hash;
        }
    }

    private static final double OTHER_NAN = Double.longBitsToDouble(0x7ff8000000000001L);

    @TempDir
    Path temp;

    @Test
    @DisplayName("a Serializable record is a key by its components: shared and distinct equal strings are one key")
    void serializableRecordKeys() {
        String shared = "x";
        try (DiskDict<Pair, String> dict = DiskDict.open(temp.resolve("d"), Pair.class, String.class)) {
            dict.put(new Pair(shared, shared), "shared");
            dict.put(new Pair("x", new String("x")), "distinct");
            assertEquals(1, dict.size(), "was 2: serialized forms differed");
            assertEquals("distinct", dict.get(new Pair(shared, shared)));
        }
        try (DiskDict<Pair, String> dict = DiskDict.open(temp.resolve("d"), Pair.class, String.class)) {
            assertEquals(Map.of(new Pair("x", "x"), "distinct"), Map.copyOf(dict), "reopens with the same codec");
        }
    }

    @Test
    @DisplayName("every NaN is one key: Double (Chronicle's own form), Float, Object and record components")
    void oneNaN() {
        try (DiskDict<Double, String> doubles = DiskDict.open(temp.resolve("d"), Double.class, String.class);
             DiskDict<Float, String> floats = DiskDict.open(temp.resolve("f"), Float.class, String.class);
             DiskDict<Object, String> mixed = DiskDict.open(temp.resolve("o"), Object.class, String.class);
             DiskDict<Reading, String> records = DiskDict.open(temp.resolve("r"), Reading.class, String.class)) {
            doubles.put(Double.NaN, "a");
            doubles.put(OTHER_NAN, "b");
            assertEquals(1, doubles.size(), "was 2: the NaNs' bits differed");
            assertEquals(Map.of(Double.NaN, "b"), Map.copyOf(doubles));
            floats.put(Float.NaN, "a");
            floats.put(Float.intBitsToFloat(0x7fc00001), "b");
            assertEquals(1, floats.size(), "was 2: the NaNs' bits differed");
            assertEquals(Map.of(Float.NaN, "b"), Map.copyOf(floats));
            mixed.put(Double.NaN, "a");
            mixed.put(List.of(OTHER_NAN), "list");
            assertEquals("list", mixed.get(List.of(Double.NaN)));
            assertEquals("a", mixed.get(OTHER_NAN));
            records.put(new Reading("s", Double.NaN), "a");
            records.put(new Reading("s", OTHER_NAN), "b");
            assertEquals(1, records.size());
            doubles.put(0.0, "zero");
            doubles.put(-0.0, "minus zero");
            assertEquals(3, doubles.size(), "0.0 and -0.0 are not equal Doubles: two keys");
        }
    }

    @Test
    @DisplayName("enums, UUID, BigDecimal and java.time values keep their serialized form: canonical, one entry each")
    void canonicalSerializedKeys() {
        UUID id = UUID.randomUUID();
        try (DiskDict<Month, Integer> months = DiskDict.open(temp.resolve("m"), Month.class, Integer.class);
             DiskDict<UUID, Integer> ids = DiskDict.open(temp.resolve("u"), UUID.class, Integer.class);
             DiskDict<BigDecimal, Integer> amounts = DiskDict.open(temp.resolve("b"), BigDecimal.class, Integer.class);
             DiskDict<LocalDate, Integer> days = DiskDict.open(temp.resolve("t"), LocalDate.class, Integer.class);
             DiskDict<Object, Integer> mixed = DiskDict.open(temp.resolve("o"), Object.class, Integer.class)) {
            months.put(Month.MAY, 5);
            ids.put(id, 1);
            ids.put(new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits()), 2);
            amounts.put(new BigDecimal("1.50"), 1);
            amounts.put(BigDecimal.valueOf(150, 2), 2);
            days.put(LocalDate.of(2026, 11, 23), 1);
            days.put(LocalDate.parse("2026-11-23"), 2);
            mixed.put(Month.MAY, 5);
            mixed.put(id, 1);
            assertEquals(Map.of(Month.MAY, 5), Map.copyOf(months));
            assertEquals(Map.of(id, 2), Map.copyOf(ids));
            assertEquals(Map.of(new BigDecimal("1.50"), 2), Map.copyOf(amounts));
            assertEquals(Map.of(LocalDate.of(2026, 11, 23), 2), Map.copyOf(days));
            assertEquals(5, mixed.get(Month.MAY));
            assertEquals(1, mixed.get(id));
        }
    }

    @Test
    @DisplayName("a key type with no canonical form is refused at open, naming what to use; nothing is created")
    void refusedKeyTypes() {
        for (Class<?> type : List.of(HashSet.class, ArrayList.class, Cached.class, StringBuilder.class)) {
            Path dir = temp.resolve(type.getSimpleName());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DiskDict.open(dir, type, String.class));
            assertTrue(e.getMessage().startsWith(type.getName() + " cannot be a key"), e.getMessage());
            assertTrue(e.getMessage().contains("keyCodec(Codec.forType(" + type.getSimpleName() + ".class))"),
                    e.getMessage());
            assertFalse(Files.exists(dir), "nothing created");
        }
        IllegalArgumentException hidden = assertThrows(IllegalArgumentException.class,
                () -> DiskDict.open(temp.resolve("h"), Hidden.class, String.class));
        assertTrue(hidden.getMessage().contains("is not public"), hidden.getMessage());
    }

    @Test
    @DisplayName("Object keys: a serialized object with no canonical form is refused at put; nothing is written")
    void refusedMixedKeys() {
        try (DiskDict<Object, String> dict = DiskDict.open(temp.resolve("o"), Object.class, String.class)) {
            dict.put("kept", "v");
            Cached one = new Cached("c");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dict.put(one, "v"));
            assertTrue(e.getMessage().contains("keyCodec(Codec.forType(Object.class))"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> dict.put(List.of(new Pair("a", "b")), "v"),
                    "inside a collection too");
            assertFalse(dict.containsKey(one));
            assertEquals(Map.of("kept", "v"), Map.copyOf(dict));
            dict.put(Set.of("a", "b"), "set"); // collections are encoded by content
            assertEquals("set", dict.get(new HashSet<>(List.of("b", "a"))));
        }
    }

    @Test
    @DisplayName("a dictionary written with serialized keys (by an earlier deco) opens only with that codec named")
    void serializedKeysWrittenBefore() {
        Path dir = temp.resolve("d");
        Codec<Pair> serialized = Codec.forType(Pair.class);
        try (DiskDict<Pair, String> dict = DiskDict.builder(dir, Pair.class, String.class).keyCodec(serialized).open()) {
            dict.put(new Pair("a", "b"), "v"); // as every deco before decision 035 wrote it
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiskDict.open(dir, Pair.class, String.class));
        assertTrue(e.getMessage().contains("keyCodec(Codec.forType(CanonicalKeysTest.Pair.class))"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
        try (DiskDict<Pair, String> dict = DiskDict.builder(dir, Pair.class, String.class).keyCodec(serialized).open()) {
            assertEquals(Map.of(new Pair("a", "b"), "v"), Map.copyOf(dict));
        }
    }
}
