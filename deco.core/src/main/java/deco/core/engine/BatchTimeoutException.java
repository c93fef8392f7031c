package deco.core.engine;

import java.io.Serial;

/** Thrown by {@link Batch#join()} when the batch's deadline passed; its tasks are cancelled. */
public final class BatchTimeoutException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public BatchTimeoutException() {
        super("batch deadline passed");
    }
}
