package deco.memory.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JvmArgsFile: the JVM flags as an argument file, from the build's one list")
class JvmArgsFileTest {

    @Test
    @DisplayName("the jar carries the root pom's flag lists, filtered by the build")
    void flagsComeFromTheBuild() {
        JvmFlags flags = JvmFlags.load();
        assertTrue(flags.classPath().contains("-Dchronicle.analytics.disable=true"), flags.toString());
        assertTrue(flags.classPath().contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), flags.toString());
        assertTrue(flags.modulePath().stream().anyMatch(f -> f.startsWith("--add-opens=java.base/java.lang=chronicle.core")),
                flags.toString());
        assertEquals(List.of("--enable-preview"), flags.preview());
        assertEquals(String.join(" ", flags.classPath()), System.getProperty("deco.jvm.flags"),
                "the same list the tests run with");
    }

    @Test
    @DisplayName("class path: every flag, one per line, comments naming the guide, --enable-preview unless left out")
    void classPathFile() {
        JvmFlags flags = JvmFlags.load();
        String text = JvmArgsFile.text(flags, null, true);
        List<String> lines = text.lines().filter(line -> !line.startsWith("#")).toList();
        List<String> expected = new java.util.ArrayList<>(flags.classPath());
        expected.add("--enable-preview");
        assertEquals(expected, lines);
        assertTrue(text.contains("docs/getting-started.md"));
        assertFalse(JvmArgsFile.text(flags, null, false).contains("--enable-preview"));
    }

    @Test
    @DisplayName("module path: targets only the modules present, never ALL-UNNAMED; a flag with no target left is dropped")
    void modulePathKeepsPresentTargets() {
        List<String> kept = JvmArgsFile.forModules(List.of(
                "-Dchronicle.analytics.disable=true",
                "--add-modules=ALL-MODULE-PATH",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=chronicle.core,chronicle.queue",
                "--add-exports=java.base/sun.nio.ch=chronicle.queue",
                "--enable-native-access=com.sun.jna,org.jnrproject.jffi"), Set.of("chronicle.core", "com.sun.jna"));
        assertEquals(List.of("-Dchronicle.analytics.disable=true", "--add-modules=ALL-MODULE-PATH",
                "--add-opens=java.base/java.lang=chronicle.core", "--enable-native-access=com.sun.jna"), kept);
    }
}
