package deco.core.engine;

import java.util.Objects;

/**
 * The outcome of one forked task; read by the owner after the batch is joined and closed.
 *
 * @param <R> the result type
 */
public interface TaskHandle<R> {

    /** Where a task ended up. */
    enum Outcome {
        /** Still running, or not yet read after join. */
        RUNNING,
        /** Completed with a result. */
        SUCCEEDED,
        /** Completed with an exception. */
        FAILED,
        /** Cancelled (by another task's failure, a timeout or an interrupt) before it settled. */
        CANCELLED
    }

    /** The outcome; {@link Outcome#CANCELLED} for any task not settled when the batch closed. */
    Outcome outcome();

    /**
     * @return the task's result
     * @throws IllegalStateException unless the outcome is {@link Outcome#SUCCEEDED}
     */
    R result();

    /**
     * @return the exception the task threw
     * @throws IllegalStateException unless the outcome is {@link Outcome#FAILED}
     */
    Throwable failure();

    /**
     * {@return what the task threw, even if it counts as cancelled because a task forked before it
     * failed after it ran; {@code null} if it never ran, is still running or threw nothing}
     * Only for telling which call a serial program would have failed at (decision 068): the
     * event's outcome is {@link #outcome()}'s.
     */
    default Throwable thrown() {
        return outcome() == Outcome.FAILED ? failure() : null;
    }

    /**
     * {@return the handle of a task that never ran and counts as failed with {@code failure}}
     *
     * @param failure why it never ran
     * @param <R>     the result type
     */
    @SuppressWarnings("unchecked")
    static <R> TaskHandle<R> failed(Throwable failure) {
        return (TaskHandle<R>) new FailedTask(Objects.requireNonNull(failure, "failure"));
    }
}
