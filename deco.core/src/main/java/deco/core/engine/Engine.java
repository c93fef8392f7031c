package deco.core.engine;

import java.time.Duration;

/**
 * Runs forked tasks for deco: the one seam between deco's own types and whatever executes the
 * work ({@code StructuredTaskScope}, plain virtual threads, and later a distributed executor).
 *
 * <p>An engine hands out {@link Batch}es: a group of tasks forked by one owner thread and joined
 * by it at a synchronization event. Implementations are thread-safe; a batch is not (it belongs
 * to the thread that opened it).
 *
 * <p>This package is not exported: no type here appears in a public signature of deco.
 */
public interface Engine {

    /** A short, stable name: {@code "structured"} or {@code "virtual-threads"}. */
    String name();

    /**
     * Opens a batch owned by the calling thread.
     *
     * @param name    a name for the batch's threads and diagnostics, never null
     * @param timeout how long the batch may run, counted from this call; {@code null} for no limit
     * @return the open batch
     */
    Batch open(String name, Duration timeout);

    /**
     * {@return the threads that this engine's batches in this JVM run their runners on, for a
     * {@link RunnerBatch} owned by the calling thread}
     *
     * @param name a name for the threads, never null
     */
    RunnerThreads runnerThreads(String name);

    /**
     * {@return whether a task sees the {@code ScopedValue} bindings its owner had at the first
     * call of its event} True for the StructuredTaskScope engine, whose tasks run in the event's
     * scope; false where tasks see none (decision 040).
     */
    boolean carriesScopedValueBindings();

    /**
     * The engine this JVM uses: the StructuredTaskScope engine when preview features are enabled,
     * else the virtual-thread engine; the system property {@code deco.engine} forces one of them.
     *
     * @return the engine, chosen once per JVM
     */
    static Engine current() {
        return Engines.CURRENT;
    }
}
