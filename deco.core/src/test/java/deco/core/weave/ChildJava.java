package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of the running JDK, run to completion (bounded), that must exit 0.
 *
 * @param out its standard output
 * @param err its standard error
 */
record ChildJava(String out, String err) {

    static ChildJava run(Path temp, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(arguments));
        Process child = new ProcessBuilder(command)
                .redirectError(temp.resolve("err.txt").toFile())
                .redirectOutput(temp.resolve("out.txt").toFile())
                .start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        ChildJava result = new ChildJava(Files.readString(temp.resolve("out.txt")),
                Files.readString(temp.resolve("err.txt")));
        assertEquals(0, child.exitValue(), result.out() + result.err());
        return result;
    }
}
