package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL in the middle of a DiskList operation that writes many elements
 * (the shift of {@code add(i, e)} and {@code remove(i)}, {@code addAll}, {@code clear}) leaves a
 * list that the next process to open it alone finds as it was before that operation or after it:
 * never with an element twice, one missing, or a size that disagrees with its elements. The child
 * is stopped (SIGSTOP) until it is caught with a shift recorded, then killed there, so the shifts
 * are cut short every run; appends and clears are killed after a line they print.
 */
@DisplayName("DiskList: a writer killed mid-operation leaves the list as before or after it, never in between")
class DiskListKilledTest {

    private static final int N = 20_000;

    @TempDir
    Path temp;

    @Test
    @DisplayName("killed while add(0, e) shifts 20,000 elements up: -1 × k, then 0..19,999")
    void killedInsert() throws Exception {
        Path dir = listOf(N);
        long done = killMidShift(dir, "insert");
        List<Long> list = reopened(dir);
        int inserted = list.size() - N;
        assertTrue(inserted > done, "inserts " + inserted + ", the one cut short finished, after " + done + " returned");
        List<Long> expected = new ArrayList<>(LongStream.range(0, inserted).mapToObj(i -> -1L).toList());
        expected.addAll(LongStream.range(0, N).boxed().toList());
        assertEquals(expected, list);
    }

    @Test
    @DisplayName("killed while remove(0) shifts the elements down: k..19,999")
    void killedRemove() throws Exception {
        Path dir = listOf(N);
        long done = killMidShift(dir, "remove");
        List<Long> list = reopened(dir);
        int removed = N - list.size();
        assertTrue(removed > done, "removes " + removed + ", the one cut short finished, after " + done + " returned");
        assertEquals(LongStream.range(removed, N).boxed().toList(), list);
    }

    @Test
    @DisplayName("killed while addAll appends 5,000 elements: whole chunks only")
    void killedAppend() throws Exception {
        Path dir = listOf(N);
        long done = killDuring(dir, "append", "op 3");
        List<Long> list = reopened(dir);
        assertTrue(list.size() == N + 5_000 * done || list.size() == N + 5_000 * (done + 1), "size " + list.size());
        assertEquals(LongStream.range(0, list.size()).boxed().toList(), list);
    }

    @Test
    @DisplayName("killed while clear() empties 20,000 elements: empty, or all 20,000")
    void killedClear() throws Exception {
        Path dir = listOf(0);
        killDuring(dir, "clear", "filled 2");
        List<Long> list = reopened(dir);
        assertTrue(list.isEmpty() || list.equals(LongStream.range(0, 20_000).boxed().toList()),
                "size " + list.size());
    }

    @Test
    @DisplayName("killed mid add(0, e), then salvaged without opening: the element not yet placed is left out, counted as lost, and said")
    void killedInsertSalvaged() throws Exception {
        Path dir = listOf(N);
        killMidShift(dir, "insert");
        Salvage salvage = DiskList.recover(dir, temp.resolve("saved"), Long.class);
        assertEquals(1, salvage.lost(), salvage.toString());
        assertTrue(salvage.problems().contains("an element that an add(index, element) cut short had not placed"
                + " yet was left out"), salvage.toString());
        try (DiskList<Long> saved = DiskList.open(temp.resolve("saved"), Long.class)) {
            assertTrue(saved.size() >= N, "every position kept: " + saved.size());
        }
    }

    private Path listOf(int n) {
        Path dir = temp.resolve("list");
        try (DiskList<Long> list = DiskList.open(dir, Long.class)) {
            list.addAll(LongStream.range(0, n).boxed().toList());
        }
        return dir;
    }

    /** Starts a mutator, kills it once it printed {@code line}; returns how many operations returned. */
    private long killDuring(Path dir, String mode, String line) throws Exception {
        Process child = ChildJvm.builder(List.of(), ChildMains.ListMutator.class, dir.toString(), mode)
                .redirectError(temp.resolve("err.log").toFile()).start();
        long done = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String said = out.readLine(); said != null; said = out.readLine()) {
                if (said.startsWith("op ")) {
                    done = Long.parseLong(said.substring(3));
                }
                if (said.equals(line)) {
                    break;
                }
            }
            child.destroyForcibly(); // SIGKILL: the next operation has begun
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(done > 0 || line.startsWith("filled"), "mutator ran: " + Files.readString(temp.resolve("err.log")));
        return done;
    }

    /**
     * Starts a mutator, lets one operation return, then stops the child (SIGSTOP) until it is
     * stopped with a shift recorded in {@code size.shift} — inside an insert or remove — and kills
     * it there (SIGKILL); returns how many operations had returned when it was first seen.
     */
    private long killMidShift(Path dir, String mode) throws Exception {
        Process child = ChildJvm.builder(List.of(), ChildMains.ListMutator.class, dir.toString(), mode)
                .redirectError(temp.resolve("err.log").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String said = out.readLine();
            assertEquals("op 1", said, "mutator ran: " + Files.readString(temp.resolve("err.log")));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                assertTrue(System.nanoTime() < deadline, "never found the child mid-shift");
                signal(child, "-STOP");
                while (!stopped(child)) {
                    assertTrue(System.nanoTime() < deadline, "the child does not stop");
                    Thread.onSpinWait();
                }
                if (shiftInProgress(dir)) {
                    break;
                }
                signal(child, "-CONT");
            }
            child.destroyForcibly(); // SIGKILL while stopped mid-shift
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        return 1;
    }

    private static void signal(Process child, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(child.pid())).start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill " + signal);
    }

    /** Whether the child's state in /proc is T (stopped). */
    private static boolean stopped(Process child) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(child.pid()), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
    }

    /** Whether {@code size.shift} records a shift (its value, after the magic number, is not 0). */
    private static boolean shiftInProgress(Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve("size.shift"));
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getLong(8) != 0;
    }

    private static List<Long> reopened(Path dir) {
        try (DiskList<Long> list = DiskList.open(dir, Long.class)) {
            return new ArrayList<>(list);
        }
    }
}
