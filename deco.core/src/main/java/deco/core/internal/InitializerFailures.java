package deco.core.internal;

/**
 * Which failure a serial program throws when a class's static initializer fails (decision 068).
 * The first use of the class, in program order, gets the initializer's failure (an
 * {@code ExceptionInInitializerError}, or the {@code Error} the initializer threw); every later
 * use gets {@code NoClassDefFoundError: Could not initialize class X}. Woven, an initializer that
 * touches nothing outside its class may run in any task that uses the class, so the first use to
 * run need not be the first in call order: the call first in call order may fail with the
 * {@code NoClassDefFoundError} while a later call, or the loop, holds the initializer's failure.
 * The event then throws that failure, as the serial program did at its first use.
 *
 * <p>Stateless; thread-safe.
 */
public final class InitializerFailures {

    private static final String UNINITIALIZED = "Could not initialize class ";

    private InitializerFailures() {
    }

    /**
     * {@return the binary name of the class {@code failure} says could not be initialized, or
     * {@code null} if it is not such a {@code NoClassDefFoundError}}
     */
    public static String uninitializedClass(Throwable failure) {
        if (!(failure instanceof NoClassDefFoundError) || failure.getMessage() == null
                || !failure.getMessage().startsWith(UNINITIALIZED)) {
            return null;
        }
        return failure.getMessage().substring(UNINITIALIZED.length()).trim();
    }

    /**
     * {@return whether {@code failure} is what the static initializer of {@code className} threw
     * at the first use of the class} An {@code ExceptionInInitializerError} whose cause was thrown
     * in that initializer, or an {@code Error} thrown there itself.
     */
    public static boolean isInitializerFailure(Throwable failure, String className) {
        if (failure instanceof ExceptionInInitializerError error) {
            return error.getCause() != null && thrownIn(error.getCause(), className);
        }
        return failure instanceof Error && !(failure instanceof NoClassDefFoundError) && thrownIn(failure, className);
    }

    /**
     * {@return {@code candidate} if {@code chosen} says a class could not be initialized and
     * {@code candidate} is that class's initializer failing at its first use, else {@code chosen}}
     */
    public static Throwable firstUse(Throwable chosen, Throwable candidate) {
        String className = uninitializedClass(chosen);
        return className != null && candidate != null && candidate != chosen
                && isInitializerFailure(candidate, className) ? candidate : chosen;
    }

    private static boolean thrownIn(Throwable thrown, String className) {
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getMethodName().equals("<clinit>") && frame.getClassName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
