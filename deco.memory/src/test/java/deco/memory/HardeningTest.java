package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12's shapes in one JVM: nothing lost, nothing silent, nothing stuck. */
@DisplayName("DiskDict and DiskList: full parts, splits under load, damage, conversion")
class HardeningTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("values rewritten ever longer in a small dictionary split its parts instead of corrupting them")
    void growingValuesSplitNeverCorrupt() {
        Path dir = temp.resolve("grow");
        Map<Long, String> model = new HashMap<>();
        try (DiskDict<Long, String> dict = DiskDict.builder(dir, Long.class, String.class)
                .initialCapacity(64).averageValueSize(8).open()) {
            for (long key = 0; key < 1_100; key++) {
                dict.put(key, "v" + key);
                model.put(key, "v" + key);
            }
            for (int round = 1; round <= 10; round++) {
                for (long key = 0; key < 512; key++) {
                    String value = "x".repeat(16 * round) + key;
                    dict.put(key, value);
                    model.put(key, value);
                }
            }
            assertTrue(dict.partCount() > 1, "split: " + dict.partCount());
            assertEquals(model.size(), dict.size());
            Map<Long, String> seen = new HashMap<>();
            for (Map.Entry<Long, String> entry : dict.entrySet()) {
                assertEquals(null, seen.put(entry.getKey(), entry.getValue()), "key seen twice: " + entry.getKey());
            }
            assertEquals(model, seen);
        }
        try (DiskDict<Long, String> dict = DiskDict.open(dir, Long.class, String.class)) {
            assertEquals(model, new HashMap<>(dict));
        }
    }

    @Test
    @DisplayName("four threads merge counters while parts split: not one increment is lost")
    void mergesDuringSplits() throws Exception {
        int threads = 4;
        int keys = 3_000;
        int rounds = 3;
        try (DiskDict<Long, Long> dict = DiskDict.builder(temp.resolve("merge"), Long.class, Long.class)
                .initialCapacity(128).open();
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < rounds; round++) {
                        for (long key = 0; key < keys; key++) {
                            dict.merge(key, 1L, Long::sum);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
            assertTrue(dict.partCount() > 1, "split: " + dict.partCount());
            assertEquals(keys, dict.size());
            for (long key = 0; key < keys; key++) {
                assertEquals((long) threads * rounds, dict.get(key), "key " + key);
            }
        }
    }

    @Test
    @DisplayName("two instances on one directory in one JVM, both growing it from two threads: all entries, no lock errors")
    void twoInstancesOneJvm() throws Exception {
        Path dir = temp.resolve("two");
        try (DiskDict<Long, Long> a = DiskDict.builder(dir, Long.class, Long.class).initialCapacity(256).open();
             DiskDict<Long, Long> b = DiskDict.builder(dir, Long.class, Long.class).initialCapacity(256).open();
             ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<?> fa = pool.submit(() -> {
                for (long key = 0; key < 20_000; key += 2) {
                    a.put(key, key);
                }
            });
            Future<?> fb = pool.submit(() -> {
                for (long key = 1; key < 20_000; key += 2) {
                    b.put(key, key);
                }
            });
            fa.get(120, TimeUnit.SECONDS);
            fb.get(120, TimeUnit.SECONDS);
            assertEquals(20_000, a.size());
            assertEquals(20_000, b.size());
            for (long key = 0; key < 20_000; key++) {
                assertEquals(key, a.get(key));
            }
            b.close();
            assertEquals(7L, a.get(7L), "closing one instance leaves the other open");
        }
    }

    @Test
    @DisplayName("a value larger than an entry may be: IllegalArgumentException naming the limit and the option; nothing written")
    void valueTooLarge() {
        try (DiskDict<Long, byte[]> dict = DiskDict.open(temp.resolve("large"), Long.class, byte[].class)) {
            dict.put(1L, new byte[] {1});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> dict.put(2L, new byte[1 << 20]));
            assertTrue(e.getMessage().contains("averageValueSize") && e.getMessage().contains("at most"), e.getMessage());
            assertFalse(dict.containsKey(2L));
            assertEquals(1, dict.size());
        }
    }

    @Test
    @DisplayName("strings of surrogates (3 bytes a char on disk, paired or lone) are measured as stored: our error, not Chronicle's; what fits is kept")
    void surrogateStringsMeasuredAsStored() {
        try (DiskDict<String, String> dict = DiskDict.open(temp.resolve("surrogates"), String.class, String.class)) {
            IllegalArgumentException ascii = assertThrows(IllegalArgumentException.class,
                    () -> dict.put("k", "x".repeat(1 << 20)));
            Matcher limit = Pattern.compile("at most (\\d+) bytes").matcher(ascii.getMessage());
            assertTrue(limit.find(), ascii.getMessage());
            int bytes = Integer.parseInt(limit.group(1));
            int pairs = (bytes - 1) / 6; // key "k" is 1 byte, a pair 6
            String fits = "\uD83D\uDE00".repeat(pairs);
            dict.put("k", fits);
            for (String over : List.of("\uD83D\uDE00".repeat(pairs + 1), "\uD800".repeat((bytes - 1) / 3 + 1))) {
                // getBytes(UTF_8) counted these as 4 bytes a pair and 1 a lone surrogate: within the limit
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dict.put("k", over));
                assertTrue(e.getMessage().contains("averageValueSize") && e.getMessage().contains("nothing was written"),
                        e.getMessage());
            }
            assertEquals(fits, dict.get("k"), "the value that fitted is still there");
            assertEquals(1, dict.size());
        }
    }

    @Test
    @DisplayName("bytes flipped in a closed dictionary: refused as damaged (every open, naming the file); recover saves the intact entries")
    void flippedBytesAreDetected() throws IOException {
        Path dir = temp.resolve("flip");
        try (DiskDict<Long, String> dict = DiskDict.builder(dir, Long.class, String.class).averageValueSize(16).open()) {
            for (long key = 0; key < 10_000; key++) {
                dict.put(key, "value-" + key);
            }
        }
        Path part = StoreFiles.onlyPart(dir);
        flipEntryBytes(part, 100, 42);
        DiskFormatException first = assertThrows(DiskFormatException.class,
                () -> DiskDict.open(dir, Long.class, String.class));
        assertTrue(first.getMessage().contains("damaged") && first.getMessage().contains(part.getFileName().toString()),
                first.getMessage());
        assertTrue(Files.exists(dir.resolve("damaged.txt")));
        assertThrows(DiskFormatException.class, () -> DiskDict.open(dir, Long.class, String.class),
                "a second open refuses too");

        Salvage salvage = DiskDict.recover(dir, temp.resolve("saved"), Long.class, String.class);
        assertTrue(salvage.saved() > 9_000 && salvage.saved() < 10_000, salvage.toString());
        assertTrue(salvage.problems().getFirst().contains("damaged"), "the open's report comes first: " + salvage);
        assertFalse(salvage.complete(), "entries the open dropped are lost, not \"nothing lost\": " + salvage);
        try (DiskDict<Long, String> saved = DiskDict.open(temp.resolve("saved"), Long.class, String.class)) {
            assertEquals(salvage.saved(), saved.size());
            for (Map.Entry<Long, String> entry : saved.entrySet()) {
                assertEquals("value-" + entry.getKey(), entry.getValue(), "a saved entry is intact");
            }
        }
    }

    /** Flips {@code count} bytes in the entry area (past the header) of a part file. */
    private static void flipEntryBytes(Path part, int count, long seed) throws IOException {
        Random random = new Random(seed);
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            for (int i = 0; i < count; i++) {
                long at = size / 4 + (long) (random.nextDouble() * (size * 3 / 4 - 1));
                ByteBuffer b = ByteBuffer.allocate(1);
                channel.read(b, at);
                b.put(0, (byte) ~b.get(0)).rewind();
                channel.write(b, at);
            }
        }
    }

    @Test
    @DisplayName("a deleted or altered layout, or a part of another dictionary: refused, naming what is wrong")
    void layoutAndForeignParts() throws IOException {
        Path dir = temp.resolve("layout");
        Path other = temp.resolve("other");
        for (Path d : List.of(dir, other)) {
            try (DiskDict<Long, Long> dict = DiskDict.open(d, Long.class, Long.class)) {
                dict.put(1L, 1L);
            }
        }
        Files.copy(StoreFiles.onlyPart(other), dir.resolve(StoreFiles.onlyPart(other).getFileName()));
        DiskFormatException foreign = assertThrows(DiskFormatException.class,
                () -> DiskDict.open(dir, Long.class, Long.class));
        assertTrue(foreign.getMessage().contains("another collection"), foreign.getMessage());
        Files.delete(dir.resolve(StoreFiles.onlyPart(other).getFileName()));

        byte[] layout = Files.readAllBytes(dir.resolve("layout"));
        layout[64] = 3; // the live slot's global depth, without its CRC
        Files.write(dir.resolve("layout"), layout);
        DiskFormatException altered = assertThrows(DiskFormatException.class,
                () -> DiskDict.open(dir, Long.class, Long.class));
        assertTrue(altered.getMessage().contains("layout") && altered.getMessage().contains("damaged"),
                altered.getMessage());

        Files.delete(dir.resolve("layout"));
        DiskFormatException missing = assertThrows(DiskFormatException.class,
                () -> DiskDict.open(dir, Long.class, Long.class));
        assertTrue(missing.getMessage().contains("layout") && missing.getMessage().contains("missing"),
                missing.getMessage());
    }

    @Test
    @DisplayName("a directory written by deco 0.1 (a chain of parts) opens: converted once, every entry kept")
    void convertsDeco01() throws IOException {
        Path dir = temp.resolve("old");
        StoreFiles.writeDeco01(dir, 2, i -> new long[] {i * 100L, i * 100L + 100 + 100L * i});
        Set<Long> expected = new HashSet<>();
        for (long key = 0; key < 300; key++) {
            expected.add(key);
        }
        try (DiskDict<Long, String> dict = DiskDict.open(dir, Long.class, String.class)) {
            assertEquals(expected, dict.keySet());
            assertEquals("v5@0", dict.get(5L));
            assertEquals("v150@1", dict.get(150L));
            dict.put(1_000L, "new");
        }
        assertFalse(Files.exists(dir.resolve("part-0.cm")), "old files removed after the conversion");
        try (DiskDict<Long, String> dict = DiskDict.open(dir, Long.class, String.class)) {
            assertEquals(301, dict.size());
            assertEquals("new", dict.get(1_000L));
        }
    }

    @Test
    @DisplayName("toString names directory, types and size for both collections, never the entries; closed says so")
    void descriptions() {
        Path d = temp.resolve("desc-d");
        Path l = temp.resolve("desc-l");
        DiskDict<Long, String> dict = DiskDict.open(d, Long.class, String.class);
        DiskList<Double> list = DiskList.open(l, Double.class);
        dict.put(1L, "one");
        list.add(1.5);
        list.add(2.5);
        assertEquals("DiskDict[" + d.toAbsolutePath().normalize() + ", Long -> String, 1 entries]", dict.toString());
        assertEquals("DiskList[" + l.toAbsolutePath().normalize() + ", Double, 2 elements]", list.toString());
        dict.close();
        list.close();
        assertEquals("DiskDict[" + d.toAbsolutePath().normalize() + ", closed]", dict.toString());
        assertEquals("DiskList[" + l.toAbsolutePath().normalize() + ", closed]", list.toString());
    }

    @Test
    @DisplayName("Object keys that Map equality calls equal are one key: ArrayList and List.of, sets in any order, maps")
    void equalCollectionKeys() {
        try (DiskDict<Object, Object> dict = DiskDict.open(temp.resolve("keys"), Object.class, Object.class)) {
            dict.put(new ArrayList<>(List.of(1, "a")), "list");
            assertEquals("list", dict.get(List.of(1, "a")));
            Set<Object> forward = new java.util.LinkedHashSet<>(List.of(3L, "x", 2.5));
            Set<Object> backward = new java.util.LinkedHashSet<>(List.of(2.5, "x", 3L));
            dict.put(forward, "set");
            assertEquals("set", dict.get(backward));
            assertEquals("set", dict.get(Set.of(3L, "x", 2.5)));
            dict.put(Map.of("k", 1, "j", List.of(2)), "map");
            Map<Object, Object> same = new java.util.TreeMap<>(Map.of("j", List.of(2), "k", 1));
            assertEquals("map", dict.get(same));
            assertEquals(3, dict.size());
            assertEquals(List.of(1, "a"), dict.keySet().stream().filter(k -> k instanceof List<?>).findFirst().get(),
                    "a stored list comes back equal");
        }
    }

    @Test
    @DisplayName("a damaged DiskList, salvaged by the Recover command: refused first; then the readable elements, in order, gaps closed")
    void recoverCommandOnList() throws IOException {
        Path dir = temp.resolve("list");
        try (DiskList<String> list = DiskList.builder(dir, String.class).averageElementSize(16).open()) {
            for (int i = 0; i < 10_000; i++) {
                list.add("e" + i);
            }
        }
        flipEntryBytes(StoreFiles.onlyPart(dir), 100, 7);
        assertThrows(DiskFormatException.class, () -> DiskList.open(dir, String.class));

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit = Recover.run(new String[] {dir.toString(), temp.resolve("list-saved").toString()},
                new java.io.PrintStream(out, true), System.err);
        assertEquals(1, exit, "entries were lost: " + out);
        assertTrue(out.toString().startsWith("saved "), out.toString());
        try (DiskList<String> saved = DiskList.open(temp.resolve("list-saved"), String.class)) {
            assertTrue(saved.size() > 9_000 && saved.size() < 10_000, "saved " + saved.size());
            int previous = -1;
            for (String element : saved) {
                int index = Integer.parseInt(element.substring(1));
                assertTrue(index > previous, "in order: " + index + " after " + previous);
                previous = index;
            }
        }
        assertEquals(2, Recover.run(new String[] {temp.resolve("nothing").toString(), temp.resolve("x").toString()},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(
                        new java.io.ByteArrayOutputStream())), "no collection there: exit 2");
    }

    @Test
    @DisplayName("a part truncated to half or to nothing: refused naming the file, never opened as an empty part")
    void truncatedParts() throws IOException {
        for (long keep : new long[] {-2, 0}) {
            Path dir = temp.resolve("trunc" + keep);
            try (DiskDict<Long, Long> dict = DiskDict.open(dir, Long.class, Long.class)) {
                for (long key = 0; key < 1_000; key++) {
                    dict.put(key, key);
                }
            }
            Path part = StoreFiles.onlyPart(dir);
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                channel.truncate(keep < 0 ? channel.size() / -keep : keep);
            }
            DiskFormatException e = assertThrows(DiskFormatException.class,
                    () -> DiskDict.open(dir, Long.class, Long.class), "truncated to " + keep);
            assertTrue(e.getMessage().contains(part.getFileName().toString()), e.getMessage());
            assertThrows(DiskFormatException.class, () -> DiskDict.open(dir, Long.class, Long.class),
                    "still refused: nothing was recreated");
        }
    }

    @Test
    @DisplayName("a DiskList whose size file is deleted or lowered: refused, not silently shorter")
    void listSizeCrossChecked() throws IOException {
        Path dir = temp.resolve("sized");
        try (DiskList<Long> list = DiskList.open(dir, Long.class)) {
            for (long i = 0; i < 100; i++) {
                list.add(i);
            }
        }
        byte[] size = Files.readAllBytes(dir.resolve("size"));
        Files.delete(dir.resolve("size"));
        DiskFormatException deleted = assertThrows(DiskFormatException.class, () -> DiskList.open(dir, Long.class));
        assertTrue(deleted.getMessage().contains("size"), deleted.getMessage());
        assertFalse(Files.exists(dir.resolve("size")), "nothing recreated");

        size[8] = 50; // the size, lowered (little-endian low byte on this machine)
        Files.write(dir.resolve("size"), size);
        DiskFormatException lowered = assertThrows(DiskFormatException.class, () -> DiskList.open(dir, Long.class));
        assertTrue(lowered.getMessage().contains("100") && lowered.getMessage().contains("50"), lowered.getMessage());
    }
}
