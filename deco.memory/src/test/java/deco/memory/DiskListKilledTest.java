package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** Caught inside the shift of {@code add(0, e)}. */
    private static final Predicate<ListSize.State> MID_INSERT = state -> state.target() > state.committed();
    /** Caught inside the shift of {@code addAll(0, c)} of three elements, some moved. */
    private static final Predicate<ListSize.State> MID_INSERT_ALL = state -> state.target() == state.committed() + 3
            && state.shiftStep() < state.committed() && state.shiftStep() > 0;
    /** Caught inside the shift of {@code subList(0, 3).clear()}, some moved. */
    private static final Predicate<ListSize.State> MID_REMOVE_RANGE = state -> state.target() >= 0
            && state.target() == state.committed() - 3 && state.shiftStep() > 0;
    /** Caught inside a {@code removeIf}'s compaction, its kept elements staged. */
    private static final Predicate<ListSize.State> MID_REPLACE = state -> state.shiftStep() == ListMutations.REPLACING;
    /** Caught inside the shift of {@code remove(0)}. */
    private static final Predicate<ListSize.State> MID_REMOVE = state -> state.target() >= 0
            && state.target() < state.committed();
    /** Caught inside {@code set(i, e)}, its element staged. */
    private static final Predicate<ListSize.State> MID_SET = state -> state.target() < 0 && state.shiftIndex() >= 0;
    /** The move in progress writes over an element (not the new last position, not the last remove) from another. */
    private static final Predicate<ListSize.State> MOVE_OVER_AN_ELEMENT = state -> state.shiftStep() > 0
            && state.shiftStep() < Math.min(state.committed(), state.target());

    @TempDir
    Path temp;

    @Test
    @DisplayName("killed while add(0, e) shifts 20,000 elements up: -1 × k, then 0..19,999")
    void killedInsert() throws Exception {
        Path dir = listOf(N);
        ListSize.State cut = killMidShift(dir, "insert", MID_INSERT);
        assertEquals(afterInserts(cut), reopened(dir));
    }

    @Test
    @DisplayName("killed while addAll(0, [-1, -2, -3]) shifts 20,000 elements up by three at once: [-1, -2, -3] × k,"
            + " then 0..19,999")
    void killedInsertAll() throws Exception {
        Path dir = listOf(N);
        ListSize.State cut = killMidShift(dir, "insert-all", MID_INSERT_ALL);
        assertEquals(afterInsertAlls(cut), reopened(dir));
    }

    @Test
    @DisplayName("killed mid addAll(0, [-1, -2, -3]), then salvaged without opening: the salvage keeps the three"
            + " staged elements and finishes the insert as an open would; nothing lost")
    void killedInsertAllSalvaged() throws Exception {
        Path dir = listOf(N);
        ListSize.State cut = killMidShift(dir, "insert-all", MID_INSERT_ALL);
        Salvage salvage = salvageFinishing(dir, "an add(index, element)");
        assertEquals(0, salvage.lost(), salvage.toString());
        assertEquals(cut.target(), salvage.saved());
        assertEquals(afterInsertAlls(cut), reopened(temp.resolve("saved")));
    }

    @Test
    @DisplayName("killed inside the write of the element add(0, e) was moving (its checksum left stale): recovery"
            + " drops that entry, the shift writes it again; -1 × k, then 0..19,999")
    void killedInsertWithTornMove() throws Exception {
        Path dir = listOf(N);
        ListSize.State cut = killMidShift(dir, "insert", MID_INSERT.and(MOVE_OVER_AN_ELEMENT));
        tearMovedElement(dir, cut, -1);
        assertEquals(afterInserts(cut), reopened(dir));
        assertTrue(Files.readString(dir.resolve(deco.memory.store.OpenStores.RECOVERED)).contains("key: "
                + cut.shiftStep()), "the torn entry was dropped and logged");
    }

    @Test
    @DisplayName("killed while remove(0) shifts the elements down: k..19,999")
    void killedRemove() throws Exception {
        Path dir = listOf(N);
        ListSize.State cut = killMidShift(dir, "remove", MID_REMOVE);
        assertEquals(afterRemoves(cut), reopened(dir));
    }

    @Test
    @DisplayName("killed while subList(0, 3).clear() shifts the elements down by three at once: 3k..19,999")
    void killedRemoveRange() throws Exception {
        Path dir = listOf(N);
        ListSize.State cut = killMidShift(dir, "remove-range", MID_REMOVE_RANGE);
        assertEquals(afterRemoves(cut), reopened(dir));
    }

    @Test
    @DisplayName("killed while removeIf(x -> x == first) compacts 20,000 elements: finished, so one element is"
            + " removed and every other is there once, in order")
    void killedRemoveIf() throws Exception {
        Path dir = listOf(N);
        killMidShift(dir, "remove-if", MID_REPLACE);
        assertRotationMissingOne(reopened(dir));
    }

    @Test
    @DisplayName("killed mid removeIf, then salvaged without opening: the salvage keeps the staged copies and"
            + " finishes the compaction as an open would; nothing lost")
    void killedRemoveIfSalvaged() throws Exception {
        Path dir = listOf(N);
        killMidShift(dir, "remove-if", MID_REPLACE);
        Salvage salvage = salvageFinishing(dir, "a removeIf, removeAll, retainAll, replaceAll or sort");
        assertEquals(0, salvage.lost(), salvage.toString());
        assertRotationMissingOne(reopened(temp.resolve("saved")));
    }

    @Test
    @DisplayName("killed while sort writes 20,000 elements back: finished, so the list is sorted (up or down) and"
            + " holds every element once")
    void killedSort() throws Exception {
        Path dir = listOf(N);
        killMidShift(dir, "sort", MID_REPLACE);
        List<Long> sorted = reopened(dir);
        List<Long> up = LongStream.range(0, N).boxed().toList();
        assertTrue(sorted.equals(up) || sorted.equals(up.reversed()), "sorted up or down: " + sorted.subList(0, 5));
    }

    /** {@code k+1 .. N-1, 0 .. k-1} for some {@code k}: the rotated list with the element removeIf took out. */
    private static void assertRotationMissingOne(List<Long> list) {
        assertEquals(N - 1, list.size());
        long start = list.get(0);
        for (int i = 0; i < list.size(); i++) {
            assertEquals((start + i) % N, list.get(i), "position " + i);
        }
    }

    @Test
    @DisplayName("killed inside the write of the element remove(0) was moving: recovery drops it, the shift writes"
            + " it again; k..19,999")
    void killedRemoveWithTornMove() throws Exception {
        Path dir = listOf(N);
        ListSize.State cut = killMidShift(dir, "remove", MID_REMOVE.and(MOVE_OVER_AN_ELEMENT));
        tearMovedElement(dir, cut, +1);
        assertEquals(afterRemoves(cut), reopened(dir));
    }

    @Test
    @DisplayName("killed inside set(i, e) with the element's checksum left stale: recovery drops it, the open writes"
            + " e there again from its staged copy; every other position as the sets before left it")
    void killedSetWithTornWrite() throws Exception {
        Path dir = listOf(N);
        ListSize.State cut = killMidShift(dir, "set", MID_SET);
        long key = cut.shiftIndex();
        StoreFiles.breakEntry(dir, key, value -> value == key || value < 0 && -value % N == key);
        List<Long> list = reopened(dir);
        assertEquals(N, list.size());
        long last = -list.get((int) key); // the set cut short is finished: its value is the newest
        assertTrue(last > 0 && last % N == key, "position " + key + " holds the staged element: " + list.get((int) key));
        assertEquals(afterSets(last), list);
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
    @DisplayName("killed mid add(0, e) with the moving element torn, then salvaged without opening: the salvage"
            + " finishes the insert as an open would; nothing lost, and it says so")
    void killedInsertSalvaged() throws Exception {
        Path dir = listOf(N);
        ListSize.State cut = killMidShift(dir, "insert", MID_INSERT.and(MOVE_OVER_AN_ELEMENT));
        tearMovedElement(dir, cut, -1);
        Salvage salvage = salvageFinishing(dir, "an add(index, element)");
        assertEquals(0, salvage.lost(), salvage.toString());
        assertTrue(salvage.problems().stream().anyMatch(p -> p.startsWith("1 of the entries left out held positions"
                + " that finishing the operation cut short wrote again")), salvage.toString());
        assertEquals(cut.target(), salvage.saved());
        assertEquals(afterInserts(cut), reopened(temp.resolve("saved")));
    }

    @Test
    @DisplayName("killed mid remove(0) after a set had left its staged copy, then salvaged without opening: the"
            + " remove is finished, the copy is no position; nothing lost")
    void killedRemoveSalvaged() throws Exception {
        Path dir = listOf(N);
        ListSize.State cut = killMidShift(dir, "staged-remove", MID_REMOVE);
        salvageFinishing(dir, "a remove(index)");
        assertEquals(afterRemoves(cut), reopened(temp.resolve("saved")));
    }

    @Test
    @DisplayName("killed mid set(i, e), then salvaged without opening: the set is finished from its staged copy")
    void killedSetSalvaged() throws Exception {
        Path dir = listOf(N);
        ListSize.State cut = killMidShift(dir, "set", MID_SET);
        salvageFinishing(dir, "a set(index, element)");
        List<Long> saved = reopened(temp.resolve("saved"));
        assertEquals(afterSets(-saved.get(cut.shiftIndex())), saved);
    }

    /**
     * Position 512 is there because the entry of position 2, read one byte earlier, looks like an
     * entry of 512: a damage helper that scanned every offset broke position 2 instead.
     */
    @ParameterizedTest(name = "position {0} of a killed writer's list damaged before the next open: the open refuses,"
            + " naming recovered.txt; the salvage counts that position as lost (it is not complete)")
    @ValueSource(longs = {123, 512})
    void positionDroppedAfterKill(long position) throws Exception {
        Path dir = listOf(N);
        killDuring(dir, "hold", "op 1");
        StoreFiles.breakEntry(dir, position, value -> value == position);
        DiskFormatException refused = assertThrows(DiskFormatException.class, () -> DiskList.open(dir, Long.class));
        assertTrue(refused.getMessage().contains(deco.memory.store.OpenStores.RECOVERED), refused.getMessage());
        Salvage salvage = DiskList.recover(dir, temp.resolve("saved"), Long.class);
        assertEquals(1, salvage.lost(), salvage.toString());
        assertFalse(salvage.complete());
        assertTrue(salvage.problems().stream().anyMatch(p -> p.startsWith("1 position(s) were missing with no entry to"
                + " show for them")), salvage.toString());
        assertEquals(LongStream.range(0, N).filter(i -> i != position).boxed().toList(),
                reopened(temp.resolve("saved")));
    }

    /** Salvages the killed list into "saved", checking that it finished {@code operation} and lost nothing. */
    private Salvage salvageFinishing(Path dir, String operation) {
        Salvage salvage = DiskList.recover(dir, temp.resolve("saved"), Long.class);
        assertTrue(salvage.complete(), salvage.toString());
        assertTrue(salvage.problems().contains(operation + " cut short was finished, as opening the list would have"),
                salvage.toString());
        return salvage;
    }

    /** The list after the inserts of -1 at 0 that the kill cut short ({@code cut}) finished. */
    private static List<Long> afterInserts(ListSize.State cut) {
        List<Long> expected = new ArrayList<>(LongStream.range(0, cut.target() - N).mapToObj(i -> -1L).toList());
        expected.addAll(LongStream.range(0, N).boxed().toList());
        return expected;
    }

    /** The list after the inserts of [-1, -2, -3] at 0 that the kill cut short ({@code cut}) finished. */
    private static List<Long> afterInsertAlls(ListSize.State cut) {
        List<Long> expected = new ArrayList<>();
        for (long op = 0; op < (cut.target() - N) / 3; op++) {
            expected.addAll(List.of(-1L, -2L, -3L));
        }
        expected.addAll(LongStream.range(0, N).boxed().toList());
        return expected;
    }

    /** The list after the removes at 0 that the kill cut short ({@code cut}) finished. */
    private static List<Long> afterRemoves(ListSize.State cut) {
        return LongStream.range(N - cut.target(), N).boxed().toList();
    }

    /** The list 0..N-1 after {@code set(op % N, -op)} for op = 1..last. */
    private static List<Long> afterSets(long last) {
        Long[] expected = LongStream.range(0, N).boxed().toArray(Long[]::new);
        for (long op = Math.max(1, last - N + 1); op <= last; op++) {
            expected[(int) (op % N)] = -op;
        }
        return List.of(expected);
    }

    /**
     * Leaves the checksum of the element at the position the cut-short shift was writing stale, as a
     * kill inside that write would: it holds its old value, or the one {@code from} positions away.
     */
    private static void tearMovedElement(Path dir, ListSize.State cut, int from) {
        long step = cut.shiftStep();
        List<Long> before = from < 0 ? afterInserts(new ListSize.State(cut.committed(), cut.committed(), 0))
                : afterRemoves(new ListSize.State(cut.committed(), cut.committed(), 0));
        long old = before.get((int) step);
        long moved = before.get((int) (from < 0 ? step - 1 : step + 1));
        StoreFiles.breakEntry(dir, step, value -> value == old || value == moved);
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
     * stopped with its counters in a state {@code caught} accepts — inside an insert, remove or set —
     * and kills it there (SIGKILL); returns the counters it left.
     */
    private ListSize.State killMidShift(Path dir, String mode, Predicate<ListSize.State> caught) throws Exception {
        Process child = ChildJvm.builder(List.of(), ChildMains.ListMutator.class, dir.toString(), mode)
                .redirectError(temp.resolve("err.log").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String said = out.readLine();
            assertEquals("op 1", said, "mutator ran: " + Files.readString(temp.resolve("err.log")));
            drain(out); // or the child fills its stdout pipe and every stop finds it blocked printing
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                assertTrue(System.nanoTime() < deadline, "never found the child mid-operation");
                signal(child, "-STOP");
                while (!stopped(child)) {
                    assertTrue(System.nanoTime() < deadline, "the child does not stop");
                    Thread.onSpinWait();
                }
                ListSize.State state = ListSize.read(dir);
                if (state.shiftIndex() >= 0 && caught.test(state)) {
                    child.destroyForcibly(); // SIGKILL while stopped mid-operation
                    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                    return state;
                }
                signal(child, "-CONT");
            }
        } finally {
            child.destroyForcibly();
        }
    }

    /** Reads and drops the rest of a child's output on a thread of its own, until it ends. */
    private static void drain(BufferedReader out) {
        Thread.ofVirtual().start(() -> {
            try {
                while (out.readLine() != null) {
                    // dropped
                }
            } catch (IOException closed) {
                // the test closed the stream: the child is gone
            }
        });
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

    private static List<Long> reopened(Path dir) {
        try (DiskList<Long> list = DiskList.open(dir, Long.class)) {
            return new ArrayList<>(list);
        }
    }
}
