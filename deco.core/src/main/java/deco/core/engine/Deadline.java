package deco.core.engine;

import java.time.Duration;

/**
 * When a batch's time is up: fixed when the batch opens, from its timeout (none without one). A
 * timeout too long for a {@code long} of nanoseconds is as good as none, but still a deadline.
 * Not API.
 *
 * <p>Immutable and thread-safe.
 */
final class Deadline {

    private static final Deadline NONE = new Deadline(false, 0L);

    private final boolean set;
    private final long nanoTime;

    private Deadline(boolean set, long nanoTime) {
        this.set = set;
        this.nanoTime = nanoTime;
    }

    /**
     * {@return the deadline {@code timeout} from now, or none}
     *
     * @param timeout how long from now; {@code null} for no deadline
     */
    static Deadline after(Duration timeout) {
        return timeout == null ? NONE : new Deadline(true, System.nanoTime() + saturatedNanos(timeout));
    }

    /** {@return whether there is a deadline at all} */
    boolean isSet() {
        return set;
    }

    /** {@return nanoseconds left until the deadline, zero or less once it passed; only if {@link #isSet()}} */
    long nanosLeft() {
        return nanoTime - System.nanoTime();
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2;
        }
    }
}
