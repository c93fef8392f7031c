package deco.core;

import java.io.Serial;

/**
 * Thrown at a synchronization event when a concurrent task failed with a checked exception (the
 * cause), when the owner was interrupted while waiting (cause {@link InterruptedException}), or,
 * as {@link SyncTimeoutException}, when the event's tasks ran past the timeout.
 *
 * <p>Unchecked exceptions and errors of tasks are rethrown as they are, not wrapped. Failures of
 * other tasks of the same event are attached as {@linkplain Throwable#getSuppressed() suppressed}
 * exceptions of the one thrown.
 */
public class ConcurrentException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause   the task's exception
     */
    public ConcurrentException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what failed
     */
    public ConcurrentException(String message) {
        super(message);
    }
}
