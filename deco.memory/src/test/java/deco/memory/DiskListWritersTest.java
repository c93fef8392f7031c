package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several writers of one DiskList — instances in one JVM, processes — take turns through the
 * list's writer lock: nothing is lost, no position is written twice, and a writer that died
 * holding the lock is taken over, its operation finished, without waiting.
 */
@DisplayName("DiskList: several writers, in one JVM and in several processes")
class DiskListWritersTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("two instances of one directory in one JVM append 30,000 elements each at once: every element once, each writer's in its order")
    void twoInstancesInOneJvm() throws Exception {
        Path dir = temp.resolve("list");
        CountDownLatch start = new CountDownLatch(1);
        try (DiskList<Long> a = DiskList.open(dir, Long.class); DiskList<Long> b = DiskList.open(dir, Long.class);
             ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> done = new ArrayList<>();
            for (DiskList<Long> list : List.of(a, b)) {
                long base = list == a ? 0 : 1_000_000;
                done.add(pool.submit(() -> {
                    start.await();
                    for (long i = base; i < base + 30_000; i++) {
                        list.add(i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            assertWritersKept(a, 30_000);
            assertWritersKept(b, 30_000);
        }
    }

    @Test
    @DisplayName("two child JVMs create one new list and append 50,000 elements each at once: every element once, each writer's in its order")
    void twoProcesses() throws Exception {
        Path dir = temp.resolve("shared");
        // not created here: both children create it at once
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outs = startTogether(ChildMains.ListAppender.class, children,
                new String[] {dir.toString(), "0", "50000"}, new String[] {dir.toString(), "1000000", "50000"});
        for (int c = 0; c < children.size(); c++) {
            assertEquals("done", outs.get(c).readLine(), "child finished: " + errors());
            assertExited(children.get(c));
        }
        try (DiskList<Long> list = DiskList.open(dir, Long.class)) {
            assertWritersKept(list, 50_000);
        }
    }

    @Test
    @DisplayName("two child JVMs make 1,500 random appends, inserts, removes and sets each at once on one list: it holds exactly what was added or set and not removed or replaced, each once")
    void randomWritersInTwoProcesses() throws Exception {
        Path dir = temp.resolve("churned");
        try (DiskList<Long> list = DiskList.open(dir, Long.class)) {
            list.addAll(LongStream.range(0, 500).boxed().toList());
        }
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outs = startTogether(ChildMains.ListChurner.class, children,
                new String[] {dir.toString(), "1000000", "1500", "1000000"},
                new String[] {dir.toString(), "2000000", "1500", "2000000"});
        java.util.Set<Long> expected = new java.util.HashSet<>();
        LongStream.range(0, 500).forEach(expected::add);
        List<String> removed = new ArrayList<>();
        for (int c = 0; c < children.size(); c++) {
            for (String line = outs.get(c).readLine(); !"done".equals(line); line = outs.get(c).readLine()) {
                assertTrue(line != null, "child finished: " + errors());
                switch (line.charAt(0)) {
                    case '+' -> assertTrue(expected.add(Long.parseLong(line.substring(1))), line);
                    case '-' -> removed.add(line.substring(1));
                    default -> {
                        String[] oldAndNew = line.substring(1).split(">");
                        removed.add(oldAndNew[0]);
                        assertTrue(expected.add(Long.parseLong(oldAndNew[1])), line);
                    }
                }
            }
            assertExited(children.get(c));
        }
        for (String value : removed) { // each value leaves once: removed, or replaced by a set
            assertTrue(expected.remove(Long.parseLong(value)), "removed twice or never there: " + value);
        }
        try (DiskList<Long> list = DiskList.open(dir, Long.class)) {
            List<Long> held = new ArrayList<>(list);
            assertEquals(expected.size(), held.size(), "elements lost, doubled or invented");
            assertEquals(expected, new java.util.HashSet<>(held));
        }
    }

    @Test
    @DisplayName("a writer killed holding the lock inside add(0, e), while this process has the list open: the next write here takes the lock over and finishes that insert first")
    void writerDiedHoldingTheLock() throws Exception {
        Path dir = temp.resolve("died");
        try (DiskList<Long> list = DiskList.open(dir, Long.class)) {
            list.addAll(LongStream.range(0, 1_000).boxed().toList());
            killMid(dir, "insert", "400"); // the writer lock held, 400 of 1,000 elements moved
            CompletableFuture.runAsync(() -> list.add(1_000L)).get(30, TimeUnit.SECONDS); // never a hang
            List<Long> expected = new ArrayList<>();
            expected.add(-1L);
            LongStream.rangeClosed(0, 1_000).forEach(expected::add);
            assertEquals(expected, new ArrayList<>(list));
            assertEquals(1_002, list.size());
        }
        try (DiskList<Long> reopened = DiskList.open(dir, Long.class)) {
            assertEquals(1_002, reopened.size());
            assertEquals(1_000L, reopened.getLast());
        }
    }

    @Test
    @DisplayName("a reader finds a position that a writer killed inside remove(size - 1) had removed, the size not committed: never null — a writable instance finishes that remove and says the index is out of range, a read-only one says the position is being moved")
    void readerOfAPositionBeingRemoved() throws Exception {
        Path dir = temp.resolve("removing");
        try (DiskList<Long> list = DiskList.open(dir, Long.class)) {
            list.addAll(LongStream.range(0, 100).boxed().toList());
            killMid(dir, "remove-last");
            try (DiskList<Long> reader = DiskList.builder(dir, Long.class).readOnly().open()) {
                assertEquals(100, reader.size(), "the size is not committed yet");
                java.util.ConcurrentModificationException moving = assertThrows(
                        java.util.ConcurrentModificationException.class, () -> reader.get(99));
                assertTrue(moving.getMessage().contains("position 99"), moving.getMessage());
                assertEquals(98L, reader.get(98));
            }
            IndexOutOfBoundsException gone = assertThrows(IndexOutOfBoundsException.class, () -> list.get(99));
            assertTrue(gone.getMessage().contains("length 99"), gone.getMessage());
            assertEquals(LongStream.range(0, 99).boxed().toList(), new ArrayList<>(list));
        }
    }

    /**
     * Starts one child JVM of {@code main} per argument list, waits until each says "ready", then
     * tells them all to go, so their writes overlap; returns their outputs, in order.
     */
    private List<BufferedReader> startTogether(Class<?> main, List<Process> children, String[]... argsPerChild)
            throws Exception {
        List<BufferedReader> outs = new ArrayList<>();
        for (String[] args : argsPerChild) {
            Process child = ChildJvm.builder(List.of(), main, args)
                    .redirectError(temp.resolve("err-" + children.size() + ".log").toFile()).start();
            children.add(child);
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            outs.add(out);
            assertEquals("ready", out.readLine(), "child started: " + errors());
        }
        for (Process child : children) {
            OutputStream in = child.getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
        return outs;
    }

    private void assertExited(Process child) throws Exception {
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), errors());
    }

    /** Starts a {@link ChildMains.DeadWriter} in {@code mode}, waits until it is mid-operation, kills it. */
    private void killMid(Path dir, String... mode) throws Exception {
        List<String> args = new ArrayList<>(List.of(dir.toString()));
        args.addAll(List.of(mode));
        Process child = ChildJvm.builder(List.of(), ChildMains.DeadWriter.class, args.toArray(String[]::new))
                .redirectError(temp.resolve("err.log").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("mid", out.readLine(), "the child began its operation: " + errors());
            child.destroyForcibly(); // SIGKILL, the writer lock held
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
    }

    /** Every element of the writers based at 0 and 1,000,000 is there once, each writer's in order. */
    private static void assertWritersKept(DiskList<Long> list, int each) {
        assertEquals(2 * each, list.size(), "elements lost or doubled");
        long nextLow = 0;
        long nextHigh = 1_000_000;
        for (long element : list) {
            if (element < 1_000_000) {
                assertEquals(nextLow++, element, "the first writer's elements, in order");
            } else {
                assertEquals(nextHigh++, element, "the second writer's elements, in order");
            }
        }
        assertEquals(each, nextLow);
        assertEquals(1_000_000 + each, nextHigh);
    }

    private String errors() throws java.io.IOException {
        StringBuilder all = new StringBuilder();
        try (var logs = Files.list(temp)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                all.append(Files.readString(log));
            }
        }
        return all.toString();
    }
}
