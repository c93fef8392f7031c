package deco.core.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A batch whose tasks wait in fork order for a few <em>runner</em> threads instead of each getting
 * a thread of its own (decision 026, the third design of decision 024): the owner appends each task to an array, and
 * a runner claims the next index, runs that task, settles it, and claims again until no index is
 * left. Nothing is counted per task in a place that several threads write, and no clock is read
 * per task: the owner learns that the batch is done from the last runner going idle.
 *
 * <p>Runners: a fork starts one while fewer than the carriers of virtual threads are active, and
 * otherwise makes sure that one <em>spare</em> runner is queued behind them. Runners never give
 * their carrier up between tasks, so the spare gets a carrier only when one comes free: a runner's
 * task blocked (I/O, a lock, waiting for another task), a runner ended, or the owner parked. The
 * spare then becomes a runner, queues the next spare and claims tasks. So computing tasks share as
 * many runners as there are carriers, and each task that blocks hands its carrier to a runner for
 * the tasks behind it, within microseconds and without the owner — a program whose tasks wait
 * for each other, or for I/O, keeps as many tasks in flight as a thread per task would. Tasks
 * start in fork order, so the earliest unfinished task is always running.
 *
 * <p>A waiting task moves by compare-and-set of its state to running (a runner claimed it) or to
 * cancelled (it never starts). A running task is interrupted only under its own monitor, which its
 * runner also holds to end it, so a late cancellation never reaches the runner's next task. A
 * runner checks the batch's cancellation and first failure before it starts each task, so no task
 * forked after a failure starts once the failure is known. A task's outcome is written before its
 * state becomes settled, and a runner's last settle before it goes idle, so the owner sees every
 * effect of every task after {@link #join()} or {@link #close()}.
 *
 * <p>Only the owner starts runners from the batch's {@link RunnerThreads} (StructuredTaskScope's
 * rule); a runner starts the next spare from threads of its own ({@link RunnerThreads#nested()}),
 * which it closes before it ends. A task may fork into its own batch before the owner joins; the
 * runners take that task too.
 *
 * <p>The owner's threads may refuse a runner for good ({@link ForkRefusedException}: on the
 * StructuredTaskScope engine the owner's {@code ScopedValue} bindings are not the scope's, decision
 * 040). The task the owner forks is therefore <em>held</em> until the owner's start has succeeded
 * — a runner that claims it meanwhile waits — and a refused start fails that task at its place in
 * fork order instead of letting a runner run it: the tasks before it run, the ones after it are
 * cancelled, and nothing waits for a runner that will never come.
 */
public final class RunnerBatch implements Batch {

    /** Runners started at once: the carriers of virtual threads. */
    static final int PARALLELISM = Math.max(1, Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
            Runtime.getRuntime().availableProcessors()));
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int CANCELLED = 3;
    /** Forked by the owner, which is starting a thread for it: a runner that claims it waits. */
    private static final int HELD = 4;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Task.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final RunnerThreads threads;
    private final Thread owner = Thread.currentThread();
    private final Deadline deadline;
    private final int parallelism;
    private final boolean spares;
    /** The runner a thread of this batch is, for a task that forks into its own batch. */
    private final ThreadLocal<Runner> currentRunner = new ThreadLocal<>();

    /** The tasks in fork order, in chunks of {@link #CHUNK}; replaced (grown) under lock. */
    private volatile Task<?>[][] chunks = new Task<?>[1][];
    /** Tasks forked: every index below is in {@link #chunks}. Written under lock. */
    private volatile int forked;
    /** The next index a runner claims. */
    private final AtomicInteger claimed = new AtomicInteger();
    /** Runners started (or spares become runners) and not idle. */
    private final AtomicInteger active = new AtomicInteger();
    /** Whether a spare runner is queued and has not yet started. */
    private final AtomicBoolean sparePending = new AtomicBoolean();
    /** Fork index of the earliest failed task, or {@link Integer#MAX_VALUE}; written under lock. */
    private volatile int firstFailed = Integer.MAX_VALUE;
    private volatile boolean cancelled;
    /** The owner while it parks in join or close, for the runners to wake. */
    private volatile Thread waiter;

    /** Join's cursor, the owner's: every task before it is settled. */
    private int settledPrefix;
    // guarded by lock
    private boolean joined;
    private boolean closed;

    private RunnerBatch(RunnerThreads threads, Duration timeout, int parallelism, boolean spares) {
        this.threads = threads;
        this.parallelism = parallelism;
        this.spares = spares;
        this.deadline = Deadline.after(timeout);
    }

    /**
     * Opens a batch owned by the calling thread.
     *
     * @param threads where its runners run
     * @param timeout how long it may run, from now; null for no limit
     * @return the batch
     */
    public static RunnerBatch open(RunnerThreads threads, Duration timeout) {
        return open(threads, timeout, PARALLELISM, true);
    }

    /**
     * As {@link #open(RunnerThreads, Duration)}, with the runners to start at once and whether
     * spares replace blocked runners; for tests (without spares, what runs when is decided by fork
     * order alone).
     */
    static RunnerBatch open(RunnerThreads threads, Duration timeout, int parallelism, boolean spares) {
        return new RunnerBatch(Objects.requireNonNull(threads, "threads"), timeout, parallelism, spares);
    }

    @Override
    public <R> TaskHandle<R> fork(Callable<? extends R> callable) {
        Objects.requireNonNull(callable, "task");
        boolean byOwner = Thread.currentThread() == owner;
        // the owner decides first whether it starts a thread for this task: only then is the task held
        Runner starting = null;
        if (byOwner) {
            if (rejoin()) {
                starting = new Runner(false); // fewer runners than the parallelism
            } else if (claimSpare()) {
                starting = new Runner(true);
            }
        }
        Task<R> task;
        lock.lock();
        try {
            if (joined || closed) {
                uncount(starting);
                throw new IllegalStateException("batch already joined or closed");
            }
            int index = forked;
            task = new Task<>(callable, index);
            if (cancelled || index > firstFailed) {
                task.state = CANCELLED; // never runs
            } else if (starting != null) {
                task.state = HELD; // until the owner's start below is known to have succeeded
            }
            Task<?>[][] c = chunks;
            int chunk = index >>> CHUNK_BITS;
            if ((index & (CHUNK - 1)) == 0) { // a new chunk, published below with the task
                if (chunk == c.length) {
                    c = Arrays.copyOf(c, c.length * 2);
                }
                c[chunk] = new Task<?>[CHUNK];
                chunks = c; // the runners read this field for every task: written only when it changes
            }
            c[chunk][index & (CHUNK - 1)] = task;
            forked = index + 1; // publishes the task to the runners
        } finally {
            lock.unlock();
        }
        if (starting != null) {
            // counted above, so started even for a task cancelled meanwhile: it finds nothing to run
            try {
                start(threads, starting);
            } catch (ForkRefusedException refused) {
                refuse(task, HELD, refused);
                return task;
            }
            STATE.compareAndSet(task, HELD, WAITING); // unless a failure or cancellation stopped it meanwhile
        } else if (!byOwner && task.state != CANCELLED) {
            Runner runner = currentRunner.get();
            if (runner != null) {
                runner.queueSpare(); // the runners may all be blocked in tasks
            } else {
                wake(); // no runner may be left to take it: the owner, if at join, starts one
            }
        }
        return task;
    }

    /** {@return how many tasks runners have claimed so far} For tests. */
    int claimedCount() {
        return claimed.get();
    }

    private Task<?> task(int index) {
        return chunks[index >>> CHUNK_BITS][index & (CHUNK - 1)];
    }

    /** Makes sure a spare runner is queued, started from {@code from}; the owner or a runner of the batch. */
    private void queueSpare(RunnerThreads from) {
        if (claimSpare()) {
            start(from, new Runner(true));
        }
    }

    /** Counts a spare as pending if spares are used and none is: the caller then starts it. */
    private boolean claimSpare() {
        return spares && !sparePending.get() && sparePending.compareAndSet(false, true);
    }

    /**
     * Starts {@code runner}, already counted (in {@link #active}, or as the pending spare). If its
     * thread cannot start, uncounts it; if the threads refused it for good, rethrows; if no
     * runner is left for the waiting tasks, cancels them and rethrows.
     *
     * @throws ForkRefusedException if the threads refused the runner: the caller fails a task
     */
    private void start(RunnerThreads from, Runner runner) {
        try {
            from.start(runner);
        } catch (Throwable cannotStart) {
            uncount(runner);
            if (cannotStart instanceof ForkRefusedException) {
                throw cannotStart;
            }
            if (quiet()) {
                cancelAll(); // no runner would ever take the waiting tasks
                throw cannotStart;
            }
        }
    }

    /** Uncounts a runner that was counted and will not run; none if null. */
    private void uncount(Runner runner) {
        if (runner == null) {
            return;
        }
        if (runner.spare) {
            sparePending.set(false);
        } else {
            active.decrementAndGet();
        }
    }

    /**
     * Counts one runner more if fewer than {@link #parallelism} are active: a runner going idle
     * that saw a task come, or the owner about to start one.
     */
    private boolean rejoin() {
        for (int n = active.get(); n < parallelism; n = active.get()) {
            if (active.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Claims the next task, or returns {@code null} if every forked task is claimed. */
    private Task<?> claim() {
        while (true) {
            int next = claimed.get();
            if (next >= forked) {
                return null;
            }
            if (claimed.compareAndSet(next, next + 1)) {
                return task(next);
            }
        }
    }

    /**
     * A task that was forked and never ran fails with {@code refused}, if it is still {@code from}
     * (a failure or cancellation may have stopped it first); if no runner is left to take the
     * waiting tasks, they are cancelled.
     */
    private void refuse(Task<?> task, int from, ForkRefusedException refused) {
        task.failure = refused; // published by the state's compare-and-set
        if (STATE.compareAndSet(task, from, DONE)) {
            settledWithFailure(task, refused, false);
        }
        if (quiet()) {
            cancelAll(); // nothing waits for a runner that will never come
        }
    }

    /** Runs {@code task} on the calling runner, unless it was cancelled. */
    private void runOne(Task<?> task, Thread me) {
        for (int spins = 0; task.state == HELD; spins++) {
            // the owner is starting a thread for it and has not yet seen the start succeed
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the owner may need this carrier
            }
        }
        if (cancelled || task.index > firstFailed) {
            // cancelAll or failedAt is on its way to this task: it must not start (serial order)
            stop(task);
            return;
        }
        task.thread = me;
        if (!STATE.compareAndSet(task, WAITING, RUNNING)) {
            task.thread = null; // cancelled while it waited
            return;
        }
        Object value = null;
        Throwable thrown = null;
        try {
            value = task.callable.call();
        } catch (Throwable t) {
            thrown = t;
        }
        boolean cancelledNow = cancelled;
        synchronized (task) { // no interrupt aimed at this task can come after this block
            task.result = value;
            task.failure = thrown;
            task.cancelledAtEnd = cancelledNow;
            task.thread = null;
            task.state = DONE;
        }
        if (firstFailed != Integer.MAX_VALUE || thrown != null) {
            settledWithFailure(task, thrown, cancelledNow);
        }
    }

    /** The rare path: a task failed, or settled after some task had failed; join may be waiting for it. */
    private void settledWithFailure(Task<?> task, Throwable thrown, boolean cancelledNow) {
        if (thrown != null && !cancelledNow && task.index < firstFailed) {
            lock.lock();
            try {
                failedAt(task.index);
            } finally {
                lock.unlock();
            }
        }
        wake();
    }

    /**
     * Task {@code index} failed before every task forked earlier did: the tasks forked after it
     * are cancelled (never started, or interrupted), and join waits only for the ones before it.
     * Holds the lock. Each task is visited at most once over all failures (the ranges
     * {@code [index, firstFailed)} are disjoint), so many failures cost linear time.
     */
    private void failedAt(int index) {
        if (index >= firstFailed) {
            return;
        }
        int end = Math.min(firstFailed, forked);
        firstFailed = index;
        for (int i = index + 1; i < end; i++) {
            stop(task(i));
        }
    }

    /** Stops a task: it never starts if it still waits, else its runner is interrupted while it runs. */
    private static void stop(Task<?> task) {
        if (STATE.compareAndSet(task, WAITING, CANCELLED) || STATE.compareAndSet(task, HELD, CANCELLED)) {
            return;
        }
        synchronized (task) {
            Thread thread = task.thread;
            if (task.state == RUNNING && thread != null) {
                thread.interrupt();
            }
        }
    }

    /** Cancels every unsettled task: timeout, the owner's interrupt, or close without join. */
    private void cancelAll() {
        lock.lock();
        try {
            if (cancelled) {
                return;
            }
            cancelled = true;
            for (int i = 0, n = forked; i < n; i++) {
                stop(task(i));
            }
        } finally {
            lock.unlock();
        }
    }

    private void wake() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Whether every runner is idle and every forked task claimed: every task has settled. */
    private boolean idle() {
        return active.get() == 0 && claimed.get() >= forked;
    }

    /** Whether no runner runs and none is queued: no thread of the batch will touch it again. */
    private boolean quiet() {
        return !sparePending.get() && active.get() == 0; // a spare counts itself active before it stops pending
    }

    /** Whether join may return: every task forked before the first failure has settled. */
    private boolean joinable() {
        if (idle() || cancelled) {
            return true;
        }
        int limit = firstFailed;
        if (limit == Integer.MAX_VALUE) {
            return false; // a runner is busy or about to go idle
        }
        while (settledPrefix < limit && task(settledPrefix).settled()) {
            settledPrefix++;
        }
        return settledPrefix >= limit;
    }

    @Override
    public void join() throws InterruptedException {
        lock.lock();
        try {
            if (joined) {
                throw new IllegalStateException("batch already joined");
            }
            joined = true;
        } finally {
            lock.unlock();
        }
        BriefSpin.until(this::joinable);
        waiter = owner;
        try {
            while (!joinable()) {
                if (active.get() == 0 && claimed.get() < forked && !sparePending.get() && rejoin()) {
                    // forked by a thread that could not start a runner (neither the owner nor a runner)
                    try {
                        start(threads, new Runner(false));
                    } catch (ForkRefusedException refused) {
                        refuse(task(claimed.get()), WAITING, refused); // the first that no runner took
                    }
                    continue;
                }
                if (!deadline.isSet()) {
                    LockSupport.park(this);
                } else {
                    long left = deadline.nanosLeft();
                    if (left <= 0L) {
                        cancelAll();
                        throw new BatchTimeoutException();
                    }
                    LockSupport.parkNanos(this, left);
                }
                if (Thread.interrupted()) {
                    cancelAll();
                    throw new InterruptedException();
                }
            }
        } finally {
            waiter = null;
        }
    }

    @Override
    public boolean hasFailure() {
        return firstFailed != Integer.MAX_VALUE;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        if (!idle()) {
            cancelAll();
        }
        BriefSpin.until(this::quiet);
        boolean interrupted = false;
        waiter = owner;
        try {
            while (!quiet()) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
        } finally {
            waiter = null;
        }
        threads.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One runner thread: claims and runs tasks until none is left. */
    private final class Runner implements Runnable {
        /** Whether it was queued as the spare: it counts itself active when it gets a carrier. */
        private final boolean spare;
        /** Where it starts the next spare; opened on its own thread when first needed, closed as it ends. */
        private RunnerThreads children;

        Runner(boolean spare) {
            this.spare = spare;
        }

        @Override
        public void run() {
            if (spare) {
                active.incrementAndGet();
                sparePending.set(false); // after counting: close never sees neither
            }
            currentRunner.set(this);
            try {
                runTasks();
            } finally {
                if (children != null) {
                    children.close(); // waits for the spares this runner started
                }
            }
        }

        private void runTasks() {
            Thread me = Thread.currentThread();
            boolean spareQueued = !spare; // a spare got a carrier because one came free: queue the next
            while (true) {
                Thread.interrupted(); // aimed at the previous task, which has ended: none can come now
                Task<?> task = claim();
                if (task == null) {
                    int left = active.decrementAndGet();
                    if (forked > claimed.get() && rejoin()) {
                        continue; // a task came as this runner was going idle, and no other runner may see it
                    }
                    if (left == 0) {
                        wake();
                    }
                    return;
                }
                if (!spareQueued) {
                    spareQueued = true;
                    queueSpare();
                }
                runOne(task, me);
            }
        }

        /** Queues a spare from this runner's own threads; on the runner's thread only. */
        void queueSpare() {
            if (children == null) {
                children = threads.nested();
            }
            RunnerBatch.this.queueSpare(children);
        }
    }

    /** One task: what a runner runs, and its handle. */
    private final class Task<R> implements TaskHandle<R> {
        private final Callable<? extends R> callable;
        private final int index;
        /** {@link #HELD}, {@link #WAITING}, {@link #RUNNING}, {@link #DONE} or {@link #CANCELLED}; moved by compare-and-set. */
        private volatile int state;
        /** The runner running it, while it runs; written before it runs, cleared under the monitor. */
        private volatile Thread thread;
        // written before state becomes DONE, read after
        private Object result;
        private Throwable failure;
        private boolean cancelledAtEnd;

        Task(Callable<? extends R> callable, int index) {
            this.callable = callable;
            this.index = index;
        }

        boolean settled() {
            int s = state;
            return s == DONE || s == CANCELLED;
        }

        @Override
        public Outcome outcome() {
            int s = state;
            if (s == WAITING || s == RUNNING || s == HELD) {
                return Outcome.RUNNING;
            }
            if (s == CANCELLED || cancelledAtEnd || index > firstFailed) {
                return Outcome.CANCELLED;
            }
            return failure != null ? Outcome.FAILED : Outcome.SUCCEEDED;
        }

        @Override
        @SuppressWarnings("unchecked")
        public R result() {
            Outcome outcome = outcome();
            if (outcome != Outcome.SUCCEEDED) {
                throw new IllegalStateException("task did not succeed: " + outcome);
            }
            return (R) result;
        }

        @Override
        public Throwable failure() {
            Outcome outcome = outcome();
            if (outcome != Outcome.FAILED) {
                throw new IllegalStateException("task did not fail: " + outcome);
            }
            return failure;
        }

        @Override
        public Throwable thrown() {
            synchronized (this) { // written in one block with the state
                return state == DONE ? failure : null;
            }
        }
    }
}
