package deco.memory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Starts a real child JVM with the project's JVM flags and this test class path. */
final class ChildJvm {

    private ChildJvm() {
    }

    static ProcessBuilder builder(List<String> jvmOptions, Class<?> main, String... args) {
        return builder(true, jvmOptions, main, args);
    }

    /** A child JVM with or without the project's JVM flags. */
    static ProcessBuilder builder(boolean withFlags, List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String flags = withFlags ? System.getProperty("deco.jvm.flags", "") : "";
        Arrays.stream(flags.split("\\s+")).filter(s -> !s.isBlank()).forEach(command::add);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    static Process start(List<String> jvmOptions, Class<?> main, Path log, String... args) throws IOException {
        return builder(jvmOptions, main, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
