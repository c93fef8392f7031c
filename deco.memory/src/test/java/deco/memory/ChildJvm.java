package deco.memory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Starts a real child JVM with the project's JVM flags and this test class path (public: the store tests use it too). */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static ProcessBuilder builder(List<String> jvmOptions, Class<?> main, String... args) {
        return builder(true, jvmOptions, main, args);
    }

    /** A child JVM with or without the project's JVM flags. */
    public static ProcessBuilder builder(boolean withFlags, List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String flags = withFlags ? System.getProperty("deco.jvm.flags", "") : "";
        Arrays.stream(flags.split("\\s+")).filter(s -> !s.isBlank()).forEach(command::add);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(childClassPath());
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    public static Process start(List<String> jvmOptions, Class<?> main, Path log, String... args) throws IOException {
        return builder(jvmOptions, main, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * The class path of a child: this JVM's class path, and when the tests run on the module path
     * (where main and test classes and dependencies are modules) the module path and the test
     * classes too: a child runs on the class path either way.
     */
    public static String childClassPath() {
        java.util.List<String> entries = new java.util.ArrayList<>();
        entries.add(java.nio.file.Path.of("target", "test-classes").toAbsolutePath().toString());
        for (String property : new String[] {"java.class.path", "jdk.module.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                entries.add(value);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
