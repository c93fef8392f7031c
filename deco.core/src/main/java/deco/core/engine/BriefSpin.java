package deco.core.engine;

import java.util.function.BooleanSupplier;

/**
 * How an owner waits at a synchronization event before it parks: it polls for at most
 * {@value #NANOS} ns. A short event (one small task, say) then ends without the owner being parked
 * and woken — on a busy machine that wake-up alone costs tens of microseconds — while a long one
 * loses at most that much CPU time per event (decision 022). Not API.
 */
public final class BriefSpin {

    /** The longest an owner polls before it parks. */
    public static final long NANOS = 20_000;

    private BriefSpin() {
    }

    /**
     * Polls {@code done} until it holds or {@link #NANOS} have passed; the caller then waits as
     * usual, so nothing depends on the spin but speed.
     *
     * @param done whether the event's tasks have completed; cheap and thread-safe (a volatile read)
     */
    public static void until(BooleanSupplier done) {
        long end = System.nanoTime() + NANOS;
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
