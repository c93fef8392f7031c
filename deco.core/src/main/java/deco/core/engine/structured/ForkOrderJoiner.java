package deco.core.engine.structured;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * Waits for every subtask, but on a failure interrupts the subtasks forked after the earliest
 * failed one and cancels the scope as soon as every subtask forked before it has completed, so
 * the first failure in fork order is known after join (decision 014). A scope can only cancel all
 * its subtasks at once, so each task runs inside a wrapper ({@link #task}) that knows its fork
 * index and thread: the later ones are stopped early through their threads.
 *
 * <p>A subtask counts as completed only in {@code onComplete}, which the scope calls on the
 * subtask's own thread after it set the subtask's state: cancelling earlier could leave the failed
 * subtask without its state, and the failure unseen. The wrapper leaves its slot in a thread-local
 * for {@code onComplete} to find (each subtask has its own virtual thread).
 *
 * <p>Thread-safe. The path without failures takes no lock in the subtasks: a wrapper publishes its
 * thread and {@code onComplete} the completion through volatile fields, and reads
 * {@link #firstFailed}. A failure takes the monitor, as do forks (on the owner, uncontended but for a failure).
 * Races between a failure and a starting or finishing task are settled by the order of volatile
 * writes and reads: a task writes its thread, then reads {@link #firstFailed}; a failure writes
 * {@code firstFailed}, then reads the threads; so at least one side sees the other.
 */
final class ForkOrderJoiner implements Joiner<Object, Void> {

    /** One forked task: its index, the thread running it while it runs, and whether it is done. */
    private static final class Slot {
        final int index;
        volatile Thread thread;
        volatile boolean completed;

        Slot(int index) {
            this.index = index;
        }
    }

    /** The slot of the task the current (subtask) thread runs, for {@link #onComplete}. */
    private static final ThreadLocal<Slot> RUNNING = new ThreadLocal<>();

    private final List<Slot> slots = new ArrayList<>(); // guarded by this
    private volatile int firstFailed = Integer.MAX_VALUE;
    private int completedBelow; // guarded by this: every slot before it has completed
    /** Forked tasks whose {@link #onComplete} has not run yet, for the owner's brief spin. */
    private final AtomicInteger unfinished = new AtomicInteger();

    /**
     * Wraps the next task to fork (forks come from the owner only, in order).
     *
     * @return the task as the scope must run it, and its fork index
     */
    <R> Indexed<R> task(Callable<? extends R> task) {
        Slot slot;
        synchronized (this) {
            slot = new Slot(slots.size());
            slots.add(slot);
        }
        unfinished.incrementAndGet();
        Callable<R> wrapped = () -> {
            slot.thread = Thread.currentThread();
            RUNNING.set(slot);
            try {
                if (slot.index > firstFailed) {
                    throw new CancellationException("an earlier task of this batch failed");
                }
                return task.call();
            } catch (Throwable t) {
                failedAt(slot.index);
                throw t;
            } finally {
                slot.thread = null;
            }
        };
        return new Indexed<>(wrapped, slot.index);
    }

    /** A task ready to fork, with its fork index. */
    record Indexed<R>(Callable<R> task, int index) {
    }

    /**
     * Task {@code index} could not be forked ({@link ScopeForks}): it never runs, and it counts as
     * completed and failed at its place in fork order.
     */
    void refused(int index) {
        Slot slot;
        synchronized (this) {
            slot = slots.get(index);
        }
        slot.completed = true;
        unfinished.decrementAndGet();
        failedAt(index);
    }

    /** Task {@code index} failed: the earliest so far interrupts the running tasks after it. */
    private synchronized void failedAt(int index) {
        if (index >= firstFailed) {
            return;
        }
        int end = Math.min(firstFailed, slots.size());
        firstFailed = index;
        // each index is visited once over all failures: the ranges are disjoint
        for (int later = index + 1; later < end; later++) {
            Thread thread = slots.get(later).thread;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    @Override
    public boolean onComplete(Subtask<?> subtask) {
        Slot slot = RUNNING.get();
        if (slot != null) {
            RUNNING.remove();
            slot.completed = true;
            unfinished.decrementAndGet();
        }
        // cancel once the earliest failed task and every task before it have completed
        return hasFailure() && completedThroughFailure();
    }

    private synchronized boolean completedThroughFailure() {
        int end = firstFailed;
        while (completedBelow <= end && completedBelow < slots.size() && slots.get(completedBelow).completed) {
            completedBelow++;
        }
        return completedBelow > end;
    }

    /**
     * @return whether every forked task has completed; a hint for the owner's spin only (a task
     * cancelled before it ran never completes here, and join decides)
     */
    boolean allCompleted() {
        return unfinished.get() == 0;
    }

    /** @return whether a subtask has failed; does not wait */
    boolean hasFailure() {
        return firstFailed != Integer.MAX_VALUE;
    }

    /** @return whether the task of this fork index came after the earliest failed one */
    boolean isAfterFailure(int index) {
        return index > firstFailed;
    }

    @Override
    public Void result() {
        return null;
    }
}
