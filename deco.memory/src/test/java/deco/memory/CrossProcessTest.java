package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs: several processes on one dictionary, a killed writer, and a small heap. */
@DisplayName("DiskDict: several processes, SIGKILL, flat heap")
class CrossProcessTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("two child JVMs write disjoint keys into one DiskDict, growing it meanwhile; afterwards every key is there")
    void twoWriters() throws Exception {
        Path dir = temp.resolve("shared");
        Process a = ChildJvm.start(List.of(), ChildMains.Writer.class, temp.resolve("a.log"), dir.toString(), "0", "60000");
        Process b = ChildJvm.start(List.of(), ChildMains.Writer.class, temp.resolve("b.log"), dir.toString(), "60000", "120000");
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS), "writers finished");
        assertEquals(0, a.exitValue(), Files.readString(temp.resolve("a.log")));
        assertEquals(0, b.exitValue(), Files.readString(temp.resolve("b.log")));
        try (DiskDict<Long, Long> dict = DiskDict.open(dir, Long.class, Long.class)) {
            assertEquals(120_000, dict.size());
            for (long key = 0; key < 120_000; key++) {
                assertEquals(key * 2, dict.get(key), "key " + key);
            }
            assertTrue(dict.partCount() > 1, "grew while shared: " + dict.partCount() + " parts");
        }
    }

    @Test
    @DisplayName("a writer killed with SIGKILL leaves a dictionary that reopens with every acknowledged entry")
    void killedWriter() throws Exception {
        Path dir = temp.resolve("killed");
        Process writer = ChildJvm.builder(List.of(), ChildMains.EndlessWriter.class, dir.toString())
                .redirectError(temp.resolve("err.log").toFile()).start();
        long acknowledged = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged < 20_000 && (line = out.readLine()) != null) {
                acknowledged = Long.parseLong(line.trim());
            }
            writer.destroyForcibly(); // SIGKILL, mid-write
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(acknowledged >= 20_000, "writer ran: " + Files.readString(temp.resolve("err.log")));
        try (DiskDict<Long, String> dict = DiskDict.open(dir, Long.class, String.class)) {
            for (long key = 0; key <= acknowledged; key++) {
                assertEquals("value-" + key, dict.get(key), "acknowledged key " + key);
            }
            dict.put(-1L, "still writable");
            assertEquals("still writable", dict.get(-1L));
        }
    }

    @Test
    @DisplayName("heap stays flat: 2,000,000 entries with -Xmx64m")
    void flatHeap() throws Exception {
        Path log = temp.resolve("heap.log");
        Process child = ChildJvm.start(List.of("-Xmx64m"), ChildMains.HeapBound.class, log,
                temp.resolve("heap").toString(), "2000000");
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child finished");
        String output = Files.readString(log);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("size 2000000"), output);
        for (String line : output.lines().filter(l -> l.contains(" heap ")).toList()) {
            long mb = Long.parseLong(line.replaceAll(".* heap (\\d+) MB.*", "$1"));
            assertTrue(mb < 32, "heap in use stays small: " + line);
        }
    }
}
