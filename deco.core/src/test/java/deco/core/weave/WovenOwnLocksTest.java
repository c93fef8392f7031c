package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.OwnLocks;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A woven {@code @Synchronized} method that takes a {@code java.util.concurrent.locks} lock itself
 * between two {@code @Concurrent} calls whose callees take it too (decision 048): it waits for its
 * pending calls before it takes the lock, and from then on its calls whose callee may take a lock
 * the weaver cannot name are made at once, as serially. Before, every form here deadlocked.
 */
@DisplayName("Weaver: a woven method that takes a lock between calls waits for its pending calls first and then makes lock-taking calls at once")
class WovenOwnLocksTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lockTakenBetweenCalls", "lockKeptByAHelper"})
    @DisplayName("a lock taken and kept: the serial result, without a deadlock")
    void serialResult(String form) throws Throwable {
        assertEquals(WovenLoader.call(new OwnLocks(), form), WovenLoader.callBounded(loader.woven(OwnLocks.class), form));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lockHeldAcrossAnEvent", "staticLockHeldAcrossAnEvent"})
    @DisplayName("calls still pending when the method takes the lock: they end before it takes it")
    void pendingCallsEndFirst(String form) throws Throwable {
        assertEquals(WovenLoader.call(new OwnLocks(), form), HeldTasks.run(loader.woven(OwnLocks.class), form));
    }

    @Test
    @DisplayName("the serial outcomes are what the forms say they are")
    void serialOutcomesAsDescribed() throws Throwable {
        OwnLocks serial = new OwnLocks();
        assertEquals("[1, 2, 3, 4]", WovenLoader.call(serial, "lockTakenBetweenCalls"));
        assertEquals("[1, 2, 3, 4]", WovenLoader.call(serial, "lockKeptByAHelper"));
        assertEquals("[1, 2, 3, 4], seen 3", WovenLoader.call(serial, "lockHeldAcrossAnEvent"));
        assertEquals("[1, 2, 3, 4], seen 3", WovenLoader.call(serial, "staticLockHeldAcrossAnEvent"));
    }
}
