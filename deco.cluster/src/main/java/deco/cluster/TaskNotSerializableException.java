package deco.cluster;

import java.io.Serial;

/**
 * A task cannot run on the cluster because something it would carry to a member — the receiver
 * or an argument of a {@code @Concurrent} call, what a lambda of the explicit API captured, or the
 * declared result — is not {@link java.io.Serializable}. Thrown <em>at the call</em>, on the
 * calling thread, before anything of that call runs; the message names the method (or where the
 * task was given), the parameter and the type.
 */
public final class TaskNotSerializableException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what cannot travel, and where it came from
     * @param cause   the serialisation failure, may be null
     */
    public TaskNotSerializableException(String message, Throwable cause) {
        super(message, cause);
    }
}
