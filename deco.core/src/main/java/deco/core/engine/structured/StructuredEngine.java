package deco.core.engine.structured;

import deco.core.engine.Batch;
import deco.core.engine.Engine;
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
        return new StructuredBatch(name, timeout);
    }

    @Override
    public String toString() {
        return name();
    }
}
