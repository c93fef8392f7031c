package deco.core.woven;

import java.util.concurrent.Callable;

/**
 * A forked call of a {@code @Concurrent} method that mutates its arguments: runs the call with a
 * fresh {@link MutationLog} bound, so the method's woven body records instead of writing.
 */
final class RecordingTask<R> implements Callable<R> {

    static final ScopedValue<MutationLog> LOG = ScopedValue.newInstance();

    private final Callable<R> call;
    private final MutationLog log = new MutationLog();

    RecordingTask(Callable<R> call) {
        this.call = call;
    }

    @Override
    public R call() throws Exception {
        return ScopedValue.where(LOG, log).call(call::call);
    }

    /** Applies the recorded mutations; on the owner, at the event, before the call's own store. */
    void replay() {
        log.replay();
    }

    static void replayIfRecording(Callable<?> task) {
        if (task instanceof RecordingTask<?> recording) {
            recording.replay();
        }
    }
}
