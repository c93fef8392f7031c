package deco.core.engine.structured;

import deco.core.engine.Batch;
import deco.core.engine.Engine;
import deco.core.engine.RunnerBatch;
import deco.core.engine.RunnerThreads;
import deco.core.remote.RemoteEngines;
import java.time.Duration;

/**
 * The engine on {@link java.util.concurrent.StructuredTaskScope} (JDK 25 preview, JEP 505).
 *
 * <p>This package is the only place in deco that names the preview API; it is compiled with
 * {@code --enable-preview} and loaded reflectively by the engine selection only when the JVM
 * runs with preview features enabled.
 */
public final class StructuredEngine implements Engine {

    /** Created reflectively by the engine selection. */
    public StructuredEngine() {
    }

    @Override
    public String name() {
        return "structured";
    }

    @Override
    public Batch open(String name, Duration timeout) {
        if (RemoteEngines.current() != null) {
            return new StructuredBatch(name, timeout); // a shipped call waits for its reply on a thread of its own
        }
        return RunnerBatch.open(runnerThreads(name), timeout);
    }

    @Override
    public boolean carriesScopedValueBindings() {
        return true;
    }

    @Override
    public RunnerThreads runnerThreads(String name) {
        return new ScopeThreads(name);
    }

    @Override
    public String toString() {
        return name();
    }
}
