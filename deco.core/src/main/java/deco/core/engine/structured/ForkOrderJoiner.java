package deco.core.engine.structured;

import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * Waits for every subtask, but on a failure interrupts the subtasks forked after the earliest
 * failed one and cancels the scope as soon as every subtask forked before it has completed, so
 * the first failure in fork order is known after join. (A scope cancels all its subtasks at once;
 * the later ones are stopped early through their threads, which {@link #task} records.) The
 * outcome is read from the subtasks, so {@link #result()} returns nothing.
 *
 * <p>Thread-safe: {@code onFork} runs on the owner, {@code onComplete} and the task wrappers on
 * subtask threads, all under this object's monitor.
 */
final class ForkOrderJoiner implements Joiner<Object, Void> {

    private final Map<Subtask<?>, Integer> indexes = new IdentityHashMap<>();
    private final Map<Integer, Thread> running = new HashMap<>();
    private final BitSet completed = new BitSet();
    private int forks;
    private int firstFailed = Integer.MAX_VALUE;
    private volatile boolean failed;

    /**
     * Wraps the next task to fork (forks come from the owner only, in order), so that its thread
     * can be interrupted when an earlier task fails, and so that it does not start at all if one
     * already has.
     *
     * @return the task as the scope must run it, and its fork index
     */
    synchronized <R> Indexed<R> task(Callable<? extends R> task) {
        int index = forks;
        Callable<R> wrapped = () -> {
            started(index);
            try {
                return task.call();
            } finally {
                finished(index);
            }
        };
        return new Indexed<>(wrapped, index);
    }

    /** A task ready to fork, with the fork index {@link #onFork} will give it. */
    record Indexed<R>(Callable<R> task, int index) {
    }

    private synchronized void started(int index) {
        if (index > firstFailed) {
            throw new CancellationException("an earlier task of this batch failed");
        }
        running.put(index, Thread.currentThread());
    }

    private synchronized void finished(int index) {
        running.remove(index);
    }

    @Override
    public synchronized boolean onFork(Subtask<?> subtask) {
        indexes.put(subtask, forks++);
        return false;
    }

    @Override
    public synchronized boolean onComplete(Subtask<?> subtask) {
        Integer index = indexes.remove(subtask);
        if (index == null) {
            return false; // cannot happen: every subtask was forked through onFork
        }
        completed.set(index);
        if (subtask.state() == Subtask.State.FAILED && index < firstFailed) {
            int end = Math.min(firstFailed, forks);
            firstFailed = index;
            failed = true;
            // each index is visited once over all failures: the ranges are disjoint
            for (int later = index + 1; later < end; later++) {
                Thread thread = running.remove(later);
                if (thread != null) {
                    thread.interrupt();
                }
            }
        }
        // cancel once nothing forked before the earliest failure is still running
        return firstFailed != Integer.MAX_VALUE && completed.nextClearBit(0) >= firstFailed;
    }

    /** @return whether a subtask has failed; does not wait */
    boolean hasFailure() {
        return failed;
    }

    /** @return whether the task of this fork index came after the earliest failed one */
    synchronized boolean isAfterFailure(int index) {
        return index > firstFailed;
    }

    @Override
    public Void result() {
        return null;
    }
}
