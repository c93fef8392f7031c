package deco.memory.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * The JVM flags deco's Chronicle-based modules need, as the build wrote them into
 * {@code META-INF/deco/jvm-flags.properties} from the root pom (the one place they are kept,
 * docs/decisions/002-jvm-flags-in-one-place.md).
 *
 * @param classPath  the flags when Chronicle's jars are on the class path
 * @param modulePath the flags when they are on the module path (targets named by module)
 * @param preview    the flags of the StructuredTaskScope engine (optional)
 */
public record JvmFlags(List<String> classPath, List<String> modulePath, List<String> preview) {

    /** The resource, in deco.memory's jar, that holds the flags. */
    public static final String RESOURCE = "/META-INF/deco/jvm-flags.properties";

    /**
     * Reads the flags this build of deco was made with.
     *
     * @return the flags
     * @throws IllegalStateException if deco.memory's jar lacks the resource (a broken build)
     */
    public static JvmFlags load() {
        Properties properties = new Properties();
        try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("deco.memory has no " + RESOURCE + ": this jar was not built by deco's"
                        + " Maven build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read deco.memory's " + RESOURCE, e);
        }
        return new JvmFlags(split(properties, "classpath"), split(properties, "modulepath"),
                split(properties, "preview"));
    }

    private static List<String> split(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        if (value.contains("${")) {
            throw new IllegalStateException("deco.memory's " + RESOURCE + " was not filtered by the build: " + value);
        }
        return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
    }
}
