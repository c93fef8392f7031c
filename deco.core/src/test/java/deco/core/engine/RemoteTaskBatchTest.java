package deco.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.core.remote.RemoteTask;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The virtual-thread batch (the engine under a remote engine) with tasks whose work runs in
 * another JVM ({@link RemoteTask}): a started one has no thread of the batch and settles from its
 * reply, on whatever thread brings it, under every rule of the batch — first failure in fork
 * order, cancellation of later tasks, timeouts, close waiting for every outcome.
 */
@DisplayName("VirtualThreadBatch: remote tasks start without a thread and keep every rule")
class RemoteTaskBatchTest {

    private static final long SECONDS = 20;

    /** A remote task driven by the test: it starts (or refuses to) and replies when told. */
    private static final class FakeRemote<R> implements RemoteTask<R> {
        final boolean startable;
        final AtomicReference<Consumer<Callable<R>>> done = new AtomicReference<>();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch cancelled = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger outcomes = new AtomicInteger();
        volatile Callable<R> onCall = () -> null;

        FakeRemote(boolean startable) {
            this.startable = startable;
        }

        @Override
        public R call() throws Exception {
            calls.incrementAndGet();
            return onCall.call();
        }

        @Override
        public Runnable start(Consumer<Callable<R>> whenDone) {
            if (!startable) {
                return null;
            }
            done.set(whenDone);
            started.countDown();
            return () -> {
                if (cancelled.getCount() > 0) {
                    cancelled.countDown();
                    reply(() -> {
                        throw new InterruptedException("cancelled");
                    });
                }
            };
        }

        /** The reply arrives (once), on the calling thread. */
        void reply(Callable<R> outcome) {
            if (outcomes.getAndIncrement() == 0) {
                done.get().accept(outcome);
            }
        }

        /** The reply arrives on a thread of its own, as from a network. */
        void replyFromElsewhere(Callable<R> outcome) throws InterruptedException {
            Thread network = Thread.ofPlatform().name("network").start(() -> reply(outcome));
            network.join(TimeUnit.SECONDS.toMillis(SECONDS));
        }
    }

    @Test
    @DisplayName("a started remote task settles from its reply, brought by another thread; call() never runs")
    void settlesFromReply() throws Exception {
        FakeRemote<Integer> remote = new FakeRemote<>(true);
        try (VirtualThreadBatch batch = new VirtualThreadBatch("test", null)) {
            TaskHandle<Integer> handle = batch.fork(remote);
            assertTrue(remote.started.await(SECONDS, TimeUnit.SECONDS), "start() was called at the fork");
            remote.replyFromElsewhere(() -> 42);
            batch.join();
            batch.close();
            assertEquals(TaskHandle.Outcome.SUCCEEDED, handle.outcome());
            assertEquals(42, handle.result());
            assertEquals(0, remote.calls.get(), "no thread waited for the reply");
        }
    }

    @Test
    @DisplayName("a remote task that cannot start now (start() returns null) runs call() on a thread")
    void notStartedRunsOnThread() throws Exception {
        FakeRemote<String> remote = new FakeRemote<>(false);
        remote.onCall = () -> "waited";
        try (VirtualThreadBatch batch = new VirtualThreadBatch("test", null)) {
            TaskHandle<String> handle = batch.fork(remote);
            batch.join();
            batch.close();
            assertEquals("waited", handle.result());
            assertEquals(1, remote.calls.get());
        }
    }

    @Test
    @DisplayName("a reply that is already there (done inside start) settles the task")
    void replyInsideStart() throws Exception {
        RemoteTask<String> immediate = new RemoteTask<>() {
            @Override
            public String call() {
                throw new AssertionError("call() ran");
            }

            @Override
            public Runnable start(Consumer<Callable<String>> done) {
                done.accept(() -> "at once");
                return () -> { };
            }
        };
        try (VirtualThreadBatch batch = new VirtualThreadBatch("test", null)) {
            TaskHandle<String> handle = batch.fork(immediate);
            batch.join();
            batch.close();
            assertEquals("at once", handle.result());
        }
    }

    @Test
    @DisplayName("a remote task's failure comes first in fork order; a start() that throws fails its task, nothing hangs")
    void failures() throws Exception {
        FakeRemote<Object> remote = new FakeRemote<>(true);
        IllegalStateException thrownByStart = new IllegalStateException("cannot send");
        RemoteTask<Object> refusing = new RemoteTask<>() {
            @Override
            public Object call() {
                throw new AssertionError("call() ran");
            }

            @Override
            public Runnable start(Consumer<Callable<Object>> done) {
                throw thrownByStart;
            }
        };
        IllegalArgumentException remoteFailure = new IllegalArgumentException("on the member");
        try (VirtualThreadBatch batch = new VirtualThreadBatch("test", null)) {
            TaskHandle<Object> first = batch.fork(remote);
            TaskHandle<Object> second = batch.fork(refusing);
            remote.replyFromElsewhere(() -> {
                throw remoteFailure;
            });
            batch.join();
            batch.close();
            assertEquals(TaskHandle.Outcome.FAILED, first.outcome());
            assertSame(remoteFailure, first.failure(), "the first failure in fork order");
            assertSame(thrownByStart, second.failure(), "a start() that throws is the task's failure");
        }
    }

