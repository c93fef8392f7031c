package deco.concurrent;

import java.io.Serial;

/**
 * Thrown to a {@link Buffer}'s consumers when its generator failed: the cause is the generator's
 * exception (in another JVM: a {@link RemoteFailure} with its class, message and stack trace).
 */
public final class GeneratorException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Elements produced before the failure. */
    private final long index;

    GeneratorException(long index, Throwable cause) {
        super("the generator failed at element " + index + ": " + cause, cause);
        this.index = index;
    }

    /** {@return how many elements the generator produced before it failed} */
    public long index() {
        return index;
    }

    /** A generator's exception as another JVM reported it. */
    public static final class RemoteFailure extends RuntimeException {

        @Serial
        private static final long serialVersionUID = 1L;

        /** The class name of the remote exception. */
        private final String className;

        RemoteFailure(String className, String message, String stackTrace) {
            super(className + (message == null ? "" : ": " + message) + "\n(remote stack trace)\n" + stackTrace);
            this.className = className;
        }

        /** {@return the class name of the exception the generator threw} */
        public String className() {
            return className;
        }
    }
}
