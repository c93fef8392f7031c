package deco.cluster;

import java.io.Serial;

/**
 * Stands for an exception a task threw on a member that could not be sent back as it is (it is not
 * serializable, or the owner does not have its class): its class name, message and stack trace are
 * kept. Any exception that can travel is rethrown as it is, not wrapped.
 */
public final class RemoteFailureException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The name of the exception's class on the member. */
    private final String remoteClass;

    /**
     * Creates the stand-in.
     *
     * @param remoteClass the name of the exception's class
     * @param message     its message, with the member's address
     * @param stackTrace  its stack trace on the member
     */
    public RemoteFailureException(String remoteClass, String message, StackTraceElement[] stackTrace) {
        super(remoteClass + ": " + message);
        this.remoteClass = remoteClass;
        setStackTrace(stackTrace);
    }

    /** {@return the name of the exception's class on the member} */
    public String remoteClass() {
        return remoteClass;
    }
}
