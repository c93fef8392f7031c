package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("DiskDict and DiskList: bad input gets a clear exception and loses nothing")
class BadInputTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("putAll with a null key or value, or one of another type, anywhere in the map: the exception, and nothing of the map written")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void putAllChecksEveryEntryFirst() {
        try (DiskDict<Integer, String> dict = DiskDict.open(temp.resolve("d"), Integer.class, String.class)) {
            dict.put(0, "kept");
            Map<Integer, String> nullValue = new java.util.LinkedHashMap<>();
            nullValue.put(1, "a");
            nullValue.put(2, null);
            NullPointerException value = assertThrows(NullPointerException.class, () -> dict.putAll(nullValue));
            assertTrue(value.getMessage().contains("key 2"), value.getMessage());
            Map<Integer, String> nullKey = new java.util.LinkedHashMap<>();
            nullKey.put(3, "c");
            nullKey.put(null, "x");
            assertThrows(NullPointerException.class, () -> dict.putAll(nullKey));
            Map raw = new java.util.LinkedHashMap<>();
            raw.put(4, "d");
            raw.put(5, 55L);
            assertThrows(ClassCastException.class, () -> dict.putAll(raw));
            assertEquals(Map.of(0, "kept"), Map.copyOf(dict), "nothing of the three maps was written");
            dict.putAll(Map.of(1, "a", 2, "b"));
            assertEquals(Map.of(0, "kept", 1, "a", 2, "b"), Map.copyOf(dict));
        }
    }

    @Test
    @DisplayName("DiskList.addAll at an index with a null element, or past the end: the exception, and nothing written; a good one inserts in order")
    void listAddAllAtAnIndexChecksFirst() {
        try (DiskList<String> list = DiskList.open(temp.resolve("l"), String.class)) {
            list.addAll(List.of("x", "y"));
            assertThrows(NullPointerException.class, () -> list.addAll(1, java.util.Arrays.asList("p", null)));
            IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class,
                    () -> list.addAll(3, List.of("q")));
            assertTrue(past.getMessage().contains("length 2"), past.getMessage());
            assertEquals(List.of("x", "y"), list, "nothing was written");
            assertTrue(list.addAll(1, List.of("a", "b", "c")));
            assertEquals(List.of("x", "a", "b", "c", "y"), list);
            assertFalse(list.addAll(5, List.of()));
        }
        try (DiskList<String> reopened = DiskList.open(temp.resolve("l"), String.class)) {
            assertEquals(List.of("x", "a", "b", "c", "y"), reopened);
        }
    }

    @Test
    @DisplayName("DiskList.removeIf with a filter that throws, or that changes the list, and removeAll/retainAll of null:"
            + " the exception, and nothing removed; a good one compacts in order")
    void listRemoveIfChecksFirst() {
        try (DiskList<Integer> list = DiskList.open(temp.resolve("l"), Integer.class)) {
            list.addAll(List.of(1, 2, 3, 4, 5, 6));
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> list.removeIf(x -> {
                if (x == 5) {
                    throw new IllegalStateException("filter failed at 5");
                }
                return x % 2 == 0;
            }));
            assertEquals("filter failed at 5", thrown.getMessage());
            assertEquals(List.of(1, 2, 3, 4, 5, 6), list, "nothing was removed");
            assertThrows(java.util.ConcurrentModificationException.class, () -> list.removeIf(x -> x == 6 && list.add(7)));
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), list, "only the filter's own add happened");
            assertThrows(NullPointerException.class, () -> list.removeAll(null));
            assertThrows(NullPointerException.class, () -> list.retainAll(null));
            assertThrows(NullPointerException.class, () -> list.removeIf(null));
            assertTrue(list.removeIf(x -> x % 2 == 0));
            assertEquals(List.of(1, 3, 5, 7), list);
            assertTrue(list.retainAll(List.of(3, 7, 9)));
            assertFalse(list.removeAll(List.of(1, 5)));
            assertEquals(List.of(3, 7), list);
        }
        try (DiskList<Integer> reopened = DiskList.open(temp.resolve("l"), Integer.class)) {
            assertEquals(List.of(3, 7), reopened);
        }
    }

    @Test
    @DisplayName("DiskList.replaceAll with an operator that throws or gives null, sort with a comparator that throws:"
            + " the exception, and nothing replaced; good ones replace and sort every element")
    void listReplaceAllAndSortCheckFirst() {
        try (DiskList<Integer> list = DiskList.open(temp.resolve("l"), Integer.class)) {
            list.addAll(List.of(3, 1, 2));
            assertThrows(ArithmeticException.class, () -> list.replaceAll(x -> 6 / (x - 2)));
            NullPointerException nothing = assertThrows(NullPointerException.class,
                    () -> list.replaceAll(x -> x == 2 ? null : x));
            assertTrue(nothing.getMessage().contains("element 2"), nothing.getMessage());
            assertThrows(IllegalStateException.class, () -> list.sort((a, b) -> {
                throw new IllegalStateException("no order");
            }));
            assertEquals(List.of(3, 1, 2), list, "nothing was replaced");
            list.replaceAll(x -> x * 10);
            list.sort(null);
            assertEquals(List.of(10, 20, 30), list);
        }
        try (DiskList<Integer> reopened = DiskList.open(temp.resolve("l"), Integer.class)) {
            assertEquals(List.of(10, 20, 30), reopened);
        }
    }

    @Test
    @DisplayName("use after close: IllegalStateException naming the directory, for every kind of call")
    void closed() {
        DiskDict<String, String> dict = DiskDict.open(temp.resolve("d"), String.class, String.class);
        dict.put("k", "v");
        dict.close();
        dict.close();
        IllegalStateException get = assertThrows(IllegalStateException.class, () -> dict.get("k"));
        assertTrue(get.getMessage().contains("closed"), get.getMessage());
        assertThrows(IllegalStateException.class, () -> dict.put("k", "w"));
        assertThrows(IllegalStateException.class, dict::size);
        assertThrows(IllegalStateException.class, () -> dict.get(42)); // other type: still closed
        assertThrows(IllegalStateException.class, () -> dict.entrySet().iterator().hasNext());
        DiskList<String> list = DiskList.open(temp.resolve("l"), String.class);
        list.add("x");
        list.close();
        assertThrows(IllegalStateException.class, () -> list.get(0));
        assertThrows(IllegalStateException.class, () -> list.add("y"));
        try (DiskDict<String, String> reopened = DiskDict.open(temp.resolve("d"), String.class, String.class);
             DiskList<String> relist = DiskList.open(temp.resolve("l"), String.class)) {
            assertEquals("v", reopened.get("k"));
            assertEquals(List.of("x"), relist);
        }
    }

    @Test
    @DisplayName("a value the codec cannot encode: IllegalArgumentException, nothing written, the rest intact")
    void cannotEncode() {
        try (DiskDict<String, Object> dict = DiskDict.open(temp.resolve("d"), String.class, Object.class);
             DiskList<Object> list = DiskList.open(temp.resolve("l"), Object.class)) {
            dict.put("k", 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> dict.put("k", new Object()));
            assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
            assertEquals(Map.of("k", 1), Map.copyOf(dict));
            list.add("a");
            assertThrows(IllegalArgumentException.class, () -> list.addAll(List.of("b", new Object())));
            assertEquals(List.of("a"), list, "addAll encodes everything before writing anything");
        }
        IllegalArgumentException noCodec = assertThrows(IllegalArgumentException.class,
                () -> DiskDict.open(temp.resolve("x"), String.class, Thread.class));
        assertTrue(noCodec.getMessage().contains("java.lang.Thread"), noCodec.getMessage());
    }

    @Test
    @DisplayName("null keys and values: NullPointerException, as ConcurrentMap requires; lookups of other types miss")
    void nulls() {
        try (DiskDict<String, String> dict = DiskDict.open(temp.resolve("d"), String.class, String.class);
             DiskList<String> list = DiskList.open(temp.resolve("l"), String.class)) {
            assertThrows(NullPointerException.class, () -> dict.put(null, "v"));
            assertThrows(NullPointerException.class, () -> dict.put("k", null));
            assertThrows(NullPointerException.class, () -> dict.get(null));
            assertThrows(NullPointerException.class, () -> list.add(null));
            assertEquals(null, dict.get(42));
            assertEquals(0, dict.size());
            assertEquals(0, list.size());
        }
    }

    @Test
    @DisplayName("a path that is a regular file, or a directory of other files: not a deco DiskDict, untouched")
    void notDecoFiles() throws IOException {
        Path file = Files.writeString(temp.resolve("plain.txt"), "hello");
        IllegalStateException regular = assertThrows(IllegalStateException.class,
                () -> DiskDict.open(file, String.class, String.class));
        assertTrue(regular.getMessage().contains("is a file"), regular.getMessage());
        assertEquals("hello", Files.readString(file));

        Path foreign = Files.createDirectories(temp.resolve("foreign"));
        Files.writeString(foreign.resolve("data.bin"), "x");
        IllegalStateException dir = assertThrows(IllegalStateException.class,
                () -> DiskDict.open(foreign, String.class, String.class));
        assertTrue(dir.getMessage().contains("is not a deco deco.DiskDict") && dir.getMessage().contains("data.bin"),
                dir.getMessage());
        assertEquals(List.of("data.bin"), Files.list(foreign).map(p -> p.getFileName().toString())
                .filter(n -> !n.equals("lock")).toList());
    }

    @Test
    @DisplayName("a truncated part file or a damaged manifest: a clear exception naming the file")
    void damaged() throws IOException {
        Path dir = temp.resolve("d");
        try (DiskDict<Long, Long> dict = DiskDict.open(dir, Long.class, Long.class)) {
            dict.put(1L, 1L);
        }
        try (FileChannel part = FileChannel.open(StoreFiles.onlyPart(dir), StandardOpenOption.WRITE)) {
            part.truncate(100);
        }
        IllegalStateException truncated = assertThrows(IllegalStateException.class,
                () -> DiskDict.open(dir, Long.class, Long.class));
        assertTrue(truncated.getMessage().contains(StoreFiles.onlyPart(dir).getFileName().toString()),
                truncated.getMessage());

        Path other = temp.resolve("m");
        try (DiskDict<Long, Long> dict = DiskDict.open(other, Long.class, Long.class)) {
            dict.put(1L, 1L);
        }
        Files.writeString(other.resolve("deco.properties"), "version=1\nformat=deco.DiskDict\n");
        IllegalStateException manifest = assertThrows(IllegalStateException.class,
                () -> DiskDict.open(other, Long.class, Long.class));
        assertTrue(manifest.getMessage().contains("deco.properties"), manifest.getMessage());
    }

    @Test
    @DisplayName("a directory that cannot be created: UncheckedIOException naming it")
    void cannotCreate() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> DiskDict.open(file.resolve("sub"), String.class, String.class));
        assertTrue(e.getMessage().contains("sub"), e.getMessage());
    }

    @Test
    @DisplayName("read-only: reads work, every write throws UnsupportedOperationException, nothing changes; a missing one is not created")
    void readOnly() throws IOException {
        Path dir = temp.resolve("ro");
        Path listDir = temp.resolve("rolist");
        try (DiskDict<String, Integer> dict = DiskDict.open(dir, String.class, Integer.class);
             DiskList<String> list = DiskList.open(listDir, String.class)) {
            dict.put("a", 1);
            list.add("x");
        }
        Map<Path, byte[]> before = DiskDictAcceptanceTest.snapshot(dir);
        try (DiskDict<String, Integer> dict = DiskDict.builder(dir, String.class, Integer.class).readOnly().open();
             DiskList<String> list = DiskList.builder(listDir, String.class).readOnly().open()) {
            assertTrue(dict.isReadOnly());
            assertEquals(1, dict.get("a"));
            assertThrows(UnsupportedOperationException.class, () -> dict.put("b", 2));
            assertThrows(UnsupportedOperationException.class, () -> dict.remove("a"));
            assertThrows(UnsupportedOperationException.class, () -> dict.merge("a", 1, Integer::sum));
            assertThrows(UnsupportedOperationException.class, dict::clear);
            assertEquals(List.of("x"), list);
            assertThrows(UnsupportedOperationException.class, () -> list.add("y"));
            assertThrows(UnsupportedOperationException.class, () -> list.set(0, "y"));
            assertThrows(UnsupportedOperationException.class, () -> list.remove(0));
        }
        DiskDictAcceptanceTest.assertSnapshot(before, DiskDictAcceptanceTest.snapshot(dir));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> DiskDict.builder(temp.resolve("none"), String.class, Integer.class).readOnly().open());
        assertTrue(missing.getMessage().contains("read-only"), missing.getMessage());
        assertTrue(Files.notExists(temp.resolve("none")));
    }

    @Test
    @DisplayName("bad builder options: IllegalArgumentException naming the option")
    void badOptions() {
        IllegalArgumentException capacity = assertThrows(IllegalArgumentException.class,
                () -> DiskDict.builder(temp, String.class, String.class).initialCapacity(0));
        assertTrue(capacity.getMessage().contains("initialCapacity"));
        assertThrows(IllegalArgumentException.class,
                () -> DiskDict.builder(temp, String.class, String.class).averageValueSize(-1));
        assertThrows(NullPointerException.class, () -> DiskDict.open(null, String.class, String.class));
    }

    @Test
    @DisplayName("a process out of file descriptors (ulimit -n 200): 'too many open files', not 'damaged', not NoClassDefFoundError")
    void tooManyOpenFiles() throws Exception {
        List<String> jvm = ChildJvm.builder(List.of(), ChildMains.OpenUntilFailure.class,
                temp.resolve("many").toString()).command();
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", "ulimit -n 200 && exec \"$@\"", "bash"));
        command.addAll(jvm);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(output.contains("too many open files") && output.contains("ulimit -n")
                && !output.contains("damaged") && !output.contains("NoClassDefFoundError"), output);
    }
}
