package deco.core;

import java.util.concurrent.CancellationException;

/**
 * The result of a task started with {@link Sync#fork(java.util.concurrent.Callable)}, available
 * once the next synchronization event of that {@link Sync} has completed.
 *
 * {@snippet :
 * try (Sync sync = Deco.synchronize()) {
 *     Pending<Integer> a = sync.fork(() -> slowSquare(3));
 *     Pending<Integer> b = sync.fork(() -> slowSquare(4));
 *     sync.sync();
 *     int sum = a.get() + b.get(); // 25
 * }
 * }
 *
 * <p>Thread-safe: any thread may call {@link #get()}. Memory-consistency effects: actions of the
 * task happen-before {@code get()} returns its result.
 *
 * @param <R> the result type
 */
public final class Pending<R> {

    private static final int WAITING = 0;
    private static final int DONE = 1;
    private static final int FAILED = 2;
    private static final int CANCELLED = 3;

    private volatile int state = WAITING;
    private R value;
    private Throwable failure;

    Pending() {
    }

    /**
     * The task's result.
     *
     * @return the result, possibly {@code null}
     * @throws IllegalStateException if the synchronization event that covers the task has not
     *                               happened yet
     * @throws ConcurrentException    if the task failed (the cause is its exception)
     * @throws CancellationException  if the task was cancelled, because another task of its
     *                                event failed, the event timed out or the owner was interrupted
     */
    public R get() {
        return switch (state) {
            case DONE -> value;
            case WAITING -> throw new IllegalStateException(
                    "result not available before the next synchronization event (Sync.sync() or close())");
            case FAILED -> throw new ConcurrentException("the task of this Pending failed: " + failure, failure);
            default -> {
                CancellationException cancelled = new CancellationException(
                        "the task of this Pending was cancelled at its synchronization event");
                cancelled.initCause(failure);
                throw cancelled;
            }
        };
    }

    /**
     * {@return {@code true} once the covering synchronization event has happened, whatever the
     * outcome; {@link #get()} then returns or throws at once}
     */
    public boolean isDone() {
        return state != WAITING;
    }

    void complete(Object result) {
        @SuppressWarnings("unchecked")
        R typed = (R) result;
        value = typed;
        state = DONE;
    }

    void fail(Throwable cause) {
        failure = cause;
        state = FAILED;
    }

    void cancel(Throwable reason) {
        failure = reason;
        state = CANCELLED;
    }

    @Override
    public String toString() {
        return switch (state) {
            case WAITING -> "Pending[waiting]";
            case DONE -> "Pending[" + value + "]";
            case FAILED -> "Pending[failed: " + failure + "]";
            default -> "Pending[cancelled]";
        };
    }
}
