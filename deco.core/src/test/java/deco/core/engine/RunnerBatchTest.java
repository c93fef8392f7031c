package deco.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The runner batch (decision 024): tasks wait in fork order for a few runners. Most cases use one
 * runner and no spares, so what runs when is decided by fork order alone.
 */
@DisplayName("RunnerBatch: tasks share a few runner threads and keep every rule of a batch")
class RunnerBatchTest {

    private static final long SECONDS = 20;
    /** Only the runners the parallelism allows: no spare takes over a blocked carrier. */
    private static final boolean NO_SPARES = false;

    /**
     * Virtual threads that count how many runners were started, and say when the first one ended.
     * Held threads start none until {@link #release()}: the runners the owner started wait until
     * it has forked every task, whatever the machine's speed.
     */
    private static final class CountedThreads implements RunnerThreads {
        final AtomicInteger started = new AtomicInteger();
        final CountDownLatch firstEnded = new CountDownLatch(1);
        private final RunnerThreads threads = RunnerThreads.virtual("runner-test");
        private final List<Runnable> held = new ArrayList<>();
        private boolean holding;

        static CountedThreads held() {
            CountedThreads threads = new CountedThreads();
            threads.holding = true;
            return threads;
        }

        @Override
        public void start(Runnable runner) {
            started.incrementAndGet();
            synchronized (held) {
                if (holding) {
                    held.add(runner);
                    return;
                }
            }
            startNow(runner);
        }

        /** Starts the runners held so far, and from now on each at once. */
        void release() {
            List<Runnable> now;
            synchronized (held) {
                holding = false;
                now = new ArrayList<>(held);
                held.clear();
            }
            now.forEach(this::startNow);
        }

        private void startNow(Runnable runner) {
            threads.start(() -> {
                runner.run();
                firstEnded.countDown();
            });
        }

        @Override
        public RunnerThreads nested() {
            return this;
        }

        @Override
        public void close() {
            threads.close();
        }
    }

