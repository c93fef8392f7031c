package deco.core.engine;

import deco.core.remote.RemoteEngines;
import java.util.Locale;

/**
 * Chooses the engine once per JVM.
 *
 * <p>The StructuredTaskScope engine's classes are compiled with preview features, so the JVM
 * refuses to load them ({@link UnsupportedClassVersionError}) unless it runs with
 * {@code --enable-preview}; that refusal is the detection. The system property
 * {@code deco.engine} ({@code structured}, {@code virtual-threads} or {@code auto}, the default)
 * overrides the choice; asking for {@code structured} without preview fails at first use. Under a
 * configured remote engine, {@code auto} picks the virtual-thread engine, which starts shipped
 * calls without a thread each ({@link deco.core.remote.RemoteTask}).
 */
final class Engines {

    static final String PROPERTY = "deco.engine";
    static final String STRUCTURED_CLASS = "deco.core.engine.structured.StructuredEngine";
    /** A class that names the preview API, so javac gave it the preview class-file version. */
    static final String PREVIEW_PROBE_CLASS = "deco.core.engine.structured.StructuredBatch";

    static final Engine CURRENT = choose(System.getProperty(PROPERTY, "auto"));

    private Engines() {
    }

    static Engine choose(String requested) {
        return switch (requested.trim().toLowerCase(Locale.ROOT)) {
            case "auto", "" -> {
                if (RemoteEngines.current() != null) {
                    // tasks run in other JVMs: the owner's side only waits for replies, which the
                    // virtual-thread batch does without a thread per call (decision 020)
                    yield new VirtualThreadEngine();
                }
                Engine structured = loadStructured();
                yield structured != null ? structured : new VirtualThreadEngine();
            }
            case "structured" -> {
                Engine structured = loadStructured();
                if (structured == null) {
                    throw new IllegalStateException(
                            PROPERTY + "=structured needs the JVM flag --enable-preview "
                                    + "(StructuredTaskScope is a preview API in JDK 25)");
                }
                yield structured;
            }
            case "virtual-threads" -> new VirtualThreadEngine();
            default -> throw new IllegalStateException(PROPERTY + " must be auto, structured or "
                    + "virtual-threads, not '" + requested + "'");
        };
    }

    private static Engine loadStructured() {
        try {
            ClassLoader loader = Engines.class.getClassLoader();
            Class.forName(PREVIEW_PROBE_CLASS, false, loader);
            Class<?> type = Class.forName(STRUCTURED_CLASS, true, loader);
            return (Engine) type.getDeclaredConstructor().newInstance();
        } catch (UnsupportedClassVersionError previewNotEnabled) {
            return null;
        } catch (ReflectiveOperationException missing) {
            throw new IllegalStateException("deco.core is incomplete: " + STRUCTURED_CLASS
                    + " cannot be instantiated", missing);
        }
    }
}
