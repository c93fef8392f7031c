package deco.core.remote;

import java.util.ServiceLoader;

/**
 * The remote engine of this JVM, chosen once: the first {@link RemoteEngine} on the class or
 * module path that is {@linkplain RemoteEngine#configured() configured}, or none.
 */
public final class RemoteEngines {

    private RemoteEngines() {
    }

    /** {@return the configured remote engine, or {@code null}: deco's tasks run in this JVM} */
    public static RemoteEngine current() {
        return Chosen.ENGINE;
    }

    /** Holder: the ServiceLoader runs on first use, not when deco.core loads. */
    private static final class Chosen {
        static final RemoteEngine ENGINE = choose();

        private static RemoteEngine choose() {
            for (RemoteEngine engine : ServiceLoader.load(RemoteEngine.class, RemoteEngine.class.getClassLoader())) {
                if (engine.configured()) {
                    return engine;
                }
            }
            return null;
        }
    }
}
