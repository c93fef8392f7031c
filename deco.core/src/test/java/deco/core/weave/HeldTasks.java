package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a woven fixture form with its tasks held at the fixture's static {@code gate} until the
 * caller blocks in a synchronization event: a caller that reads or changes what pending work uses,
 * without an event first, sees the wrong values every time, not by chance.
 */
final class HeldTasks {

    private HeldTasks() {
    }

    /**
     * Asserts that {@code form} of {@code fixture}, woven and run with its tasks held, returns what
     * it returns serially.
     *
     * @param loader  the loader that weaves the fixture
     * @param fixture a fixture class with a public no-argument constructor and a {@code public static CountDownLatch gate}
     * @param form    the name of its public no-argument method to run
     */
    static void assertSerialResult(WovenLoader loader, Class<?> fixture, String form) throws Throwable {
        Object serial = WovenLoader.call(fixture.getConstructor().newInstance(), form);
        assertEquals(serial, run(loader.woven(fixture), form));
    }

    /**
     * @param woven an instance of a woven fixture class with a {@code public static CountDownLatch gate}
     * @param form  the name of its public no-argument method to run
     * @return what the form returned
     */
    static Object run(Object woven, String form) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        woven.getClass().getField("gate").set(null, gate);
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
        return result.get(30, TimeUnit.SECONDS);
    }

    /** Waits (bounded) until the caller thread is parked inside deco's Sync. */
    private static void awaitBlockedInEvent(AtomicReference<Thread> caller) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Thread thread = caller.get();
            if (thread != null && (thread.getState() == Thread.State.WAITING
                    || thread.getState() == Thread.State.TIMED_WAITING)) {
                boolean inSync = Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().equals("deco.core.Sync"));
                if (inSync) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        fail("the woven caller never waited in a synchronization event");
    }
}
