package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A producer whose queue fills a real 20 MiB tmpfs (mounted by the test, as root where the machine allows it). */
@DisplayName("Buffer on a full disk: the consumer gets the producer's failure, never a hang")
class BufferFullDiskTest {

    @TempDir
    Path temp;
    private Path small;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        small = Files.createDirectories(temp.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        String said = new String(mount.getInputStream().readAllBytes());
        Assumptions.assumeTrue(mounted, () -> "this machine does not let the test mount a tmpfs: " + said);
    }

    @AfterEach
    void unmount() throws Exception { // lazy: Chronicle may unmap its files only when they are collected
        new ProcessBuilder("umount", "--lazy", small.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("an endless producer of 1 KB elements fills the disk: every element read is right, then a GeneratorException")
    void producerFillsTheDisk() {
        String pad = "x".repeat(1_000);
        Generator<String> endless = emit -> {
            for (long i = 0; ; i++) {
                emit.accept(i + pad);
            }
        };
        long read = 0;
        try (Buffer<String> buffer = Buffer.builder(endless).queue(small.resolve("q")).elementType(String.class)
                .bufferSize(1_000).build()) {
            GeneratorException e = assertThrows(GeneratorException.class, () -> {
                long i = 0;
                for (String element : buffer) {
                    assertEquals(i + pad, element, "element " + i);
                    i++;
                }
            });
            read = e.index();
            assertTrue(read > 1_000, "the disk held some elements first: " + read);
            assertTrue(e.getCause() != null, "the producer's failure is the cause");
        }
    }
}
