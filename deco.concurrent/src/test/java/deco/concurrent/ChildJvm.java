package deco.concurrent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command line of a real child JVM with the project's JVM flags and this test class path. */
final class ChildJvm {

    private ChildJvm() {
    }

    static ProcessBuilder builder(Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(System.getProperty("deco.jvm.flags", "").split("\\s+")).filter(s -> !s.isBlank())
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
