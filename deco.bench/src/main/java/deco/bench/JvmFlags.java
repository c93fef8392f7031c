package deco.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The JVM flags of a JMH fork or a child JVM on the class path (Chronicle's opens and exports,
 * analytics off, preview on): the list deco.memory's jar carries for {@code java -jar deco.memory.jar}
 * ({@code META-INF/deco/jvm-flags.properties}, decision 017), read here as a resource because
 * {@code deco.memory.jvm} is not exported to the benchmarks.
 */
public final class JvmFlags {

    private static final String RESOURCE = "META-INF/deco/jvm-flags.properties";

    private JvmFlags() {
    }

    /**
     * @return the preview flag and the class-path flags, one element each
     * @throws UncheckedIOException if deco.memory's jar is not on the class path
     */
    public static List<String> load() {
        Properties properties = new Properties();
        try (InputStream in = JvmFlags.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing: deco.memory's jar must be on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> flags = new ArrayList<>();
        for (String key : new String[] {"preview", "classpath"}) {
            for (String flag : properties.getProperty(key, "").strip().split("\\s+")) {
                if (!flag.isEmpty()) {
                    flags.add(flag);
                }
            }
        }
        return flags;
    }
}
