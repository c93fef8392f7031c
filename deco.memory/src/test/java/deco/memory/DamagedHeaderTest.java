package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A part file whose Chronicle Map header fails its checksum: Chronicle's recovery rewrites the
 * header from the configuration it is given, so deco must give each part the configuration it was
 * created with (its size, segments and checksums), or the entries are read through the wrong
 * geometry.
 */
@DisplayName("DiskDict.recover: a part whose header is damaged is read as it was created")
class DamagedHeaderTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("a split dictionary (parts of staggered sizes), one part's header damaged: every entry saved, values intact")
    void splitDictionary() throws IOException {
        Path dir = temp.resolve("split");
        try (DiskDict<Long, String> dict = DiskDict.builder(dir, Long.class, String.class).averageValueSize(16)
                .initialCapacity(1_000).open()) {
            for (long key = 0; key < 20_000; key++) {
                dict.put(key, "value-" + key);
            }
            assertTrue(dict.partCount() >= 4, "split into " + dict.partCount() + " parts");
        }
        List<Path> parts = StoreFiles.parts(dir);
        for (Path part : parts) {
            damageHeaderChecksum(part);
        }
        Salvage salvage = DiskDict.recover(dir, temp.resolve("saved"), Long.class, String.class);
        assertEquals(20_000, salvage.saved(), salvage.toString());
        assertEquals(0, salvage.lost(), salvage.toString());
        assertTrue(salvage.complete(), "every part file read whole: " + salvage);
        assertSaved(temp.resolve("saved"), 20_000, key -> "value-" + key);
    }

    @Test
    @DisplayName("a deco 0.1 directory (parts of initialCapacity × 4^i), each header damaged: every key saved once, from the newest part")
    void deco01Directory() throws IOException {
        Path dir = temp.resolve("old");
        StoreFiles.writeDeco01(dir, 3, i -> new long[] {0, 100L << 2 * i}); // newer parts hold the older keys too
        for (int i = 0; i < 3; i++) {
            damageHeaderChecksum(dir.resolve("part-" + i + ".cm"));
        }
        Salvage salvage = DiskDict.recover(dir, temp.resolve("saved"), Long.class, String.class);
        assertEquals(1_600, salvage.saved(), "the keys, each once: " + salvage);
        assertEquals(0, salvage.lost(), salvage.toString());
        assertTrue(salvage.complete(), "every part file read whole: " + salvage);
        assertTrue(salvage.problems().contains("500 entries of older parts were left out: a newer part gave their"
                + " keys the values saved (as reads did)"), salvage.toString());
        assertSaved(temp.resolve("saved"), 1_600, key -> "v" + key + "@2");
    }

    @Test
    @DisplayName("a deco 0.1 part left beside converted parts (a conversion cut short before its clean-up), layout gone, header damaged: read as deco 0.1 made it")
    void deco01LeftoverInConvertedDirectory() throws IOException {
        Path dir = temp.resolve("leftover");
        try (DiskDict<Long, String> dict = DiskDict.builder(dir, Long.class, String.class).averageValueSize(16)
                .initialCapacity(100).open()) { // the sizes a conversion carries over from deco 0.1's manifest
            for (long key = 0; key < 50; key++) {
                dict.put(key, "v" + key + "@new");
            }
        }
        StoreFiles.writeDeco01Part(dir, 1, new long[] {1_000, 1_300});
        damageHeaderChecksum(dir.resolve("part-1.cm"));
        java.nio.file.Files.delete(dir.resolve("layout")); // so salvage reads every part file
        Salvage salvage = DiskDict.recover(dir, temp.resolve("saved"), Long.class, String.class);
        assertEquals(350, salvage.saved(), salvage.toString());
        assertEquals(0, salvage.lost(), salvage.toString());
        assertTrue(salvage.complete(), "every part file read whole: " + salvage);
        assertSaved(temp.resolve("saved"), 350, key -> key < 1_000 ? "v" + key + "@new" : "v" + key + "@1");
    }

    /** Flips a byte of the header's stored checksum: the header text stays, its checksum fails. */
    private static void damageHeaderChecksum(Path part) throws IOException {
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            channel.read(b, 0);
            b.put(0, (byte) ~b.get(0)).rewind();
            channel.write(b, 0);
        }
    }

    private static void assertSaved(Path saved, long entries, java.util.function.LongFunction<String> value) {
        try (DiskDict<Long, String> dict = DiskDict.open(saved, Long.class, String.class)) {
            assertEquals(entries, dict.size());
            for (Map.Entry<Long, String> entry : dict.entrySet()) {
                assertEquals(value.apply(entry.getKey()), entry.getValue(), "saved intact");
            }
        }
    }
}
