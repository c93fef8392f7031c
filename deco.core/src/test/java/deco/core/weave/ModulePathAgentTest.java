package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent with a modular application: {@code java -javaagent:deco.core.jar -p ... -m app/...}.
 * The application's four calls meet at a latch, so it prints "in parallel" only if it was woven.
 */
@DisplayName("Weaver: -javaagent with the application on the module path")
class ModulePathAgentTest {

    private static final String MAIN = """
            package app;

            import deco.core.Concurrent;
            import deco.core.Synchronized;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.TimeUnit;

            public class Main {
                static final CountDownLatch ALL_IN_FLIGHT = new CountDownLatch(4);

                @Concurrent
                static int square(int i) throws InterruptedException {
                    ALL_IN_FLIGHT.countDown();
                    ALL_IN_FLIGHT.await(20, TimeUnit.SECONDS);
                    return i * i;
                }

                @Synchronized
                static List<Integer> run() throws InterruptedException {
                    List<Integer> out = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        out.add(square(i));
                    }
                    return out;
                }

                public static void main(String[] args) throws Exception {
                    System.out.println(run() + (ALL_IN_FLIGHT.getCount() == 0 ? " in parallel" : " serially"));
                }
            }
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"requires deco.core", "requires static deco.core"})
    @DisplayName("a modular application is woven as it loads and runs its calls in parallel")
    void modularApplication(String requires, @org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path decoClasses = Path.of("target/classes").toAbsolutePath();
        Path modules = compile(temp, "module app { " + requires + "; }", decoClasses);
        Path agent = WeaveAgentTest.agentJar(decoClasses, temp.resolve("deco-agent.jar"));
        // requires static: deco.core is not resolved, only the agent jar (on the class path) has it,
        // so the agent must make the woven module read the unnamed module
        String modulePath = requires.contains("static") ? modules.toString() : modules + File.pathSeparator + decoClasses;
        ChildJava child = ChildJava.run(temp, "-javaagent:" + agent, "-p", modulePath, "-m", "app/app.Main");
        assertEquals("[0, 1, 4, 9] in parallel", child.out().strip(), child.out() + child.err());
        assertEquals("", child.err().strip());
    }

    private static Path compile(Path temp, String moduleInfo, Path decoClasses) throws IOException {
        Path sources = temp.resolve("src/app");
        Files.createDirectories(sources.resolve("app"));
        Files.writeString(sources.resolve("module-info.java"), moduleInfo);
        Files.writeString(sources.resolve("app/Main.java"), MAIN);
        Path out = temp.resolve("mods");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", out.toString(),
                "--module-path", decoClasses.toString(),
                "--module-source-path", temp.resolve("src").toString(), "-m", "app");
        assertEquals(0, status, "the application compiles");
        return out;
    }
}
