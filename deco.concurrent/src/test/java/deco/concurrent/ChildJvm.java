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
        command.addAll(List.of("-cp", childClassPath(), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /**
     * The class path of a child: this JVM's class path, and when the tests run on the module path
     * (where main and test classes and dependencies are modules) the module path and the test
     * classes too: a child runs on the class path either way.
     */
    static String childClassPath() {
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
