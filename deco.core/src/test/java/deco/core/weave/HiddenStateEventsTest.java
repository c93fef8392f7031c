package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.core.weave.fixtures.HiddenState;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A call whose method reads hidden state (a field, a static, application code) waits for pending
 * tasks that write hidden state while they run (decision 032). Checked on the weaving plan, where
 * the event goes, because which of two released tasks runs first is up to the scheduler.
 */
@DisplayName("Weaver: a call reading hidden state waits for tasks writing it")
class HiddenStateEventsTest {

    private static final ClassBytesSource CLASSES = ClassBytesSource.of(HiddenStateEventsTest.class.getClassLoader());

    private final ClassModel model = FixtureClasses.parse(HiddenState.class);

    @Test
    @DisplayName("a parameter written by a task: the later call reading a static waits; one reading nothing does not")
    void parameterWrittenByTask() {
        SynchronizedPlan plan = plan("writeParameterThenReadStatic");
        assertTrue(plan.syncBefore.contains(call("writeParameterThenReadStatic", "readCell")),
                "readCell() may read the array addTo(cell, 5) is writing");
        assertFalse(plan.syncBefore.contains(call("writeParameterThenReadStatic", "plusOne")));
    }

    @Test
    @DisplayName("an array the method made itself: no other code reaches it, so no event")
    void localWrittenByTask() {
        SynchronizedPlan plan = plan("writeLocalThenReadStatic");
        assertFalse(plan.syncBefore.contains(call("writeLocalThenReadStatic", "readCell")));
    }

    @Test
    @DisplayName("application code in the loop waits only while a pending call reads hidden state, helpers included")
    void applicationCodeInTheLoop() {
        assertFalse(plan("pureHelperThenProgress").syncBefore.contains(call("pureHelperThenProgress", "tick")),
                "squareOf's helper reads only its argument");
        assertTrue(plan("hiddenHelperThenProgress").syncBefore.contains(call("hiddenHelperThenProgress", "tick")),
                "scaledOf's helper reads SCALE, which tick() writes");
    }

    @Test
    @DisplayName("an application call in the loop that only reads a static waits only for tasks writing hidden state")
    void summarisedApplicationCallsInTheLoop() {
        assertFalse(plan("hiddenReaderThenStaticReader").syncBefore.contains(
                call("hiddenReaderThenStaticReader", "progressNow")), "both only read");
        assertTrue(plan("hiddenWriterThenStaticReader").syncBefore.contains(
                call("hiddenWriterThenStaticReader", "progressNow")), "progressNow() may read the array addTo writes");
    }

    @Test
    @DisplayName("woven, a call whose helper reads a static sees it as the serial program did")
    void wovenHelperResult() throws Throwable {
        HiddenState.progress = 0;
        HiddenState.SCALE[0] = 3;
        int[] serial = HiddenState.hiddenHelperThenProgress();
        assertEquals(List.of(3, 8, 15), List.of(serial[0], serial[1], serial[2]));
        Class<?> woven = new WovenLoader("deco.core.weave.fixtures").woven(HiddenState.class).getClass();
        int[] result = (int[]) woven.getMethod("hiddenHelperThenProgress").invoke(null);
        assertEquals(List.of(3, 8, 15), List.of(result[0], result[1], result[2]));
    }

    @Test
    @DisplayName("woven, readCell() sees what addTo wrote")
    void wovenResult() throws Throwable {
        HiddenState.CELL[0] = 0;
        int[] serial = HiddenState.writeParameterThenReadStatic(HiddenState.CELL);
        assertEquals(5, serial[0]);
        Object woven = new WovenLoader("deco.core.weave.fixtures").woven(HiddenState.class);
        int[] cell = (int[]) woven.getClass().getField("CELL").get(null);
        int[] result = (int[]) woven.getClass().getMethod("writeParameterThenReadStatic", int[].class)
                .invoke(null, (Object) cell);
        assertEquals(List.of(5, 4), List.of(result[0], result[1]));
    }

    @Test
    @DisplayName("pending stores into an array the caller was given: a call reading only numbers, an int[], a counter or an enum through statics does not wait")
    void storesIntoHiddenArrayReadByType() {
        assertFalse(plan("weightedInto").syncBefore.contains(call("weightedInto", "weighted")),
                "weighted() reads no long[], so it cannot see out[i]");
        assertTrue(plan("totalsInto").syncBefore.contains(call("totalsInto", "runningTotal")),
                "runningTotal() reads TOTALS, which may be out");
    }

