package deco.core.woven;

import java.util.ArrayList;
import java.util.List;

/**
 * The index-based mutations ({@code arg.put}, {@code arg.set}, {@code arg[i] = v}) that one
 * forked {@code @Concurrent} call made to its arguments, recorded on the task's thread and
 * replayed on the owner at the synchronization event, in call order (decision 004). Each entry is
 * data ({@link Write}), not code, so a call run in another JVM can send its writes back to the
 * owner, which records them against its own argument objects.
 *
 * <p>Confined: written by the task's thread only, read by the owner after the event's join (the
 * engine's happens-before edge). Not API: used by woven code.
 */
public final class MutationLog {

    private final List<Write> writes = new ArrayList<>();
    private boolean claimed;

    MutationLog() {
    }

    /** The first {@code @Concurrent} frame of the task claims the log; nested frames get none. */
    boolean claim() {
        if (claimed) {
            return false;
        }
        claimed = true;
        return true;
    }

    /** {@return whether a woven {@code @Concurrent} frame claimed this log} */
    boolean claimed() {
        return claimed;
    }

    void record(Write write) {
        writes.add(write);
    }

    /** {@return the writes recorded so far, in order} */
    List<Write> writes() {
        return List.copyOf(writes);
    }

    /** {@return whether replaying these writes surely leaves every list's size as it was} */
    boolean keepsListSizes() {
        for (Write write : writes) {
            if (!write.keepsListSizes()) {
                return false;
            }
        }
        return true;
    }

    void replay() {
        for (Write write : writes) {
            write.apply();
        }
        writes.clear();
    }
}
