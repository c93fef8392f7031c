package deco.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("DiskDict: acceptance cases")
class DiskDictAcceptanceTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("case 27: i -> (char)('a'+i) for i < 10; get(3) == 'd'; remove(5) leaves 0-4, 6-9, size 9")
    void case27() {
        try (DiskDict<Integer, Character> dict = DiskDict.open(temp.resolve("d"), Integer.class, Character.class)) {
            for (int i = 0; i < 10; i++) {
                dict.put(i, (char) ('a' + i));
            }
            assertEquals('d', dict.get(3));
            dict.remove(5);
            assertEquals(Set.of(0, 1, 2, 3, 4, 6, 7, 8, 9), new TreeSet<>(dict.keySet()));
            assertFalse(dict.containsKey(5));
            assertEquals(9, dict.size());
        }
    }

    @Test
    @DisplayName("case 28: {0: 1, 1: \"c\", 2: 3.4} of mixed value types survives close and reopen")
    void case28() {
        Path dir = temp.resolve("mixed");
        try (DiskDict<Integer, Object> dict = DiskDict.open(dir, Integer.class, Object.class)) {
            dict.put(0, 1);
            dict.put(1, "c");
            dict.put(2, 3.4);
        }
        try (DiskDict<Integer, Object> dict = DiskDict.open(dir, Integer.class, Object.class)) {
            assertEquals(Map.of(0, 1, 1, "c", 2, 3.4), new TreeMap<>(dict));
            for (int k = 0; k < 3; k++) {
                assertTrue(dict.containsKey(k));
            }
            for (int k = 3; k < 6; k++) {
                assertFalse(dict.containsKey(k));
            }
        }
    }

    @Test
    @DisplayName("case 29: 1,000,000 integer keys, no size given up front; reopen -> size 1,000,000")
    void case29() {
        Path dir = temp.resolve("million");
        int n = 1_000_000;
        try (DiskDict<Integer, Long> dict = DiskDict.open(dir, Integer.class, Long.class)) {
            for (int i = 0; i < n; i++) {
                dict.put(i, i * 3L);
            }
            assertTrue(dict.partCount() > 1, "grew past the first file: " + dict.partCount());
            for (int i = 0; i < n; i += 997) {
                assertEquals(i * 3L, dict.get(i));
            }
        }
        try (DiskDict<Integer, Long> dict = DiskDict.open(dir, Integer.class, Long.class)) {
            assertEquals(n, dict.size());
            for (int i = 0; i < n; i++) {
                if (dict.get(i) != i * 3L) {
                    throw new AssertionError("key " + i + " -> " + dict.get(i));
                }
            }
        }
    }

    @Test
    @DisplayName("case 34: reopening with other key or value types fails naming both; the files are unchanged")
    void case34() throws IOException {
        Path dir = temp.resolve("typed");
        try (DiskDict<Long, String> dict = DiskDict.open(dir, Long.class, String.class)) {
            dict.put(1L, "one");
        }
        Map<Path, byte[]> before = snapshot(dir);
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> DiskDict.open(dir, Integer.class, String.class));
        assertTrue(key.getMessage().contains("java.lang.Long -> java.lang.String"), key.getMessage());
        assertTrue(key.getMessage().contains("java.lang.Integer -> java.lang.String"), key.getMessage());
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> DiskDict.open(dir, Long.class, Double.class));
        assertTrue(value.getMessage().contains("java.lang.Double"), value.getMessage());
        IllegalStateException list = assertThrows(IllegalStateException.class, () -> DiskList.open(dir, String.class));
        assertTrue(list.getMessage().contains("not a deco.DiskList"), list.getMessage());
        assertSnapshot(before, snapshot(dir));
        try (DiskDict<Long, String> dict = DiskDict.open(dir, Long.class, String.class)) {
            assertEquals("one", dict.get(1L));
        }
    }

    /** A record that is not Serializable: stored component by component. */
    public record Point(int x, long y, String label) {
    }

    @Test
    @DisplayName("records (not Serializable) and Serializable values survive reopen")
    void records() {
        Path dir = temp.resolve("records");
        try (DiskDict<Point, Point> dict = DiskDict.open(dir, Point.class, Point.class)) {
            dict.put(new Point(1, 2L, "a"), new Point(3, 4L, "b"));
        }
        try (DiskDict<Point, Point> dict = DiskDict.open(dir, Point.class, Point.class)) {
            assertEquals(new Point(3, 4L, "b"), dict.get(new Point(1, 2L, "a")));
            assertTrue(dict.containsKey(new Point(1, 2L, "a")), "keys hash by content");
        }
    }

    /** The bytes of every deco file (lock files excluded: opening takes locks). */
    static Map<Path, byte[]> snapshot(Path dir) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(p -> !p.getFileName().toString().endsWith("lock")).toList()) {
                files.put(file.getFileName(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    static void assertSnapshot(Map<Path, byte[]> before, Map<Path, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file + " changed"));
    }
}