    @Test
    @DisplayName("a local task's failure cancels a later started remote task; its late outcome does not count")
    void earlierFailureCancelsLaterRemote() throws Exception {
        CountDownLatch remoteStarted = new CountDownLatch(1);
        FakeRemote<String> remote = new FakeRemote<>(true);
        IllegalStateException boom = new IllegalStateException("task 0");
        try (VirtualThreadBatch batch = new VirtualThreadBatch("test", null)) {
            TaskHandle<Object> failing = batch.fork(() -> {
                assertTrue(remote.started.await(SECONDS, TimeUnit.SECONDS));
                remoteStarted.countDown();
                throw boom;
            });
            TaskHandle<String> later = batch.fork(remote);
            batch.join();
            assertTrue(remote.cancelled.await(SECONDS, TimeUnit.SECONDS), "the remote work was cancelled");
            batch.close();
            assertEquals(0, remoteStarted.getCount());
            assertSame(boom, failing.failure());
            assertEquals(TaskHandle.Outcome.CANCELLED, later.outcome());
        }
    }

    @Test
    @DisplayName("join waits for an earlier started remote task, whose failure then comes first")
    void joinWaitsForEarlierRemote() throws Exception {
        FakeRemote<Object> remote = new FakeRemote<>(true);
        IllegalStateException early = new IllegalStateException("task 0, remote");
        CountDownLatch laterFailed = new CountDownLatch(1);
        try (VirtualThreadBatch batch = new VirtualThreadBatch("test", null)) {
            TaskHandle<Object> first = batch.fork(remote);
            TaskHandle<Object> second = batch.fork(() -> {
                laterFailed.countDown();
                throw new IllegalStateException("task 1, local");
            });
            assertTrue(laterFailed.await(SECONDS, TimeUnit.SECONDS));
            Thread network = Thread.ofPlatform().start(() -> {
                awaitQuietly(batch);
                remote.reply(() -> {
                    throw early;
                });
            });
            batch.join();
            network.join();
            batch.close();
            assertSame(early, first.failure(), "join waited for the earlier remote task");
            assertEquals(TaskHandle.Outcome.FAILED, second.outcome(), "the later failure is kept, not first");
            assertEquals(1, remote.cancelled.getCount(), "the earlier remote task was not cancelled");
        }
    }

    /** Until the local failure is known (the batch has it), so the remote reply comes after it. */
    private static void awaitQuietly(VirtualThreadBatch batch) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (!batch.hasFailure() && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    @DisplayName("a timeout cancels a started remote task; close returns once its outcome is in")
    void timeoutCancelsRemote() throws Exception {
        FakeRemote<String> remote = new FakeRemote<>(true);
        try (VirtualThreadBatch batch = new VirtualThreadBatch("test", Duration.ofMillis(1))) {
            TaskHandle<String> handle = batch.fork(remote);
            assertThrows(BatchTimeoutException.class, batch::join);
            batch.close();
            assertEquals(0, remote.cancelled.getCount(), "the remote work was cancelled");
            assertEquals(TaskHandle.Outcome.CANCELLED, handle.outcome());
        }
    }

    @Test
    @DisplayName("close without join cancels a started remote task and waits for its outcome")
    void closeWaitsForOutcome() throws Exception {
        CountDownLatch cancelAsked = new CountDownLatch(1);
        AtomicReference<Consumer<Callable<String>>> done = new AtomicReference<>();
        RemoteTask<String> slowToCancel = new RemoteTask<>() {
            @Override
            public String call() {
                throw new AssertionError("call() ran");
            }

            @Override
            public Runnable start(Consumer<Callable<String>> whenDone) {
                done.set(whenDone);
                return cancelAsked::countDown; // the outcome comes later, from the network
            }
        };
        VirtualThreadBatch batch = new VirtualThreadBatch("test", null);
        TaskHandle<String> handle = batch.fork(slowToCancel);
        Thread network = Thread.ofPlatform().start(() -> {
            try {
                if (cancelAsked.await(SECONDS, TimeUnit.SECONDS)) {
                    done.get().accept(() -> {
                        throw new InterruptedException("cancelled on the member");
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        batch.close();
        network.join();
        assertEquals(TaskHandle.Outcome.CANCELLED, handle.outcome(), "close returned only once the outcome was in");
    }
}
