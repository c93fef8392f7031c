package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.SteppedState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Callees that step an iterator or a scanner they are given, or call a supplier or a comparator
 * they are given, change it (decision 062). Before, {@code next()}, {@code hasNext()},
 * {@code get()} and {@code compare()} counted as queries: the loop stepped the iterator ahead of
 * the calls ({@code [0, 1, 2, 3] [4, 5, 6, 7]} for {@code [0, 2, 4, 6] [1, 3, 5, 7]}) and read
 * what the lambdas counted before the calls had run.
 */
@DisplayName("Weaver: iterators, scanners and functions a call steps or runs keep the serial order")
class WovenSteppedStateTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"iteratorSteppedByTheLoopAndTheCalls", "scannerSteppedByTheLoopAndTheCalls",
            "supplierCountingForTheCalls", "comparatorRecordingForTheCalls", "bufferReadByTheLoopAndTheCalls",
            "functionCountingForTheCalls", "functionGivenToTheLoop"})
    @DisplayName("the serial result, with the tasks held until the caller waits in an event")
    void serialResult(String form) throws Throwable {
        HeldTasks.assertSerialResult(loader, SteppedState.class, form);
    }

    @Test
    @DisplayName("the serial outcomes are what the forms say they are")
    void serialOutcomesAsDescribed() throws Throwable {
        SteppedState serial = new SteppedState();
        assertEquals("[0, 2, 4, 6] [1, 3, 5, 7]", WovenLoader.call(serial, "iteratorSteppedByTheLoopAndTheCalls"));
        assertEquals("[a, c, e, g] [b, d, f, h]", WovenLoader.call(serial, "scannerSteppedByTheLoopAndTheCalls"));
        assertEquals("1234 [0, 1, 2, 3]", WovenLoader.call(serial, "supplierCountingForTheCalls"));
        assertEquals("[0, 2, 4, 6] [1, 3, 5, 7]", WovenLoader.call(serial, "bufferReadByTheLoopAndTheCalls"));
        assertEquals("2468 [31, 35, 39, 43]", WovenLoader.call(serial, "functionCountingForTheCalls"));
        assertEquals("[0, 1, 2, 3]", WovenLoader.call(serial, "functionGivenToTheLoop"));
        assertEquals("[1, 2, 3, 4] [0, 1, 1, 1]", WovenLoader.call(serial, "comparatorRecordingForTheCalls"));
    }

    @Test
    @DisplayName("calls that walk a list they are given with for-each only read it, and run beside each other")
    void walkersStayParallel() throws Exception {
        assertEquals("met 6 met 6", WovenLoader.callBounded(loader.woven(SteppedState.class), "walkersStayParallel"));
    }
}
