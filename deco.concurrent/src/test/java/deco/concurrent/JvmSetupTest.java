package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buffer and Cache in a JVM not set up for Chronicle Queue: deco's own exception, before any file. */
@DisplayName("JVM set-up: Buffer and Cache name the missing flag or jar")
class JvmSetupTest {

    @TempDir
    Path temp;

    /** A child's main: a Buffer on a queue directory and a persistent Cache; prints what each did. */
    static final class UseQueues {
        public static void main(String[] args) {
            try (Buffer<Long> buffer = Buffer.builder((Generator<Long>) emit -> emit.accept(1L))
                    .queue(Path.of(args[0])).elementType(Long.class).build()) {
                System.out.println("buffer " + buffer.iterator().next());
            } catch (RuntimeException | Error e) {
                System.out.println("buffer failed: " + e.getClass().getName() + ": " + e.getMessage());
            }
            try (Cache<Long, Long> cache = Cache.builder((Long x) -> x * x).journal(Path.of(args[1])).build()) {
                System.out.println("cache " + cache.get(3L));
            } catch (RuntimeException | Error e) {
                System.out.println("cache failed: " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    @Test
    @DisplayName("without the flags: JvmSetupException naming the flags, and no queue or journal directory")
    void withoutFlags() throws Exception {
        List<String> command = ChildJvm.builder(UseQueues.class, temp.resolve("q").toString(),
                temp.resolve("j").toString()).command();
        List<String> noFlags = command.stream().filter(a -> !a.startsWith("--") && !a.startsWith("-D")).toList();
        String output = run(noFlags);
        assertTrue(output.contains("buffer failed: deco.memory.JvmSetupException"), output);
        assertTrue(output.contains("cache failed: deco.memory.JvmSetupException"), output);
        assertTrue(output.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), output);
        assertFalse(output.contains("NoClassDefFoundError") || output.contains("damaged"), output);
        assertFalse(Files.exists(temp.resolve("q")) || Files.exists(temp.resolve("j")), "nothing was created");
    }

    @Test
    @DisplayName("without chronicle-queue on the class path: JvmSetupException naming net.openhft:chronicle-queue")
    void missingQueueJar() throws Exception {
        List<String> command = new java.util.ArrayList<>(ChildJvm.builder(UseQueues.class,
                temp.resolve("q").toString(), temp.resolve("j").toString()).command());
        int cp = command.indexOf("-cp") + 1;
        command.set(cp, Arrays.stream(command.get(cp).split(File.pathSeparator))
                .filter(entry -> !entry.contains("chronicle-queue")).collect(Collectors.joining(File.pathSeparator)));
        String output = run(command);
        assertTrue(output.contains("buffer failed: deco.memory.JvmSetupException")
                && output.contains("net.openhft:chronicle-queue (net.openhft.chronicle.queue.ChronicleQueue)"), output);
        assertFalse(output.contains("NoClassDefFoundError"), output);
        assertFalse(Files.exists(temp.resolve("q")), "nothing was created");
    }

    private static String run(List<String> command) throws Exception {
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), output);
        return output;
    }
}
