package deco.core.woven;

import java.util.ArrayList;
import java.util.List;

/**
 * The index-based mutations ({@code arg.put}, {@code arg.set}, {@code arg[i] = v}) that one
 * forked {@code @Concurrent} call made to its arguments, recorded on the task's thread and
 * replayed on the owner at the synchronization event, in call order (decision 004).
 *
 * <p>Confined: written by the task's thread only, read by the owner after the event's join (the
 * engine's happens-before edge). Not API: used by woven code.
 */
public final class MutationLog {

    private final List<Runnable> operations = new ArrayList<>();
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

    void record(Runnable operation) {
        operations.add(operation);
    }

    void replay() {
        for (Runnable operation : operations) {
            operation.run();
        }
        operations.clear();
    }
}
