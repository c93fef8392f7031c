package deco.core.weave;

import static deco.core.weave.WovenLoader.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.core.weave.fixtures.Forms;
import deco.core.weave.fixtures.Helpers;
import deco.core.weave.fixtures.Overlap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every supported form gives the serial program's result when woven. */
@DisplayName("Weaver: supported forms give the serial result")
class WovenFormsTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");
    private final Forms serial = new Forms();
    private final Object woven = loader.woven(Forms.class);

    @Test
    @DisplayName("stores into every array kind, with boxing, unboxing, casts and two-slot long/double arguments")
    void arrays() throws Throwable {
        assertEquals(serial.arrays(), call(woven, "arrays"));
    }

    @Test
    @DisplayName("map.put, list.set, a target reached through an expression; the later call wins")
    void collections() throws Throwable {
        assertEquals(serial.collections(), call(woven, "collections"));
    }

    @Test
    @DisplayName("calls that only put into one map, or set elements of one list, run at the same time")
    void recordedWritesOverlap() throws Throwable {
        assertEquals("{a=true, b=true}", twoCallsOverlapping("mapPuts", List.of("a", "b")));
        assertEquals("[true, true]", twoCallsOverlapping("listSets", 2));
    }

    @Test
    @DisplayName("calls whose application helpers only read the receiver or an argument run at the same time")
    void helpersThatOnlyReadOverlap() throws Throwable {
        assertEquals("{a=true, b=true}", twoCallsOverlapping("receiverReadByHelper", List.of("a", "b")));
        assertEquals("{a=true, b=true}", twoCallsOverlapping("parameterReadByHelper", List.of("a", "b")));
    }

    @Test
    @DisplayName("a pure application helper in the loop does not wait for calls that read their receiver")
    void pureHelpersInTheLoopOverlap() throws Throwable {
        assertEquals("{a=true, b=true}", twoCallsOverlapping("pureHelperInLoop", List.of("a", "b")));
    }

    @Test
    @DisplayName("printing in the loop, itself or through a helper, does not make calls that read their receiver wait")
    void printingLoopOverlaps() throws Throwable {
        assertEquals("{a=true, b=true}", twoCallsOverlapping("printingLoop", List.of("a", "b")));
    }

    @Test
    @DisplayName("calls reading a shared list through a stream and Collections.max run at the same time")
    void streamReadersOverlap() throws Throwable {
        assertEquals("{a=true, b=true}", twoCallsOverlapping("streamsOverSharedList", List.of("a", "b")));
    }

    @Test
    @DisplayName("calls reading a shared list in a for-each loop run at the same time")
    void forEachReadersOverlap() throws Throwable {
        assertEquals("{a=true, b=true}", twoCallsOverlapping("forEachOverSharedList", List.of("a", "b")));
    }

    @Test
    @DisplayName("calls that switch on patterns and compare records, reading a shared list, run at the same time")
    void switchesAndRecordsOverlap() throws Throwable {
        assertEquals("{a=true, b=true}", twoCallsOverlapping("switchesAndRecords", List.of("a", "b")));
    }

    @Test
    @DisplayName("calls and a loop that switch on an enum of another class run beside pending stores into an array a field holds")
    void enumSwitchesOverlapPendingStores() throws Throwable {
        assertEquals("[true, true]", twoCallsOverlapping("enumSwitchesBesideStores", 2));
    }

    @Test
    @DisplayName("calls through a sealed interface whose implementations only read run beside pending stores")
    void sealedInterfacesOverlapPendingStores() throws Throwable {
        assertEquals("[true, true]", twoCallsOverlapping("sealedShapesBesideStores", 2));
    }

    @Test
    @DisplayName("calls that make objects and records of their own run beside pending stores into an array a field holds")
    void callsMakingValuesOverlapPendingStores() throws Throwable {
        assertEquals("[true, true]", twoCallsOverlapping("valuesBesideStoresIntoAField", 2));
    }

    @Test
    @DisplayName("results[i] = f(inputs[i]) with both arrays given: the calls run at the same time")
    void arraysGivenOverlap() throws Throwable {
        assertEquals("[2, 4]", twoCallsOverlapping("arraysGiven", 2));
    }

    @Test
    @DisplayName("reading final fields of immutable types between calls, beside a call writing a static: the calls run at the same time")
    void finalFieldsBetweenCallsOverlap() throws Throwable {
        assertEquals("[2, 4]", twoCallsOverlapping("finalFieldsBetweenCalls", 2));
    }

    @Test
    @DisplayName("an enhanced for over an array given, storing into another: the calls run at the same time")
    void enhancedForOverAnArrayGivenOverlaps() throws Throwable {
        assertEquals("[2, 4]", twoCallsOverlapping("eachOverAnArrayGiven", 2));
    }

    @Test
    @DisplayName("strings given in, numbers out: the calls run at the same time")
    void stringsInNumbersOutOverlap() throws Throwable {
        assertEquals("[2, 4]", twoCallsOverlapping("namesGiven", 2));
    }

    @Test
    @DisplayName("results[i] = f(inputs.get(i)) with an ArrayList and an array given: the calls run at the same time")
    void listGivenOverlaps() throws Throwable {
        assertEquals("[2, 4]", twoCallsOverlapping("listGiven", 2));
    }

    @Test
    @DisplayName("the same with List.of: the calls run at the same time")
    void immutableListGivenOverlaps() throws Throwable {
        assertEquals("[2, 4]", twoCallsOverlapping("immutableListGiven", 2));
    }

    @Test
    @DisplayName("results.put(k, f(inputs.get(k))) with two HashMaps given: the calls overlap (decision 061)")
    void mapsGivenOverlap() throws Throwable {
        assertEquals("{0=2, 1=4}", twoCallsOverlapping("mapsGiven", 2));
    }

    @Test
    @DisplayName("results.add(f(inputs.get(i))) with two ArrayLists given: the calls overlap (decision 061)")
    void listAddedFromAListOverlaps() throws Throwable {
        assertEquals("[2, 4]", twoCallsOverlapping("listAddedFromAList", 2));
    }

    @Test
    @DisplayName("for (x : inputs) results.add(f(x)) with an ArrayList or a LinkedHashSet walked, and "
            + "results.put(key, f(key)) over a List.of, a HashMap's keySet() or its entrySet() given: the calls overlap (decision 062)")
    void collectionsWalkedWhileAddingOverlap() throws Throwable {
        assertEquals("[2, 4]", twoCallsOverlapping("listWalkedWhileAdding", 2));
        assertEquals("[2, 4]", twoCallsOverlapping("setWalkedWhileAdding", 2));
        assertEquals("{a=2, bb=4}", twoCallsOverlapping("keysWalkedWhilePutting", 2));
        assertEquals("{a=2, bb=4}", twoCallsOverlapping("mapKeysWalkedWhilePutting", 2));
        assertEquals("{a=2, b=4}", twoCallsOverlapping("mapEntriesWalkedWhilePutting", 2));
    }

    @Test
    @DisplayName("results[k] = f(inputs.get(k)) with a TreeMap and an array given: the calls overlap (decision 061)")
    void mapGivenToAnArrayOverlaps() throws Throwable {
        assertEquals("[2, 4]", twoCallsOverlapping("mapGivenToAnArray", 2));
    }

    @Test
    @DisplayName("strings from a LinkedList given, kept in a local, their lengths into an array given: the calls run at the same time")
    void stringsFromAListGivenOverlap() throws Throwable {
        assertEquals("[2, 4]", twoCallsOverlapping("namesListGiven", 2));
    }

    /** Runs a woven {@link Overlap} method whose two calls each wait, bounded, for the other to arrive. */
    private Object twoCallsOverlapping(String method, Object argument) throws Throwable {
        Object overlap = loader.woven(Overlap.class);
        overlap.getClass().getField("together").set(null, new CountDownLatch(2));
        return call(overlap, method, argument);
    }

    @Test
    @DisplayName("deferred calls g(..., f(x), ...) run at the event in call order; bare f(x); statements run too")
    void deferredCalls() throws Throwable {
        List<String> printedSerially = new ArrayList<>();
        List<String> serialLog = serial.deferredCalls(printedSerially::add);
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        Thread owner = Thread.currentThread();
        List<Thread> printers = new ArrayList<>();
        Consumer<String> printer = s -> {
            printers.add(Thread.currentThread());
            printed.add(s);
        };
        assertEquals(serialLog, call(woven, "deferredCalls", printer));
        assertEquals(printedSerially, printed);
        printers.forEach(t -> assertEquals(owner, t, "deferred calls run on the owner"));
    }

    @Test
    @DisplayName("a field as the target: a read of the field waits for the event")
    void fieldTarget() throws Throwable {
        assertEquals("5 " + "{k0=0, k1=2, k2=4, k3=6, k4=8}", serial.fieldTarget());
        assertEquals(serial.fieldTarget(), call(woven, "fieldTarget"));
    }

    @Test
    @DisplayName("a static method with a static field as the target")
    void staticTarget() throws Throwable {
        Class<?> type = woven.getClass();
        assertEquals(Forms.staticTarget(), type.getMethod("staticTarget").invoke(null));
    }

    @Test
    @DisplayName("an exceptional exit still makes the pending stores, then throws the method's exception")
    void exceptionalExit() throws Throwable {
        List<Integer> serialOut = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> serial.throwsAfterStores(serialOut));
        List<Integer> out = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> call(woven, "throwsAfterStores", out));
        assertEquals("after stores", thrown.getMessage());
        assertEquals(serialOut, out);
    }

    @Test
    @DisplayName("calls across classes, instance and static")
    void crossClass() throws Throwable {
        Object helpers = loader.woven(Helpers.class);
        assertEquals(serial.crossClass(new Helpers()), call(woven, "crossClass", helpers));
    }

    @Test
    @DisplayName("concurrent calls mutating different indices of one plain array, ArrayList and HashMap lose nothing")
    void sharedMutations() throws Throwable {
        assertEquals(serial.sharedMutations(2000), call(woven, "sharedMutations", 2000));
    }

    @Test
    @DisplayName("a call that writes into its argument and returns a value: both land, reads wait for them")
    void mutationThenRead() throws Throwable {
        assertEquals("{bb=2, a=1, ccc=3} [1, 2, 3]", serial.mutationThenRead());
        assertEquals(serial.mutationThenRead(), call(woven, "mutationThenRead"));
    }

}
