package deco.core;

import java.io.Serial;
import java.time.Duration;

/**
 * Thrown at a synchronization event whose tasks did not all finish within the timeout given to
 * {@link Deco#synchronize(Duration)}. Every task of that event was cancelled and none of its
 * deferred stores was applied; the {@link Sync} stays usable.
 */
public final class SyncTimeoutException extends ConcurrentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Duration timeout;

    SyncTimeoutException(Duration timeout, int cancelled) {
        super("synchronization event timed out after " + timeout + ": " + cancelled
                + " task(s) cancelled, no store of this event applied");
        this.timeout = timeout;
    }

    /**
     * {@return the timeout that passed}
     */
    public Duration timeout() {
        return timeout;
    }
}