    @Test
    @DisplayName("arrays of values or locks reach only themselves: a call reading a String[] table or a ReentrantLock[] of stripes does not wait; one reading a long[][] or an Object[] does")
    void arraysOfValuesReachOnlyThemselves() {
        assertFalse(plan("tabledInto").syncBefore.contains(call("tabledInto", "tabled")),
                "a String[] or a ReentrantLock[] cannot lead to out");
        assertTrue(plan("griddedInto").syncBefore.contains(call("griddedInto", "gridded")),
                "a row of GRID may be out");
        assertTrue(plan("anythingInto").syncBefore.contains(call("anythingInto", "fromAnything")),
                "an element of ANYTHING may be out");
    }

    @Test
    @DisplayName("woven, a call reading a row of a static long[][] that is the caller's array sees the store before it, as serially")
    void wovenGridRow() throws Throwable {
        Class<?> woven = new WovenLoader("deco.core.weave.fixtures").woven(HiddenState.class).getClass();
        long[][] grid = (long[][]) woven.getField("GRID").get(null);
        java.util.Arrays.fill(grid[0], 0);
        long[] serial = new long[4];
        java.util.Arrays.fill(HiddenState.GRID[0], 0);
        HiddenState.griddedInto(HiddenState.GRID[0]);
        System.arraycopy(HiddenState.GRID[0], 0, serial, 0, 4);
        assertEquals("[1, 2, 3, 4]", java.util.Arrays.toString(serial));
        woven.getMethod("griddedInto", long[].class).invoke(null, (Object) grid[0]);
        assertEquals(java.util.Arrays.toString(serial), java.util.Arrays.toString(grid[0]));
    }

    @Test
    @DisplayName("a call that writes a cell of the caller's array and reads only other types through statics still records")
    void recordingKeptWhereNoFieldReachesTheArray() {
        SynchronizedPlan plan = plan("weighedInto");
        assertTrue(plan.uses.values().stream().allMatch(c -> c.recordsMutations), "weighInto reads no long[]");
        assertFalse(plan.syncBefore.contains(call("weighedInto", "weighInto")));
    }

    @Test
    @DisplayName("woven, each running total sees the one before it, as serially")
    void wovenTotals() throws Throwable {
        long[] serial = new long[4];
        java.util.Arrays.fill(HiddenState.TOTALS, 0);
        HiddenState.totalsInto(HiddenState.TOTALS);
        System.arraycopy(HiddenState.TOTALS, 0, serial, 0, 4);
        assertEquals("[1, 2, 3, 4]", java.util.Arrays.toString(serial));
        Class<?> woven = new WovenLoader("deco.core.weave.fixtures").woven(HiddenState.class).getClass();
        long[] totals = (long[]) woven.getField("TOTALS").get(null);
        woven.getMethod("totalsInto", long[].class).invoke(null, (Object) totals);
        assertEquals("[1, 2, 3, 4]", java.util.Arrays.toString(totals));
    }

    @Test
    @DisplayName("the loop's own helper reading a static waits for pending stores into an array the method was given")
    void loopHelperReadsPendingStore() throws Throwable {
        assertTrue(plan("storeThenHelperReadsStatic").syncBefore.contains(call("storeThenHelperReadsStatic", "cellBefore")));
        HiddenState.cells = new int[4];
        assertEquals("[0, 2, 3, 4]", java.util.Arrays.toString(HiddenState.storeThenHelperReadsStatic(HiddenState.cells)));
        Class<?> woven = new WovenLoader("deco.core.weave.fixtures").woven(HiddenState.class).getClass();
        int[] cells = (int[]) woven.getField("cells").get(null);
        Object seen = woven.getMethod("storeThenHelperReadsStatic", int[].class).invoke(null, (Object) cells);
        assertEquals("[0, 2, 3, 4]", java.util.Arrays.toString((int[]) seen));
    }

    private SynchronizedPlan plan(String name) {
        ConcurrentMethods index = new ConcurrentMethods(CLASSES);
        index.add(model);
        List<String> problems = new ArrayList<>();
        MethodModel method = method(name);
        SynchronizedPlan plan = new SynchronizedMethodAnalyzer(index, new ImmutableTypes(CLASSES), model, method,
                method.code().orElseThrow(), problems).analyze();
        assertEquals(List.of(), problems);
        return plan;
    }

    /** The element index of the call of {@code callee} in {@code caller}'s code. */
    private int call(String caller, String callee) {
        List<CodeElement> elements = method(caller).code().orElseThrow().elementList();
        for (int at = 0; at < elements.size(); at++) {
            if (elements.get(at) instanceof InvokeInstruction invoke && invoke.name().equalsString(callee)) {
                return at;
            }
        }
        throw new AssertionError("no call of " + callee + " in " + caller);
    }

    private MethodModel method(String name) {
        return FixtureClasses.method(model, name);
    }
}
