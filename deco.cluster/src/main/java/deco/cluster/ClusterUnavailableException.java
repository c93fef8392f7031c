package deco.cluster;

import java.io.Serial;

/**
 * A task could not run on the cluster: no member could be reached within the connect timeout, or
 * every member the task was sent to was lost before it finished. Thrown by the synchronization
 * event (or {@code Deco.map}) like any failure of the task, as the first failure in call order;
 * none of the event's stores are made.
 */
public final class ClusterUnavailableException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was tried and which cluster
     * @param cause   the last failure, may be null
     */
    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
