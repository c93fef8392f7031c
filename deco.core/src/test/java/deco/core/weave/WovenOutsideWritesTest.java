package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.OutsideState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @Concurrent} callees that write state they are not given (decision 045): the loop reads
 * it only after the calls that write it, and the calls write it in call order, as serially. Before,
 * the loop read a static total before any call had added to it, the last writer was whichever task
 * ended last, and a static log's order was the tasks' finishing order.
 */
@DisplayName("Weaver: callees that write statics run in call order, and the loop reads what they wrote; thread-locals are the caller's")
class WovenOutsideWritesTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"atomicTotalReadAfterTheLoop", "lastWriterWins", "appendsInCallOrder",
            "appendsThroughALambda", "appendsThroughAMethodReference", "appendsThroughAHelper",
            "staticWrittenByALambdaTheLoopRuns", "appendsThroughASealedType"})
    @DisplayName("the serial result, with the tasks held until the caller waits in an event")
    void serialResult(String form) throws Throwable {
        HeldTasks.assertSerialResult(loader, OutsideState.class, form);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"threadLocalAccumulates", "threadLocalSetByTheCaller"})
    @DisplayName("a callee using a ThreadLocal runs on the caller's thread: the caller's values, as serially")
    void threadLocalsAreTheCallers(String form) throws Throwable {
        // (not held: each call is made on the caller's thread, which would wait at the gate itself)
        assertEquals(WovenLoader.call(new OutsideState(), form), WovenLoader.callBounded(loader.woven(OutsideState.class), form));
    }

    @Test
    @DisplayName("the serial outcomes are what the forms say they are")
    void serialOutcomesAsDescribed() throws Throwable {
        OutsideState serial = new OutsideState();
        assertEquals("total 10, last 0, log [], out [1, 2, 3, 4]", WovenLoader.call(serial, "atomicTotalReadAfterTheLoop"));
        assertEquals("total 0, last 4, log [], out [1, 2, 3, 4]", WovenLoader.call(serial, "lastWriterWins"));
        assertEquals("total 0, last 0, log [1, 2, 3, 4], out [1, 2, 3, 4]", WovenLoader.call(serial, "appendsInCallOrder"));
        assertEquals("total 0, last 0, log [10, 11, 20, 21, 30, 31, 40, 41], out [1, 2, 3, 4]",
                WovenLoader.call(serial, "appendsThroughALambda"));
        assertEquals("total 0, last 0, log [1, -1, 2, -2, 3, -3, 4, -4], out [1, 2, 3, 4]",
                WovenLoader.call(serial, "appendsThroughAMethodReference"));
        assertEquals("total 0, last 0, log [], out [1, 2, 3, 4]", WovenLoader.call(serial, "threadLocalAccumulates"));
        assertEquals("total 0, last 0, log [1, 3], out [1, -2, 2, -4]", WovenLoader.call(serial, "appendsThroughASealedType"));
        assertEquals("[0, 11, 22, 33], step 4", WovenLoader.call(serial, "staticWrittenByALambdaTheLoopRuns"));
        assertEquals("total 0, last 0, log [], out [61, 62, 63, 64]", WovenLoader.call(serial, "threadLocalSetByTheCaller"));
    }

    @Test
    @DisplayName("callees whose lambdas touch nothing outside, or that take their own lock, still run at once")
    void parallelismKept() throws Exception {
        Object woven = loader.woven(OutsideState.class);
        assertEquals("[45, 90]", WovenLoader.callBounded(woven, "lambdasStayParallel"));
        assertEquals("[2, 4]", WovenLoader.callBounded(woven, "receiverLocksStayParallel"));
    }
}
