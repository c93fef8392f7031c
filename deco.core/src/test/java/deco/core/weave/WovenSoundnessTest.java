package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.core.weave.fixtures.Soundness;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forms of issue 8, each run serially and woven. The woven run's tasks are held at a gate
 * until the caller blocks in a synchronization event: a caller that reads or changes what pending
 * work uses, without an event first, sees the wrong values every time.
 */
@DisplayName("Weaver: what the weaver proves — a woven method computes the serial result")
class WovenSoundnessTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reusedArgument", "reusedArray", "localAlias", "capturedByLambda",
            "fieldTargetReadByHelper", "escapedTarget", "readsItsOwnWrites", "sameArgumentTwice",
            "writtenArgumentReachable", "argumentChangedThroughConditional", "writeThroughConditional",
            "unrecordableWrite", "receiverArrayField", "receiverField", "receiverListReadBetween",
            "otherReceiverField", "receiverWrittenByHelper", "fieldPassedToHelper", "helperTwoDeep",
            "recursiveHelper", "applicationInterface", "parameterWrittenByItsMethod",
            "tryFinally", "tryWithResources", "catchThatWraps", "writeThroughRequireNonNull",
            "parameterWrittenThroughRequireNonNull", "argumentRefilledByLoopHelper", "argumentReturnedByLoopHelper",
            "argumentKeptByLoopHelper", "staticWrittenByLoopHelper", "catchingTryAfterLoop", "finallyAfterLoop",
            "writeThroughLoopGetter", "fieldReadByLoopHelper", "catchingTryAtLoopHead"})
    @DisplayName("serial result, with the tasks held until the caller waits in an event")
    void serialResult(String form) throws Throwable {
        Object expected = normalise(WovenLoader.call(new Soundness(), form));
        Object woven = loader.woven(Soundness.class);
        Field gateField = woven.getClass().getField("gate");
        CountDownLatch gate = new CountDownLatch(1);
        gateField.set(null, gate);
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<Object> result = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            try {
                return WovenLoader.call(woven, form);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }, runnable -> new Thread(runnable, "woven-caller").start());
        awaitBlockedInEvent(caller);
        gate.countDown();
        assertEquals(expected, normalise(result.get(30, TimeUnit.SECONDS)));
    }

    /** Waits (bounded) until the caller thread is parked inside deco's Sync. */
    private static void awaitBlockedInEvent(AtomicReference<Thread> caller) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Thread thread = caller.get();
            if (thread != null && thread.getState() == Thread.State.WAITING || thread != null
                    && thread.getState() == Thread.State.TIMED_WAITING) {
                boolean inSync = Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().equals("deco.core.Sync"));
                if (inSync) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        assertTrue(false, "the woven caller never waited in a synchronization event");
    }

    private static Object normalise(Object value) {
        return value instanceof int[] ints ? Arrays.toString(ints) : value;
    }
}
