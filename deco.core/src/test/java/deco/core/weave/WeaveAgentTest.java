package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent in a real child JVM: woven classes run in parallel, rejected ones serially. */
@DisplayName("Weaver: -javaagent in a child JVM")
class WeaveAgentTest {

    @Test
    @DisplayName("-javaagent weaves classes as they load; a rejected class is reported with File.java:line and runs serially")
    void agentWeavesOnLoad(@TempDir Path temp) throws Exception {
        Path classes = Path.of("target/classes");
        Path agent = agentJar(classes, temp.resolve("deco-agent.jar"));
        ChildJava child = ChildJava.run(temp, "-javaagent:" + agent,
                "-cp", "target/test-classes" + java.io.File.pathSeparator + classes,
                "deco.core.weave.fixtures.AgentMain");
        String out = child.out();
        String err = child.err();
        assertTrue(out.contains("climate cells: 25"), out + err);
        assertTrue(out.contains("rejected class ran serially: [0, 2, 4]"), out + err);
        assertTrue(err.contains("BadLocal.java:"), err);
        assertTrue(err.contains("assignment to local variable 'x'"), err);
        assertTrue(err.contains("runs unwoven (serially)"), err);
    }

    @Test
    @DisplayName("-javaagent:deco.core.jar=explain says, on standard error, how each call runs and where the loop waits")
    void agentExplains(@TempDir Path temp) throws Exception {
        Path classes = Path.of("target/classes");
        Path agent = agentJar(classes, temp.resolve("deco-agent.jar"));
        ChildJava child = ChildJava.run(temp, "-javaagent:" + agent + "=explain",
                "-cp", "target/test-classes" + java.io.File.pathSeparator + classes,
                "deco.core.weave.fixtures.AgentMain");
        String err = child.err();
        assertTrue(child.out().contains("climate cells: 25"), child.out() + err);
        assertTrue(java.util.regex.Pattern.compile("(?m)^deco: \\w+\\.java:\\d+: \\w+\\(\\): \\w+\\.\\w+\\(…\\) runs as a "
                + "task beside the loop").matcher(err).find(), err);
    }

    /** The agent jar as the build makes it: deco.core's classes and a Premain-Class manifest. */
    static Path agentJar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", "deco.core.weave.WeaveAgent");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
        return jar;
    }

}
