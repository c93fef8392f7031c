package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12's shapes across real child JVMs: one place per key, no process waits on another's lifetime. */
@DisplayName("DiskDict: growth shared by several processes")
class GrowthAcrossProcessesTest {

    @TempDir
    Path temp;

    @RepeatedTest(3)
    @DisplayName("three JVMs insert the same new keys while the dictionary splits: each key once, size exact")
    void sameNewKeys() throws Exception {
        Path dir = temp.resolve("same");
        long n = 6_000;
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(ChildJvm.start(List.of(), ChildMains.SameKeys.class, temp.resolve(i + ".log"),
                    dir.toString(), String.valueOf(n)));
        }
        for (int i = 0; i < children.size(); i++) {
            assertTrue(children.get(i).waitFor(120, TimeUnit.SECONDS), "child " + i + " finished");
            assertEquals(0, children.get(i).exitValue(), Files.readString(temp.resolve(i + ".log")));
        }
        try (DiskDict<Long, Long> dict = DiskDict.open(dir, Long.class, Long.class)) {
            assertEquals(n, dict.size());
            Set<Long> seen = new HashSet<>();
            for (Map.Entry<Long, Long> entry : dict.entrySet()) {
                assertTrue(seen.add(entry.getKey()), "key iterated twice: " + entry.getKey());
                assertEquals(entry.getKey(), entry.getValue());
            }
            assertEquals(n, seen.size());
            assertTrue(dict.partCount() > 1, "split while shared: " + dict.partCount());
            dict.put(5L, -5L);
            assertEquals(-5L, dict.get(5L), "a later put of a key is seen");
        }
    }

    @Test
    @DisplayName("the process that opened first reads and writes while another process grows the dictionary and keeps it open")
    void firstOpenerNotBlocked() throws Exception {
        Path dir = temp.resolve("first");
        try (DiskDict<Long, Long> dict = DiskDict.builder(dir, Long.class, Long.class).initialCapacity(256).open()) {
            dict.put(-1L, -1L);
            Process child = ChildJvm.builder(List.of(), ChildMains.GrowAndHold.class, dir.toString(), "20000")
                    .redirectError(temp.resolve("child.err").toFile()).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line = out.readLine();
                assertTrue(line != null && line.startsWith("grown"), "child grew: " + line + " "
                        + Files.readString(temp.resolve("child.err")));
                // the child still has the dictionary open: every call here must complete
                for (long key = 0; key < 20_000; key++) {
                    assertEquals(key * 3, dict.get(key), "key " + key);
                }
                assertEquals(20_001, dict.size());
                dict.put(-2L, -2L);
                assertTrue(dict.partCount() > 1);
            } finally {
                child.getOutputStream().close();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            }
            assertEquals(0, child.exitValue(), Files.readString(temp.resolve("child.err")));
        }
    }

    @RepeatedTest(3)
    @DisplayName("a writer SIGKILLed at a random moment while it splits parts; two JVMs reopen at once: both see every acknowledged entry")
    void killedWhileSplittingThenTwoReopen(org.junit.jupiter.api.RepetitionInfo repetition) throws Exception {
        Path dir = temp.resolve("killed");
        long stopAfter = 3_000 + new java.util.Random(repetition.getCurrentRepetition()).nextInt(12_000);
        Process writer = ChildJvm.builder(List.of(), ChildMains.EndlessWriter.class, dir.toString())
                .redirectError(temp.resolve("writer.err").toFile()).start();
        long acknowledged = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged < stopAfter && (line = out.readLine()) != null) {
                acknowledged = Long.parseLong(line.trim());
            }
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(acknowledged >= stopAfter, Files.readString(temp.resolve("writer.err")));
        List<Process> readers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            readers.add(ChildJvm.builder(List.of(), ChildMains.Verifier.class, dir.toString(),
                    String.valueOf(acknowledged)).redirectErrorStream(true).start());
        }
        for (Process reader : readers) {
            String said = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reader.waitFor(60, TimeUnit.SECONDS), said);
            assertTrue(said.contains("ok " + acknowledged), said);
        }
    }

    @Test
    @DisplayName("four JVMs merge counters into one small dictionary while it splits: not one increment lost")
    void mergesAcrossProcesses() throws Exception {
        Path dir = temp.resolve("merge");
        int jvms = 4;
        int rounds = 2;
        long n = 2_000;
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < jvms; i++) {
            children.add(ChildJvm.start(List.of(), ChildMains.Merger.class, temp.resolve("m" + i + ".log"),
                    dir.toString(), String.valueOf(n), String.valueOf(rounds)));
        }
        for (int i = 0; i < jvms; i++) {
            assertTrue(children.get(i).waitFor(120, TimeUnit.SECONDS), "merger " + i + " finished");
            assertEquals(0, children.get(i).exitValue(), Files.readString(temp.resolve("m" + i + ".log")));
        }
        try (DiskDict<Long, Long> dict = DiskDict.open(dir, Long.class, Long.class)) {
            assertEquals(n, dict.size());
            for (long key = 0; key < n; key++) {
                assertEquals((long) jvms * rounds, dict.get(key), "key " + key);
            }
            assertTrue(dict.partCount() > 1, "split while shared: " + dict.partCount());
        }
    }
}
