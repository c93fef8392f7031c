package deco.core.engine;

import deco.core.remote.RemoteEngines;

import java.time.Duration;

/**
 * The fallback engine: tasks on runner virtual threads ({@link RunnerBatch}), with the structured rules of
 * {@code StructuredTaskScope} (fail fast, cancel on failure or timeout, no thread outlives its
 * batch). Used when the JVM runs without {@code --enable-preview}.
 */
final class VirtualThreadEngine implements Engine {

    @Override
    public String name() {
        return "virtual-threads";
    }

    @Override
    public Batch open(String name, Duration timeout) {
        if (RemoteEngines.current() != null) {
            return new VirtualThreadBatch(name, timeout); // starts shipped calls without a thread each (decision 020)
        }
        return RunnerBatch.open(runnerThreads(name), timeout);
    }

    @Override
    public boolean carriesScopedValueBindings() {
        return false;
    }

    @Override
    public RunnerThreads runnerThreads(String name) {
        return RunnerThreads.virtual(name);
    }

    @Override
    public String toString() {
        return name();
    }
}
