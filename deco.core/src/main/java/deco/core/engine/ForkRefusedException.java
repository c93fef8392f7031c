package deco.core.engine;

import java.io.Serial;

/**
 * Thrown by {@link RunnerThreads#start(Runnable)} when the threads can never run a runner started
 * by the calling thread: on the StructuredTaskScope engine, the caller's {@code ScopedValue}
 * bindings are not the ones its scope was opened with, or the JDK closed that scope because the
 * binding it was opened in ended (decision 040). A batch turns it into the failure of the task
 * being forked, at its place in fork order; it is never retried.
 */
public final class ForkRefusedException extends IllegalStateException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was refused and what to do instead
     * @param cause   the JDK's exception, or null
     */
    public ForkRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
