package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that is not set up for Chronicle gets deco's {@link JvmSetupException} naming what is
 * missing, before anything is created on disk; a modular application set up with the one
 * documented step runs on the module path alone (no Chronicle jars on {@code -cp}).
 */
@DisplayName("JVM set-up: clear errors for missing flags or jars; the module path alone works")
class JvmSetupTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("without the flags: JvmSetupException names each missing flag and the command that prints them; nothing is created")
    void withoutFlags() throws Exception {
        Path dir = temp.resolve("noflags");
        String output = run(ChildJvm.builder(false, List.of(), ChildMains.OpenAndReport.class, dir.toString()));
        assertTrue(output.contains("failed: deco.memory.JvmSetupException"), output);
        assertTrue(output.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), output);
        assertTrue(output.contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"), output);
        assertTrue(output.contains("java -jar deco.memory.jar > deco.args") && output.contains("getting-started.md"), output);
        assertFalse(output.contains("damaged") || output.contains("NoClassDefFoundError"), output);
        assertFalse(Files.exists(dir), "nothing was created");
        try (DiskDict<Long, String> dict = DiskDict.open(dir, Long.class, String.class)) {
            dict.put(1L, "x");
            assertEquals("x", dict.get(1L), "a JVM with the flags opens it");
        }
    }

    @Test
    @DisplayName("a Chronicle jar missing from the class path: JvmSetupException names the artifact, not NoClassDefFoundError")
    void missingJar() throws Exception {
        Path dir = temp.resolve("nojar");
        ProcessBuilder child = ChildJvm.builder(List.of(), ChildMains.OpenAndReport.class, dir.toString());
        List<String> command = child.command();
        int cp = command.indexOf("-cp") + 1;
        String withoutValues = Arrays.stream(command.get(cp).split(File.pathSeparator))
                .filter(entry -> !entry.contains("chronicle-values"))
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        command.set(cp, withoutValues);
        String output = run(child);
        assertTrue(output.contains("failed: deco.memory.JvmSetupException"), output);
        assertTrue(output.contains("net.openhft:chronicle-values (net.openhft.chronicle.values.Values)"), output);
        assertTrue(output.contains("deco-bom"), output);
        assertFalse(output.contains("NoClassDefFoundError") || output.contains("damaged"), output);
        assertFalse(Files.exists(dir), "nothing was created");
    }

    private static final String APP = """
            package app;

            import deco.memory.DiskDict;
            import java.nio.file.Path;

            public class Main {
                public static void main(String[] args) {
                    try (DiskDict<Long, Long> dict = DiskDict.open(Path.of(args[0]), Long.class, Long.class)) {
                        dict.put(1L, 2L);
                        System.out.println("got " + dict.get(1L) + " in " + DiskDict.class.getModule());
                    }
                }
            }
            """;

    @Test
    @DisplayName("a modular application: flags from `java -jar deco.memory.jar --module-path`, Chronicle on the module path only, DiskDict works and prints nothing else")
    void modulePathAlone() throws Exception {
        String modulePath = compileApplication();
        String argsFile = printFlags("--module-path", modulePath);
        assertFalse(argsFile.contains("ALL-UNNAMED"), argsFile);
        assertFalse(argsFile.contains("chronicle.queue"), "only modules on this path are named: " + argsFile);
        Process child = runApplication(argsFile, modulePath);
        String out = new String(child.getInputStream().readAllBytes());
        String err = new String(child.getErrorStream().readAllBytes());
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals("got 2 in module deco.memory", out.strip(), out + err);
        List<String> otherLines = new ArrayList<>(err.lines().filter(line -> !line.startsWith("SLF4J(")).toList());
        assertEquals(List.of(), otherLines, "no warnings, no compiler errors");
    }

    @Test
    @DisplayName("a modular application given the class-path flags (the wrong file): JvmSetupException naming the module-path flags")
    void modulePathWithClassPathFlags() throws Exception {
        String modulePath = compileApplication();
        String classPathFlags = printFlags("--class-path") + "--add-modules=ALL-MODULE-PATH\n";
        Process child = runApplication(classPathFlags, modulePath);
        String output = new String(child.getInputStream().readAllBytes()) + new String(child.getErrorStream().readAllBytes());
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertTrue(output.contains("deco.memory.JvmSetupException"), output);
        assertTrue(output.contains("--add-opens=java.base/java.lang=chronicle.core"), output);
        assertTrue(output.contains("--module-path"), "points at the module-path form of the command: " + output);
        assertFalse(output.contains("InaccessibleObjectException"), output);
        assertFalse(Files.exists(temp.resolve("dict")), "nothing was created");
    }

    /** Compiles {@link #APP} as module {@code app}; returns the module path that runs it. */
    private String compileApplication() throws Exception {
        Path sources = temp.resolve("src");
        Files.createDirectories(sources.resolve("app"));
        Files.writeString(sources.resolve("module-info.java"), "module app { requires deco.memory; }");
        Files.writeString(sources.resolve("app/Main.java"), APP);
        String decoAndChronicle = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + System.getProperty("deco.runtime.classpath");
        Path app = temp.resolve("app");
        String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
        String compiled = run(new ProcessBuilder(javac, "-d", app.toString(), "--module-path", decoAndChronicle,
                sources.resolve("module-info.java").toString(), sources.resolve("app/Main.java").toString()));
        assertTrue(Files.exists(app.resolve("app/Main.class")), "the application compiles: " + compiled);
        return app + File.pathSeparator + decoAndChronicle;
    }

    /** The documented step: the flags, as an argument file, from deco.memory's main class. */
    private static String printFlags(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-cp",
                Path.of("target", "classes").toAbsolutePath().toString(), "deco.memory.jvm.JvmArgsFile"));
        command.addAll(List.of(options));
        Process printer = new ProcessBuilder(command).start();
        String argsFile = new String(printer.getInputStream().readAllBytes());
        assertTrue(printer.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, printer.exitValue(), argsFile);
        return argsFile;
    }

    private Process runApplication(String argsFile, String modulePath) throws Exception {
        Path args = temp.resolve("deco.args");
        Files.writeString(args, argsFile);
        ProcessBuilder run = new ProcessBuilder(java(), "@" + args, "-p", modulePath, "-m", "app/app.Main",
                temp.resolve("dict").toString());
        run.environment().remove("CLASSPATH");
        return run.start();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(ProcessBuilder builder) throws Exception {
        Process child = builder.redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), output);
        return output;
    }
}
