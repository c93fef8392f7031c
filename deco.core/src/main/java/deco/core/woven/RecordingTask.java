package deco.core.woven;

import deco.core.remote.RemoteTask;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A forked call of a {@code @Concurrent} method that mutates its arguments: runs the call with a
 * fresh {@link MutationLog} bound, so the method's woven body records instead of writing.
 */
sealed class RecordingTask<R> implements Callable<R> permits RecordingTask.Remote {

    static final ScopedValue<MutationLog> LOG = ScopedValue.newInstance();

    private final Callable<R> call;
    private final MutationLog log;

    private RecordingTask(Callable<R> call) {
        this(call, new MutationLog());
    }

    private RecordingTask(Callable<R> call, MutationLog log) {
        this.call = call;
        this.log = log;
    }

    /**
     * @param call the call; a shipped one ({@link RemoteTask}) stays one
     * @return the call, recording
     */
    static <R> RecordingTask<R> of(Callable<R> call) {
        return call instanceof RemoteTask<R> remote ? new Remote<>(remote) : new RecordingTask<>(call);
    }

    @Override
    public R call() throws Exception {
        return ScopedValue.where(LOG, log).call(call::call);
    }

    /**
     * Makes the call now, on this thread, recording into this task's log ({@link CallerHeldMonitors}).
     *
     * @return a task that reports the call's outcome and replays what it recorded, in call order
     */
    RecordingTask<R> madeHere() {
        return new RecordingTask<>(CallOutcome.of(this), log);
    }

    MutationLog log() {
        return log;
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

    /**
     * @return whether replaying what {@code task} recorded (nothing, if it does not record) surely
     * leaves every list's size as it was; asked once the task has finished
     */
    static boolean replayKeepsListSizes(Callable<?> task) {
        return !(task instanceof RecordingTask<?> recording) || recording.log.keepsListSizes();
    }

    /**
     * A recording call that runs in another JVM: its writes come back with the reply and are
     * recorded into this task's log when the outcome is evaluated, on whatever thread that is.
     */
    static final class Remote<R> extends RecordingTask<R> implements RemoteTask<R> {
        private final RemoteTask<R> remote;

        private Remote(RemoteTask<R> remote) {
            super(remote);
            this.remote = remote;
        }

        @Override
        public Runnable start(Consumer<Callable<R>> done) {
            return remote.start(outcome -> done.accept(() -> ScopedValue.where(LOG, log()).call(outcome::call)));
        }
    }
}
