package deco.core.woven;

import deco.core.internal.FallibleStore;
import deco.core.internal.ListSizes;
import java.util.concurrent.Callable;

/**
 * The store of a {@code @Concurrent} call made as a statement: its result is discarded, and what
 * it recorded writing to its arguments (if it records) is replayed at the event, in call order.
 * It never throws for the result; it keeps every list's size unless a recorded write went into
 * a collection that is not the JDK's.
 */
final class ReplayedWrites implements FallibleStore {

    private final Callable<?> task;

    ReplayedWrites(Callable<?> task) {
        this.task = task;
    }

    @Override
    public void accept(Object result) {
        RecordingTask.replayIfRecording(task);
    }

    @Override
    public boolean wouldThrow(Object result, ListSizes sizes) {
        return false;
    }

    @Override
    public void noteResizes(ListSizes sizes) {
        if (!RecordingTask.replayKeepsListSizes(task)) {
            sizes.mayChangeAny();
        }
    }
}
