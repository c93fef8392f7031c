package deco.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags every JVM of the project runs with (Chronicle's opens and exports, analytics off,
 * preview on), as the build wrote them from the parent pom's {@code deco.jvm.flags}.
 */
public final class JvmFlags {

    private JvmFlags() {
    }

    /**
     * @return the flags, one element each
     * @throws UncheckedIOException if the build did not put {@code deco/bench/jvm.args} on the
     *                              class path
     */
    public static List<String> load() {
        try (InputStream in = JvmFlags.class.getResourceAsStream("jvm.args")) {
            if (in == null) {
                throw new IOException("deco/bench/jvm.args is missing: build deco.bench with Maven");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return Arrays.stream(text.split("\\s+")).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
