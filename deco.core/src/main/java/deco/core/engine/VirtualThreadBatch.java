package deco.core.engine;

import deco.core.remote.RemoteTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A batch of virtual threads. All state is guarded by {@link #lock}; a task publishes its outcome
 * under the lock, so the owner, which reads outcomes after {@link #close()} took the lock, sees
 * every effect of every task.
 *
 * <p>A failure cancels only the tasks forked after the failed one; {@link #join()} still waits for
 * the tasks forked before it, which may fail too, so the first failure in fork order is known.
 */
final class VirtualThreadBatch implements Batch {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Task<?>> tasks = new ArrayList<>();
    private final Thread.Builder threads;
    private final Deadline deadline;

    // guarded by lock
    private int running;
    /** Fork index of the earliest failed task, or {@link Integer#MAX_VALUE}; volatile for {@link #hasFailure()}. */
    private volatile int firstFailed = Integer.MAX_VALUE;
    /** Running tasks forked before {@link #firstFailed}: what join waits for; volatile for join's spin. */
    private volatile int runningBeforeFailure;
    private boolean cancelled;
    private boolean joined;
    /** Whether a remote task started without a thread; written and read by the owner only. */
    private boolean remoteStarted;
    private boolean closed;

    VirtualThreadBatch(String name, Duration timeout) {
        this.threads = Thread.ofVirtual().name(name);
        this.deadline = Deadline.after(timeout);
    }

    @Override
    public <R> TaskHandle<R> fork(Callable<? extends R> callable) {
        Objects.requireNonNull(callable, "task");
        Task<R> task;
        lock.lock();
        try {
            if (joined || closed) {
                throw new IllegalStateException("batch already joined or closed");
            }
            task = new Task<>(callable, tasks.size());
            tasks.add(task);
            if (cancelled || task.index > firstFailed) {
                // the batch was cancelled, or an earlier task failed: this one never runs
                task.outcome = TaskHandle.Outcome.CANCELLED;
                return task;
            }
            running++;
            runningBeforeFailure++;
            if (!(callable instanceof RemoteTask<?>)) {
                task.thread = threads.unstarted(task);
            }
        } finally {
            lock.unlock();
        }
        if (task.thread == null) {
            startRemote(task, (RemoteTask<?>) callable);
        } else {
            task.thread.start();
        }
        return task;
    }

    /**
     * Starts a task whose work runs in another JVM without a thread of this batch, if it can: it
     * settles when its reply arrives. Else it runs on a thread as any task.
     */
    private void startRemote(Task<?> task, RemoteTask<?> remote) {
        Runnable cancel;
        try {
            cancel = remote.start(task::settleWith);
        } catch (Throwable failedToStart) {
            settle(task, null, failedToStart);
            return;
        }
        boolean stop;
        lock.lock();
        try {
            stop = cancelled || task.index > firstFailed; // cancelled while it was being started
            if (cancel == null) {
                task.thread = threads.unstarted(task);
            } else {
                task.cancel = cancel;
                remoteStarted = true;
                if (stop && task.outcome == TaskHandle.Outcome.RUNNING) {
                    cancel.run();
                }
                return;
            }
        } finally {
            lock.unlock();
        }
        task.thread.start();
        if (stop) {
            task.thread.interrupt(); // its blocking call() cancels the remote work and settles
        }
    }

    @Override
    public void join() throws InterruptedException {
        if (!remoteStarted) { // a reply from another JVM takes far longer than a spin
            BriefSpin.until(() -> runningBeforeFailure == 0);
        }
        lock.lock();
        try {
            if (joined) {
                throw new IllegalStateException("batch already joined");
            }
            joined = true;
            while (runningBeforeFailure > 0 && !cancelled) {
                if (!deadline.isSet()) {
                    changed.await();
                } else {
                    long left = deadline.nanosLeft();
                    if (left <= 0L) {
                        cancelLocked();
                        throw new BatchTimeoutException();
                    }
                    changed.awaitNanos(left);
                }
            }
        } catch (InterruptedException e) {
            cancelLocked();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean hasFailure() {
        return firstFailed != Integer.MAX_VALUE;
    }

    @Override
    public void close() {
        boolean interrupted = false;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (running > 0) {
                cancelLocked();
            }
            while (running > 0) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Marks the batch cancelled and interrupts every task still running. Holds the lock. */
    private void cancelLocked() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        for (Task<?> task : tasks) {
            if (task.outcome == TaskHandle.Outcome.RUNNING) {
                task.interrupt();
            }
        }
        changed.signalAll();
    }

    private void settle(Task<?> task, Object result, Throwable failure) {
        lock.lock();
        try {
            boolean before = task.index < firstFailed;
            task.thrown = failure;
            if (cancelled || !before) {
                task.outcome = TaskHandle.Outcome.CANCELLED;
            } else if (failure != null) {
                task.failure = failure;
                task.outcome = TaskHandle.Outcome.FAILED;
                failedAt(task.index);
            } else {
                task.result = result;
                task.outcome = TaskHandle.Outcome.SUCCEEDED;
            }
            running--;
            if (before) {
                runningBeforeFailure--;
            }
            if (runningBeforeFailure == 0 || running == 0 || cancelled) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Task {@code index} failed before every task forked earlier did: the tasks forked after it
     * are cancelled, and join waits only for the ones before it. Holds the lock. Each task is
     * visited at most once over all failures (the ranges {@code [index, firstFailed)} are
     * disjoint), so many failures cost linear time.
     */
    private void failedAt(int index) {
        int end = Math.min(firstFailed, tasks.size());
        firstFailed = index; // first: a remote task's cancel may settle it at once, as cancelled
        for (int i = index + 1; i < end; i++) {
            Task<?> later = tasks.get(i);
            if (later.outcome == TaskHandle.Outcome.RUNNING) {
                runningBeforeFailure--;
                later.interrupt();
            }
        }
    }

    /**
     * One task: the runnable of its thread and its handle. A remote task that started without a
     * thread has a cancel action instead, and settles from its reply.
     */
    private final class Task<R> implements Runnable, TaskHandle<R> {
        private final Callable<? extends R> callable;
        private final int index;
        // set under lock before the task can be interrupted; at most one of them
        private Thread thread;
        private Runnable cancel;
        // written under lock, read by the owner after close
        private TaskHandle.Outcome outcome = TaskHandle.Outcome.RUNNING;
        private Object result;
        private Throwable failure;
        /** What it threw, counted or not (written under lock). */
        private Throwable thrown;

        Task(Callable<? extends R> callable, int index) {
            this.callable = callable;
            this.index = index;
        }

        @Override
        public void run() {
            Object value = null;
            Throwable thrown = null;
            try {
                value = callable.call();
            } catch (Throwable t) {
                thrown = t;
            }
            settle(this, value, thrown);
        }

        /** The outcome of a remote task that started without a thread, on the thread that has it. */
        void settleWith(Callable<?> outcome) {
            Object value = null;
            Throwable thrown = null;
            try {
                value = outcome.call();
            } catch (Throwable t) {
                thrown = t;
            }
            settle(this, value, thrown);
        }

        /**
         * Stops the task: interrupts its thread, or cancels its remote work. Holds the lock; a
         * remote task still being started has neither yet, and {@code startRemote} cancels it.
         */
        void interrupt() {
            if (thread != null) {
                thread.interrupt();
            } else if (cancel != null) {
                cancel.run();
            }
        }

        @Override
        public Outcome outcome() {
            lock.lock();
            try {
                return outcome;
            } finally {
                lock.unlock();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public R result() {
            if (outcome() != Outcome.SUCCEEDED) {
                throw new IllegalStateException("task did not succeed: " + outcome);
            }
            return (R) result;
        }

        @Override
        public Throwable failure() {
            if (outcome() != Outcome.FAILED) {
                throw new IllegalStateException("task did not fail: " + outcome);
            }
            return failure;
        }

        @Override
        public Throwable thrown() {
            lock.lock();
            try {
                return thrown;
            } finally {
                lock.unlock();
            }
        }
    }
}
