package deco.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How a batch of the engine in use (both engines: the suite runs twice) handles failures: the
 * tasks forked after the earliest failed one are cancelled, the ones forked before it run to the
 * end, so the first failure in fork order (the serial program's) is known after join.
 */
@DisplayName("Batch: a failure cancels the later tasks only")
class BatchFailureTest {

    private static final long SECONDS = 20;

    @Test
    @DisplayName("a failure cancels the tasks forked after it; join waits for the ones forked before it")
    void failureCancelsOnlyLaterTasks() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch laterStarted = new CountDownLatch(1);
        CountDownLatch laterInterrupted = new CountDownLatch(1);
        IllegalStateException boom = new IllegalStateException("task 1");
        try (Batch batch = Engine.current().open("test", null)) {
            TaskHandle<String> earlier = batch.fork(() -> {
                awaitOrFail(release, "the release of the earlier task");
                return "done";
            });
            TaskHandle<Object> failing = batch.fork(() -> {
                awaitOrFail(laterStarted, "the later task to start");
                throw boom;
            });
            TaskHandle<Object> later = batch.fork(() -> {
                laterStarted.countDown();
                try {
                    new CountDownLatch(1).await(SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException cancelled) {
                    laterInterrupted.countDown();
                }
                return "never";
            });
            awaitCondition(batch::hasFailure, "the failure to be known");
            awaitOrFail(laterInterrupted, "the later task's cancellation");
            TaskHandle<Object> forkedAfterFailure = batch.fork(() -> fail("a task forked after a failure ran"));
            release.countDown();
            batch.join();
            batch.close();
            assertEquals(TaskHandle.Outcome.SUCCEEDED, earlier.outcome(), "the earlier task was not cancelled");
            assertEquals("done", earlier.result());
            assertEquals(TaskHandle.Outcome.FAILED, failing.outcome());
            assertSame(boom, failing.failure());
            assertEquals(TaskHandle.Outcome.CANCELLED, later.outcome());
            assertEquals(TaskHandle.Outcome.CANCELLED, forkedAfterFailure.outcome());
        }
    }

    @Test
    @DisplayName("an earlier task that fails after a later one did is still known as failed after join")
    void earlierFailureAfterLaterOne() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        IllegalStateException early = new IllegalStateException("task 0");
        IllegalStateException late = new IllegalStateException("task 1");
        try (Batch batch = Engine.current().open("test", null)) {
            TaskHandle<Object> first = batch.fork(() -> {
                awaitOrFail(release, "the release of the earlier task");
                throw early;
            });
            batch.fork(() -> {
                throw late;
            });
            awaitCondition(batch::hasFailure, "the later task's failure to be known");
            release.countDown();
            batch.join();
            batch.close();
            assertEquals(TaskHandle.Outcome.FAILED, first.outcome(), "the earlier task ran to its own failure");
            assertSame(early, first.failure());
        }
    }

    @Test
    @DisplayName("a batch whose tasks all succeed reports no failure")
    void noFailure() throws InterruptedException {
        try (Batch batch = Engine.current().open("test", null)) {
            TaskHandle<Integer> one = batch.fork(() -> 1);
            TaskHandle<Integer> two = batch.fork(() -> 2);
            batch.join();
            assertFalse(batch.hasFailure());
            batch.close();
            assertEquals(1, one.result());
            assertEquals(2, two.result());
        }
    }

    @Test
    @DisplayName("closing without join cancels every task and waits for them")
    void closeWithoutJoinCancelsAll() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        TaskHandle<Object> blocked;
        try (Batch batch = Engine.current().open("test", null)) {
            blocked = batch.fork(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await(SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException cancelled) {
                    interrupted.set(true);
                }
                return null;
            });
            awaitOrFail(started, "the task to start");
        }
        assertTrue(interrupted.get(), "the task was interrupted before close returned");
        assertEquals(TaskHandle.Outcome.CANCELLED, blocked.outcome());
    }

    private static void awaitOrFail(CountDownLatch latch, String what) {
        try {
            assertTrue(latch.await(SECONDS, TimeUnit.SECONDS), "timed out waiting for " + what);
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    /** A bounded wait for a condition that no latch can signal (the batch's own state). */
    private static void awaitCondition(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
