package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.NamedLocks;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A woven {@code @Synchronized} method whose caller holds a lock a {@code @Concurrent} callee takes
 * without the call passing it — a static, a field of the receiver or of an argument, a field of
 * such a field, an element of an array (a static's, a field's, an argument's), a class, a
 * {@code ReentrantLock} (decision 044), or an object the weaver cannot name: a lock a call returned,
 * a value merged from two branches (decision 047): the call is made at once on the caller's thread.
 * Before, every form here deadlocked.
 */
@DisplayName("Weaver: a call whose callee locks a static, a field (or a field's field) of its receiver or argument, an array's element or a class the caller holds is made on the caller's thread")
class WovenNamedLocksTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"staticMonitorHeld", "staticLockHeld", "lockArgumentHeld", "writeLockHeld",
            "monitorTakenThroughALocal", "synchronizedMethodOfAStatic", "staticSynchronizedMethodOfAnotherClass",
            "staticVectorHeld", "classMonitorHeld", "receiverFieldHeld", "receiverFieldHeldThroughAHelper",
            "privateStaticOfAnotherClassHeld", "argumentFieldHeld", "argumentFieldHeldThroughAHelper",
            "argumentFieldHeldThroughItsMethod", "argumentFieldLockHeld", "stripeHeld", "stripedReentrantLockHeld",
            "receiverStripeHeld", "argumentStripeHeld", "argumentStripeHeldThroughItsMethod",
            "argumentArrayElementHeld", "fieldOfAFieldHeld", "argumentFieldOfAFieldHeld", "shardGateHeldThroughALocal",
            "staticStripeHeldThroughAHelper", "lockCapturedByALambdaHeld", "staticVectorHeldByAMethodReference",
            "synchronizedOverrideHeld", "callResultHeld", "lockACallReturnedHeld", "mergedValueHeld",
            "gettersResultHeld", "readLockKeptApartWhileTheWriteLockIsHeld"})
    @DisplayName("the serial result, without a deadlock")
    void serialResult(String form) throws Throwable {
        assertEquals(WovenLoader.call(new NamedLocks(), form), WovenLoader.callBounded(loader.woven(NamedLocks.class), form));
    }

    @Test
    @DisplayName("the serial outcomes are what the forms say they are")
    void serialOutcomesAsDescribed() throws Throwable {
        NamedLocks serial = new NamedLocks();
        assertEquals("[0, 2, 4, 6], total 6, vector []", WovenLoader.call(serial, "staticMonitorHeld"));
        assertEquals("[0, 2, 4, 6], total 0, vector [0, 1, 2, 3]", WovenLoader.call(serial, "staticVectorHeld"));
        assertEquals("[0, 2, 4, 6], total 6, vector []", WovenLoader.call(serial, "receiverFieldHeldThroughAHelper"));
        assertEquals("[0, 2, 4, 6], total 6", WovenLoader.call(serial, "privateStaticOfAnotherClassHeld"));
        assertEquals("[0, 2, 4, 6], total 6, vector []", WovenLoader.call(serial, "argumentFieldHeldThroughItsMethod"));
    }

    @Test
    @DisplayName("with no lock held, two calls whose callee takes a monitor the weaver cannot name still run at once")
    void unheldUnnamedLocksStayParallel() throws Exception {
        assertEquals("[10, 11]",
                WovenLoader.callBounded(loader.woven(NamedLocks.class), "unheldUnnamedLocksStayParallel"));
    }

    @Test
    @DisplayName("with no lock held, two calls whose call site checks a static still run at once")
    void unheldLocksStayParallel() throws Exception {
        assertEquals("[10, 11]",
                WovenLoader.callBounded(loader.woven(NamedLocks.class), "unheldLocksStayParallel"));
    }
}
