package deco.core.engine;

/**
 * Where a {@link RunnerBatch} runs its runners: plain virtual threads, or the subtasks of one
 * {@code StructuredTaskScope} (in {@code deco.core.engine.structured}, the only place that names
 * the preview API).
 *
 * <p>Not thread-safe: only the thread that has it calls it — the batch's owner, or for
 * {@link #nested()} the runner that asked — as {@code StructuredTaskScope} requires.
 */
public interface RunnerThreads {

    /**
     * Starts {@code runner} on a new thread of the batch.
     *
     * @param runner what the thread runs; it does not throw
     * @throws ForkRefusedException if these threads can never run a runner of the calling thread
     *                              (decision 040); the batch fails the task being forked
     */
    void start(Runnable runner);

    /**
     * {@return threads that the calling runner thread may start further runners on} It closes
     * them before it ends; closing waits until those runners have returned.
     */
    RunnerThreads nested();

    /**
     * Releases the threads' container, once every runner has returned. Never throws; if the owner
     * is interrupted, its interrupt status stays set.
     */
    void close();

    /**
     * {@return runners on plain virtual threads named {@code name}}
     *
     * @param name the threads' name
     */
    static RunnerThreads virtual(String name) {
        Thread.Builder builder = Thread.ofVirtual().name(name);
        return new RunnerThreads() {
            @Override
            public void start(Runnable runner) {
                builder.start(runner);
            }

            @Override
            public RunnerThreads nested() {
                return this; // any thread may start a virtual thread; the batch counts its runners
            }

            @Override
            public void close() {
                // the batch waited for every runner to return; nothing else holds them
            }
        };
    }
}
