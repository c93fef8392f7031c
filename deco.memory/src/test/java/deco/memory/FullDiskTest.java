package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 20 MiB tmpfs mounted by the test (as root, where the machine allows it;
 * the project's machines and CI do).
 */
@DisplayName("DiskDict on a full disk: a clear error, nothing acknowledged lost")
class FullDiskTest {

    @TempDir
    Path temp;
    private Path small;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        small = temp.resolve("small");
        java.nio.file.Files.createDirectories(small);
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
    @DisplayName("filling a 20 MiB disk: 'the disk is full', the failed put is not stored, every acknowledged entry reads back, also after reopening")
    void fillTheDisk() throws IOException {
        Path dir = small.resolve("d");
        long acknowledged = 0;
        UncheckedIOException full;
        try (DiskDict<Long, String> dict = DiskDict.builder(dir, Long.class, String.class)
                .initialCapacity(4096).averageValueSize(32).open()) {
            while (true) {
                try {
                    dict.put(acknowledged, value(acknowledged));
                    acknowledged++;
                } catch (UncheckedIOException e) {
                    full = e;
                    break;
                }
            }
            assertTrue(full.getMessage().contains("the disk is full") && !full.getMessage().contains("damaged"),
                    full.getMessage());
            assertFalse(dict.containsKey(acknowledged), "the put that failed stored nothing");
            assertEquals(acknowledged, dict.size());
            long next = acknowledged;
            assertThrows(UncheckedIOException.class, () -> {
                for (long k = next; k < next + 100_000; k++) {
                    dict.put(k, value(k));
                }
            }, "still full: a clear error again, not a corrupted part");
            for (long key = 0; key < acknowledged; key++) {
                assertEquals(value(key), dict.get(key), "key " + key);
            }
        }
        try (DiskDict<Long, String> dict = DiskDict.open(dir, Long.class, String.class)) {
            for (long key = 0; key < acknowledged; key++) {
                assertEquals(value(key), dict.get(key), "after reopening, key " + key);
            }
        }
    }

    private static String value(long key) {
        return "value-" + key + "-0123456789abcdef";
    }
}
