package deco.core.engine;

/**
 * Where a {@link RunnerBatch} runs its runners: plain virtual threads, or the subtasks of one
 * {@code StructuredTaskScope} (in {@code deco.core.engine.structured}, the only place that names
 * the preview API).
 *
 * <p>Not thread-safe: only the batch's owner calls it, as {@code StructuredTaskScope} requires.
 */
public interface RunnerThreads {

    /**
     * Starts {@code runner} on a new thread of the batch.
     *
     * @param runner what the thread runs; it does not throw
     */
    void start(Runnable runner);

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
            public void close() {
                // the batch waited for every runner to return; nothing else holds them
            }
        };
    }
}
