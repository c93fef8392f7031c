package deco.memory;

import java.io.Serial;

/**
 * The JVM is not set up for deco's Chronicle-based collections and queues: a JVM flag or a
 * Chronicle dependency is missing, or the Chronicle found is not one deco can use. The message
 * names every missing flag or jar and how to get them (docs/getting-started.md); nothing was
 * opened, created or changed on disk.
 *
 * <p>Thrown by the first {@code DiskDict}, {@code DiskList}, spilling {@code Buffer} or
 * persistent {@code Cache} of a JVM, before Chronicle is used, and again by every later one: the
 * JVM's set-up does not change while it runs.
 *
 * {@snippet :
 * // the flags, for an application on the module path (one step; see docs/getting-started.md):
 * //   java -jar deco.memory-VERSION.jar --module-path mods > deco.args
 * //   java @deco.args -p mods -m app/app.Main
 * }
 */
public final class JvmSetupException extends IllegalStateException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * A JVM that lacks what deco needs.
     *
     * @param message what is missing and how to supply it
     */
    public JvmSetupException(String message) {
        super(message);
    }

    /**
     * A JVM that lacks what deco needs, with the failure that showed it.
     *
     * @param message what is missing and how to supply it
     * @param cause   the failure that showed it
     */
    public JvmSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
