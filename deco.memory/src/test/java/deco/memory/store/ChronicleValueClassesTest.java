package deco.memory.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chronicle's run-time generated header class, supplied from the build (decision 017). */
@DisplayName("ChronicleValueClasses: the class Chronicle would compile at run time comes from the build")
class ChronicleValueClassesTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("the build's fingerprint is this Chronicle's: the tested versions get the pre-generated class")
    void fingerprintMatchesTheTestedChronicle() throws IOException {
        Properties built = new Properties();
        try (InputStream in = ChronicleValueClasses.class.getResourceAsStream(ChronicleValueClasses.DESCRIPTION)) {
            built.load(in);
        }
        String runtime = ChronicleValueClasses.fingerprint(ChronicleValueClasses.class.getClassLoader());
        assertEquals(built.getProperty("fingerprint"), runtime);
        assertEquals(ChronicleValueClasses.INTERFACE + "$$Native", built.getProperty("class"));
        try (InputStream in = ChronicleValueClasses.class.getResourceAsStream(built.getProperty("resource"))) {
            byte[] bytes = in.readAllBytes();
            assertEquals(0xCAFEBABE, ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8)
                    | (bytes[3] & 0xff), "a class file");
        }
    }

    @Test
    @DisplayName("a loader missing one fingerprinted class gives no fingerprint that could match")
    void incompleteChronicle() {
        ClassLoader empty = new ClassLoader(null) {
        };
        assertEquals("incomplete", ChronicleValueClasses.fingerprint(empty));
        assertNotEquals("incomplete", ChronicleValueClasses.fingerprint(ChronicleValueClasses.class.getClassLoader()));
    }

    @Test
    @DisplayName("a fresh JVM defines the pre-generated class and its first DiskDict works")
    void freshJvmDefinesIt() throws Exception {
        assertEquals("DEFINED 2", runChild(List.of(), temp.resolve("d")));
    }

    @Test
    @DisplayName("another Chronicle (other fingerprint): nothing is defined, Chronicle compiles the class itself, the DiskDict works")
    void otherChronicleCompilesItself() throws Exception {
        Path shadow = temp.resolve("shadow");
        Path description = shadow.resolve("deco/memory/store").resolve(ChronicleValueClasses.DESCRIPTION);
        Files.createDirectories(description.getParent());
        Files.writeString(description, "class=" + ChronicleValueClasses.INTERFACE + "$$Native\n"
                + "resource=VanillaGlobalMutableState$$Native.bytes\nfingerprint=00000000\n");
        assertEquals("OTHER_CHRONICLE 2", runChild(List.of(shadow.toString()), temp.resolve("d")));
    }

    /** Runs {@link ValueClassesChild} on the class path, {@code first} before the test class path. */
    private static String runChild(List<String> first, Path dir) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : System.getProperty("deco.jvm.flags", "").split("\\s+")) {
            if (!flag.isBlank()) {
                command.add(flag);
            }
        }
        List<String> classPath = new ArrayList<>(first);
        classPath.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        classPath.add(Path.of("target", "classes").toAbsolutePath().toString());
        classPath.add(System.getProperty("deco.runtime.classpath"));
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classPath),
                ValueClassesChild.class.getName(), dir.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), output);
        List<String> lines = output.lines().filter(line -> !line.startsWith("SLF4J(")).toList();
        return String.join("\n", lines).strip();
    }
}
