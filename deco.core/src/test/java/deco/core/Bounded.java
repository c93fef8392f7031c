package deco.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Bounded waits for tests: a hang becomes a failure with a message, never a stuck build. */
final class Bounded {

    static final long SECONDS = 20;

    private Bounded() {
    }

    /** Awaits the latch in a task; a timeout is an assertion failure in that task. */
    static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertTrue(latch.await(SECONDS, TimeUnit.SECONDS), "timed out waiting for " + what);
    }

    /** Joins a helper thread or fails. */
    static void join(Thread thread) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(SECONDS));
        if (thread.isAlive()) {
            fail("thread " + thread.getName() + " did not finish");
        }
    }
}
