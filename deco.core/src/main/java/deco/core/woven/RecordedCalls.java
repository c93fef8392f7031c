package deco.core.woven;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs a call with a mutation log bound, and records writes into the log of the call running on
 * this thread: what a remote engine needs to move recorded writes between JVMs. <strong>Not
 * API</strong>: public only because deco.core's remote package uses it.
 */
public final class RecordedCalls {

    private RecordedCalls() {
    }

    /**
     * What a call returned, and the writes its woven frame recorded.
     *
     * @param result  the call's result
     * @param claimed whether a woven {@code @Concurrent} frame claimed the log
     * @param writes  the writes, in order
     */
    public record Recorded(Object result, boolean claimed, List<Write> writes) {
    }

    /**
     * Runs {@code call} as a forked call that records its writes.
     *
     * @param call the call
     * @return its result and writes
     * @throws Exception what the call threw
     */
    public static Recorded run(Callable<?> call) throws Exception {
        MutationLog log = new MutationLog();
        Object result = ScopedValue.where(RecordingTask.LOG, log).call(call::call);
        return new Recorded(result, log.claimed(), log.writes());
    }

    /**
     * Adds writes to the log of the recording call running on this thread.
     *
     * @param writes the writes, each with its target
     * @throws IllegalStateException if no recording call runs on this thread
     */
    public static void recordAll(List<Write> writes) {
        if (!RecordingTask.LOG.isBound()) {
            throw new IllegalStateException("no recording call runs on this thread");
        }
        MutationLog log = RecordingTask.LOG.get();
        for (Write write : writes) {
            log.record(write);
        }
    }
}