    @Test
    @DisplayName("short tasks forked while the runners are busy wait for them: one runner runs them all")
    void shortTasksShareRunners() throws InterruptedException {
        CountedThreads threads = new CountedThreads();
        CountDownLatch release = new CountDownLatch(1);
        List<TaskHandle<Integer>> handles = new ArrayList<>();
        try (Batch batch = RunnerBatch.open(threads, null, 1, NO_SPARES)) {
            batch.fork(() -> {
                awaitOrFail(release, "the release");
                return null;
            });
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                handles.add(batch.fork(() -> n * n));
            }
            release.countDown();
            batch.join();
        }
        for (int i = 0; i < handles.size(); i++) {
            assertEquals(TaskHandle.Outcome.SUCCEEDED, handles.get(i).outcome());
            assertEquals(i * i, handles.get(i).result());
        }
        assertEquals(1, threads.started.get(), "one runner for all 10,001 tasks");
    }

    @Test
    @DisplayName("one runner takes the tasks in fork order: a task may wait for any earlier one")
    void forkOrder() throws InterruptedException {
        List<Integer> order = new ArrayList<>(); // one runner: no two tasks run at once
        CountDownLatch first = new CountDownLatch(1);
        try (Batch batch = RunnerBatch.open(new CountedThreads(), null, 1, NO_SPARES)) {
            batch.fork(() -> {
                order.add(0);
                first.countDown();
                return null;
            });
            for (int i = 1; i < 100; i++) {
                int n = i;
                batch.fork(() -> {
                    awaitOrFail(first, "the first task"); // an earlier task: already done
                    order.add(n);
                    return null;
                });
            }
            batch.join();
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(i, order.get(i));
        }
    }

    @Test
    @DisplayName("a failure: the waiting tasks forked after it never start")
    void failureCancelsWaitingTasks() throws InterruptedException {
        AtomicInteger laterRan = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("task 0");
        List<TaskHandle<Object>> later = new ArrayList<>();
        TaskHandle<Object> failing;
        try (Batch batch = RunnerBatch.open(new CountedThreads(), null, 1, NO_SPARES)) {
            failing = batch.fork(() -> {
                throw boom;
            });
            for (int i = 0; i < 100; i++) {
                later.add(batch.fork(laterRan::incrementAndGet));
            }
            batch.join();
            assertTrue(batch.hasFailure());
        }
        assertEquals(TaskHandle.Outcome.FAILED, failing.outcome());
        assertEquals(boom, failing.failure());
        for (TaskHandle<Object> handle : later) {
            assertEquals(TaskHandle.Outcome.CANCELLED, handle.outcome());
        }
        assertEquals(0, laterRan.get(), "a task after the failure ran");
    }

    @Test
    @DisplayName("the deadline passes: the running task is interrupted, the waiting ones never start")
    void timeout() throws InterruptedException {
        AtomicInteger laterRan = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (Batch batch = RunnerBatch.open(new CountedThreads(), Duration.ofSeconds(1), 1, NO_SPARES)) {
            TaskHandle<Object> blocked = batch.fork(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await(SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException cancelled) {
                    interrupted.countDown();
                }
                return null;
            });
            List<TaskHandle<Object>> later = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                later.add(batch.fork(laterRan::incrementAndGet));
            }
            awaitOrFail(started, "the blocking task to start");
            assertThrows(BatchTimeoutException.class, batch::join);
            batch.close();
            assertEquals(0, interrupted.getCount(), "the running task was interrupted");
            assertEquals(TaskHandle.Outcome.CANCELLED, blocked.outcome());
            for (TaskHandle<Object> handle : later) {
                assertEquals(TaskHandle.Outcome.CANCELLED, handle.outcome());
            }
        }
        assertEquals(0, laterRan.get());
    }

    @Test
    @DisplayName("close without join: waiting tasks never start, the running one is interrupted, close waits for it")
    void closeWithoutJoin() throws InterruptedException {
        AtomicInteger laterRan = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        Batch batch = RunnerBatch.open(new CountedThreads(), null, 1, NO_SPARES);
        batch.fork(() -> {
            running.countDown();
            try {
                new CountDownLatch(1).await(SECONDS, TimeUnit.SECONDS);
            } finally {
                finished.incrementAndGet();
            }
            return null;
        });
        for (int i = 0; i < 10; i++) {
            batch.fork(laterRan::incrementAndGet);
        }
        awaitOrFail(running, "the first task to start");
        batch.close();
        assertEquals(1, finished.get(), "close returned before the running task ended");
        assertEquals(0, laterRan.get());
    }

    @Test
    @DisplayName("tasks that wait for later ones still all run: each blocked runner's carrier goes to a spare")
    void tasksWaitingForLaterOnes() throws InterruptedException {
        int n = 16;
        CountDownLatch allRunning = new CountDownLatch(n);
        CountedThreads threads = new CountedThreads();
        List<TaskHandle<Object>> handles = new ArrayList<>();
        try (Batch batch = RunnerBatch.open(threads, null, 1, true)) {
            handles.addAll(forkBarrier(batch, allRunning));
            batch.join();
        }
        assertAllSucceeded(handles);
    }

    @Test
    @DisplayName("a barrier forked after many short tasks finished still opens: spares take over without the owner")
    void blockedRunnersAreReplacedAfterShortTasks() throws InterruptedException {
        int n = 16;
        CountDownLatch allRunning = new CountDownLatch(n);
        List<TaskHandle<Object>> handles = new ArrayList<>();
        try (Batch batch = RunnerBatch.open(new CountedThreads(), null, 2, true)) {
            for (int i = 0; i < 1000; i++) {
                batch.fork(() -> null);
            }
            handles.addAll(forkBarrier(batch, allRunning));
            awaitOrFail(allRunning, "the barrier to open before the owner joins"); // no help from join
            batch.join();
        }
        assertAllSucceeded(handles);
    }

    @Test
    @DisplayName("a task forking into its own batch and waiting for that task: a spare runs it")
    void taskForksIntoItsBatch() throws InterruptedException {
        CountDownLatch inner = new CountDownLatch(1);
        // added to by the owner and by the task: an ArrayList lost one of the two adds now and then
        List<TaskHandle<Object>> handles = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Batch batch = RunnerBatch.open(new CountedThreads(), null, 1, true)) {
            handles.add(batch.fork(() -> {
                handles.add(batch.fork(() -> {
                    inner.countDown();
                    return null;
                }));
                awaitOrFail(inner, "the task it forked");
                return null;
            }));
            awaitOrFail(inner, "the inner task, before the owner joins");
            batch.join();
        }
        assertEquals(2, handles.size());
        assertAllSucceeded(handles);
    }

    @Test
    @DisplayName("a task forked by a thread that is neither the owner nor a runner, after every runner ended: join runs it")
    void forkFromAnotherThreadAfterRunnersEnded() {
        assertTimeoutPreemptively(Duration.ofSeconds(SECONDS), () -> {
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch forkedLate = new CountDownLatch(1);
            List<TaskHandle<Integer>> late = new ArrayList<>();
            CountedThreads threads = new CountedThreads();
            try (Batch batch = RunnerBatch.open(threads, null, 1, NO_SPARES)) {
                batch.fork(() -> Thread.ofPlatform().start(() -> {
                    awaitOrFail(go, "the go");
                    late.add(batch.fork(() -> 42));
                    forkedLate.countDown();
                }));
                awaitOrFail(threads.firstEnded, "the only runner to end");
                go.countDown();
                awaitOrFail(forkedLate, "the late fork");
                batch.join();
            }
            assertEquals(TaskHandle.Outcome.SUCCEEDED, late.get(0).outcome());
            assertEquals(42, late.get(0).result());
        });
    }

    @Test
    @DisplayName("a task whose runner the threads refuse fails at its place and never runs, even when a runner claimed it first")
    void refusedStartFailsTheTask() {
        assertTimeoutPreemptively(Duration.ofSeconds(SECONDS), () -> {
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean ran = new AtomicBoolean();
            AtomicReference<RunnerBatch> opened = new AtomicReference<>();
            ForkRefusedException refusal = new ForkRefusedException("refused for this test", null);
            RunnerThreads threads = new RunnerThreads() {
                private final RunnerThreads virtual = RunnerThreads.virtual("runner-test");
                private int starts;

                @Override
                public void start(Runnable runner) {
                    if (++starts == 1) {
                        virtual.start(runner);
                        return;
                    }
                    // let the first runner finish its task and claim the one being forked
                    release.countDown();
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
                    while (opened.get().claimedCount() < 2) {
                        if (System.nanoTime() > end) {
                            fail("the first runner never claimed the second task");
                        }
                        Thread.onSpinWait();
                    }
                    throw refusal;
                }

                @Override
                public RunnerThreads nested() {
                    return this;
                }

                @Override
                public void close() {
                    virtual.close();
                }
            };
            TaskHandle<Integer> first;
            TaskHandle<Integer> second;
            TaskHandle<Integer> third;
            try (RunnerBatch batch = RunnerBatch.open(threads, null, 2, NO_SPARES)) {
                opened.set(batch);
                first = batch.fork(() -> {
                    awaitOrFail(release, "the release");
                    return 1;
                });
                second = batch.fork(() -> {
                    ran.set(true);
                    return 2;
                });
                third = batch.fork(() -> 3);
                batch.join();
                assertTrue(batch.hasFailure());
            }
            assertEquals(1, first.result());
            assertEquals(TaskHandle.Outcome.FAILED, second.outcome());
            assertSame(refusal, second.failure());
            assertFalse(ran.get(), "the refused task ran on the runner that claimed it");
            assertEquals(TaskHandle.Outcome.CANCELLED, third.outcome());
        });
    }

    @Test
    @DisplayName("computing tasks share the carriers' runners and one spare, not a thread each")
    void computingTasksShareRunners() throws InterruptedException {
        CountedThreads threads = CountedThreads.held(); // every task is forked before a runner runs
        AtomicInteger sum = new AtomicInteger();
        try (Batch batch = RunnerBatch.open(threads, null, 2, true)) {
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                batch.fork(() -> sum.addAndGet(n));
            }
            assertEquals(3, threads.started.get(), "two runners and one spare for 10,000 tasks");
            threads.release();
            batch.join();
        }
        assertEquals(10_000 * 9_999 / 2, sum.get());
        // a spare gets a carrier only when one comes free, and queues the next only when it claims a
        // task: while the tasks compute, at most one spare waits beyond the runners the carriers run
        int carriers = Math.max(2, RunnerBatch.PARALLELISM);
        assertTrue(threads.started.get() <= carriers + 2,
                "threads started for 10,000 computing tasks on " + carriers + " carriers: " + threads.started.get());
    }

    @Test
    @DisplayName("through the engine: a barrier of more tasks than cores completes")
    void barrierThroughTheEngine() throws InterruptedException {
        int n = 4 * RunnerBatch.PARALLELISM + 3;
        CountDownLatch allRunning = new CountDownLatch(n);
        List<TaskHandle<Object>> handles = new ArrayList<>();
        try (Batch batch = Engine.current().open("barrier", null)) {
            handles.addAll(forkBarrier(batch, allRunning));
            batch.join();
        }
        assertAllSucceeded(handles);
    }

    /** Forks one task per count of {@code allRunning}; each counts down and waits until all have. */
    private static List<TaskHandle<Object>> forkBarrier(Batch batch, CountDownLatch allRunning) {
        List<TaskHandle<Object>> handles = new ArrayList<>();
        for (long i = allRunning.getCount(); i > 0; i--) {
            handles.add(batch.fork(() -> {
                allRunning.countDown();
                awaitOrFail(allRunning, "every task of the barrier");
                return null;
            }));
        }
        return handles;
    }

    private static void assertAllSucceeded(List<? extends TaskHandle<?>> handles) {
        for (TaskHandle<?> handle : handles) {
            assertEquals(TaskHandle.Outcome.SUCCEEDED, handle.outcome());
        }
    }

    private static void awaitOrFail(CountDownLatch latch, String what) {
        try {
            if (!latch.await(SECONDS, TimeUnit.SECONDS)) {
                fail("timed out waiting for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted waiting for " + what);
        }
    }
}
