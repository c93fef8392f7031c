package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.CallerLocks;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A woven {@code @Synchronized} method whose caller holds a monitor a {@code @Concurrent} callee
 * takes (decision 039): the call is made at once on the caller's thread, never as a task that
 * would wait for the caller while the caller waits for it.
 */
@DisplayName("Weaver: a call under a monitor the caller holds is made on the caller's thread")
class WovenCallerLocksTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"receiverHeldByTheCaller", "classHeldByTheCaller", "argumentHeldByTheCaller"})
    @DisplayName("every call made under the held monitor gives the serial result, without a deadlock")
    void serialResult(String form) throws Throwable {
        assertEquals(WovenLoader.call(new CallerLocks(), form), WovenLoader.callBounded(loader.woven(CallerLocks.class), form));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"writesInCallOrder", "taskFailsAfterACallMadeAtOnce", "callMadeAtOnceFails"})
    @DisplayName("calls made at once and tasks held until the caller waits report in call order")
    void callOrder(String form) throws Throwable {
        assertEquals(WovenLoader.call(new CallerLocks(), form), HeldTasks.run(loader.woven(CallerLocks.class), form));
    }

    @Test
    @DisplayName("the serial outcomes are what the forms say they are")
    void serialOutcomesAsDescribed() throws Throwable {
        CallerLocks serial = new CallerLocks();
        assertEquals("[0, 3, 6, 9], 4 calls", WovenLoader.call(serial, "receiverHeldByTheCaller"));
        assertEquals("[0, 1, 4, 9]", WovenLoader.call(serial, "classHeldByTheCaller"));
        assertEquals("[0, 1, 4, 9, 16]", WovenLoader.call(serial, "argumentHeldByTheCaller"));
        assertEquals("returned, out [400]", WovenLoader.call(serial, "writesInCallOrder"));
        assertEquals("threw call 3 failed, out [200]", WovenLoader.call(serial, "taskFailsAfterACallMadeAtOnce"));
        assertEquals("threw call 2 failed, out [10]", WovenLoader.call(serial, "callMadeAtOnceFails"));
    }

    @Test
    @DisplayName("with no monitor held, synchronized callees on two receivers still run at once")
    void unheldMonitorsStayParallel() throws Exception {
        assertEquals("[0, 1]", WovenLoader.callBounded(loader.woven(CallerLocks.class), "unheldMonitorsStayParallel"));
    }
}
