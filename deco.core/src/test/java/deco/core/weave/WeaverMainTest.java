package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Weaver: the offline command line")
class WeaverMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return WeaverMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path copy(String fixture, Path root) throws IOException {
        Path source = Path.of("target/test-classes/deco/core/weave/fixtures", fixture + ".class");
        Path target = root.resolve("deco/core/weave/fixtures").resolve(fixture + ".class");
        Files.createDirectories(target.getParent());
        Files.copy(source, target);
        return target;
    }

    @Test
    @DisplayName("weaves a directory in place and says how many classes it wove; a second run changes nothing")
    void weavesInPlace(@TempDir Path root) throws IOException {
        Path forms = copy("Forms", root);
        Path helpers = copy("Helpers", root);
        byte[] before = Files.readAllBytes(forms);
        assertEquals(0, run(root.toString()), err.toString());
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(forms)), "Forms was woven");
        assertTrue(out.toString().contains("deco weaver: wove 1 class file(s) in " + root), out.toString());
        byte[] woven = Files.readAllBytes(forms);
        out.reset();
        assertEquals(0, run(root.toString()));
        assertArrayEquals(woven, Files.readAllBytes(forms), "weaving is idempotent");
        assertEquals("deco weaver: nothing left to weave in " + root
                + ": its 2 class file(s) using deco's annotations are already woven or need no change",
                out.toString().strip());
        assertTrue(Files.exists(helpers));
    }

    @Test
    @DisplayName("--explain prints how each call runs and where and why the loop waits, File.java:line each")
    void explains(@TempDir Path root) throws IOException {
        copy("FileState", root);
        copy("Gate", root);
        copy("ProcessState", root);
        assertEquals(0, run("--explain", root.toString()), err.toString());
        String said = out.toString();
        assertTrue(said.contains("FileState.java:") && said.contains(": callsWriteBetweenReaders(): waits for the "
                + "pending calls: files are changed here, and a pending call may read or change them; if each call's "
                + "files are its own, say @Concurrent(ownFiles = true) (decision 059)"), said);
        assertTrue(said.contains(": callsWriteBetweenReaders(): FileState.write(…) runs as a task beside the loop"), said);
        assertTrue(said.contains(": writeOwnFilesTwice(): FileState.writeOwnFileAfterMeeting(…) runs as a task"), said);
        assertFalse(said.contains("writeOwnFilesTwice(): waits"), "files declared their own need no event: " + said);
        assertTrue(said.contains(": fileReadAfterTheCalls(): may wait for the pending calls: the loop reads 'squares', "
                + "into which a pending store may write"), said);
        assertTrue(said.contains("ProcessState.java:") && said.contains(": propertyReadAfterTheCalls(): "
                + "ProcessState.setProperty(…) is made at once on the caller's thread, after every pending call"), said);
        assertTrue(said.contains("deco weaver: wove 2 class file(s)"), said);
        out.reset();
        assertEquals(0, run("--explain", root.toString()), err.toString());
        assertFalse(out.toString().contains("java:"), "a woven class is not explained again: " + out);
    }

    @Test
    @DisplayName("--explain names the collection a for-each loop walks, whose steps wait only if a pending put reaches it")
    void explainsWalkedCollections(@TempDir Path root) throws IOException {
        copy("SteppedState", root);
        copy("Gate", root);
        assertEquals(0, run("--explain", root.toString()), err.toString());
        String said = out.toString();
        assertTrue(said.contains(": keysWalkedWhilePutting(): may wait for the pending calls: the loop steps its "
                + "iterator over 'keys', into which a pending put, set or add may write (only if it does, decision 062)"),
                said);
        assertFalse(said.contains("keysWalkedWhilePutting(): waits"), "no step waits at weave time: " + said);
    }

    @Test
    @DisplayName("a call that reads a static through reflection may run anything: the loop's use of the static, and"
            + " the next such call, wait (decision 063)")
    void explainsReflectiveReads(@TempDir Path root) throws IOException {
        copy("SharedObjects", root);
        for (String nested : List.of("SharedObjects$Tally", "SharedObjects$Cell", "SharedObjects$CellHolder")) {
            copy(nested, root);
        }
        copy("Gate", root);
        assertEquals(0, run("--explain", root.toString()), err.toString());
        String said = out.toString();
        assertTrue(said.contains(": staticReadByReflectionInTheCalls(): waits for the pending calls: the loop reads"
                + " a field, a static or a parameter, which a pending call may write"), said);
        assertTrue(said.contains(": staticReadByReflectionInTheCalls(): waits for the pending calls: this call reads"
                + " a field or a static, and a pending call writes one"), "Method.invoke may run anything: " + said);
    }

    @Test
    @DisplayName("a rejected form fails with exit 1, File.java:line on stderr, and no file changed")
    void rejectsAndChangesNothing(@TempDir Path root) throws IOException {
        Path forms = copy("Forms", root);
        copy("Helpers", root);
        Path bad = root.resolve("deco/core/weave/fixtures/bad/BadLocal.class");
        Files.createDirectories(bad.getParent());
        Files.copy(Path.of("target/test-classes/deco/core/weave/fixtures/bad/BadLocal.class"), bad);
        byte[] formsBefore = Files.readAllBytes(forms);
        byte[] badBefore = Files.readAllBytes(bad);
        assertEquals(1, run(root.toString()));
        assertTrue(err.toString().contains("BadLocal.java:"), err.toString());
        assertTrue(err.toString().contains("no class file was changed"), err.toString());
        assertArrayEquals(formsBefore, Files.readAllBytes(forms));
        assertArrayEquals(badBefore, Files.readAllBytes(bad));
    }

    @Test
    @DisplayName("a directory without deco's annotations: nothing to weave, said plainly")
    void nothingToWeave(@TempDir Path root) throws IOException {
        copy("AgentMain", root);
        assertEquals(0, run(root.toString()));
        assertEquals("deco weaver: nothing to weave in " + root + " (no class uses @Synchronized or @Concurrent)",
                out.toString().strip());
    }

    @Test
    @DisplayName("as an in-process build step, a rejection throws only the File.java:line lines, without a stack trace, and changes nothing")
    void buildStepFailsWithTheProblemsOnly(@TempDir Path root) throws IOException {
        copy("Forms", root);
        Path bad = root.resolve("deco/core/weave/fixtures/bad/BadLocal.class");
        Files.createDirectories(bad.getParent());
        Files.copy(Path.of("target/test-classes/deco/core/weave/fixtures/bad/BadLocal.class"), bad);
        byte[] badBefore = Files.readAllBytes(bad);
        RuntimeException failure = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> WeaverBuildStep.main(new String[] {root.toString()}));
        assertTrue(failure.getMessage().startsWith("BadLocal.java:"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("deco weaver: 1 problem(s); no class file was changed"),
                failure.getMessage());
        assertEquals(failure.getMessage(), failure.toString());
        assertEquals(0, failure.getStackTrace().length);
        assertArrayEquals(badBefore, Files.readAllBytes(bad));
    }

    @Test
    @DisplayName("bad usage exits 2 with the usage line")
    void usage(@TempDir Path root) {
        assertEquals(2, run());
        assertTrue(err.toString().contains("usage:"));
        assertEquals(2, run(root.resolve("missing").toString()));
        assertTrue(err.toString().contains("not a directory"));
        assertEquals(2, run("--bogus", root.toString()));
        assertEquals(2, run(root.toString(), "--classpath"));
    }
}
