package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DiskDict.recover} when the layout, which names the live parts, cannot be used: every part
 * file of the directory is read, and which one is newer must come from the files themselves. A
 * newer file's value wins; entries that only a replaced file holds are saved and counted in the
 * problems (they may have been removed since); files of another collection are left out.
 */
@DisplayName("DiskDict.recover without a usable layout: the newest file wins, nothing foreign is mixed in, doubts are reported")
class SalvageWithoutLayoutTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("deco 0.1 parts left beside converted parts: the converted values win; keys only the old parts hold are saved and reported")
    void deco01LeftoversAreOlderThanConvertedParts() throws IOException {
        Path dir = temp.resolve("converted");
        try (DiskDict<Long, String> dict = DiskDict.builder(dir, Long.class, String.class).averageValueSize(16)
                .initialCapacity(100).open()) {
            for (long key = 0; key < 50; key++) {
                dict.put(key, "v" + key + "@new");
            }
        }
        StoreFiles.writeDeco01Part(dir, 1, new long[] {0, 100}); // older values of keys 0-49, and 50-99
        Files.delete(dir.resolve("layout"));

        Salvage salvage = DiskDict.recover(dir, temp.resolve("saved"), Long.class, String.class);

        assertEquals(100, salvage.saved(), salvage.toString());
        assertEquals(0, salvage.lost(), salvage.toString());
        assertTrue(salvage.complete(), "every part file read whole: " + salvage);
        assertTrue(salvage.problems().contains("50 entries of older parts were left out: a newer part gave their"
                + " keys the values saved (as reads did)"), salvage.toString());
        assertReplacedReported(salvage, 50);
        assertSaved(temp.resolve("saved"), key -> key < 50 ? "v" + key + "@new" : "v" + key + "@1", 100);
    }

    @Test
    @DisplayName("a split part not yet deleted (its process died), layout gone: the children's values win; keys removed since come back and are reported")
    void retiredPartIsOlderThanItsChildren() throws IOException {
        Path dir = temp.resolve("split");
        Path root;
        try (DiskDict<Long, String> dict = DiskDict.builder(dir, Long.class, String.class).averageValueSize(16)
                .initialCapacity(1_000).open()) {
            for (long key = 0; key < 500; key++) {
                dict.put(key, "old" + key);
            }
            assertEquals(1, dict.partCount());
            root = StoreFiles.onlyPart(dir);
        }
        Path rootCopy = Files.copy(root, temp.resolve("root-before-split.cm"));
        try (DiskDict<Long, String> dict = DiskDict.open(dir, Long.class, String.class)) {
            for (long key = 0; key < 5_000; key++) {
                dict.put(key, "new" + key);
            }
            assertTrue(dict.partCount() >= 2, "split into " + dict.partCount() + " parts");
            for (long key = 0; key < 10; key++) {
                dict.remove(key);
            }
        }
        Files.copy(rootCopy, root, StandardCopyOption.REPLACE_EXISTING); // as a killed process leaves it
        Files.delete(dir.resolve("layout"));

        Salvage salvage = DiskDict.recover(dir, temp.resolve("saved"), Long.class, String.class);

        assertEquals(5_000, salvage.saved(), salvage.toString());
        assertEquals(0, salvage.lost(), salvage.toString());
        assertTrue(salvage.complete(), "every part file read whole: " + salvage);
        assertReplacedReported(salvage, 10);
        assertSaved(temp.resolve("saved"), key -> (key < 10 ? "old" : "new") + key, 5_000);
    }

    @Test
    @DisplayName("a part file of another dictionary in the directory, layout gone: left out and named, its entries not mixed in")
    void partOfAnotherCollectionIsLeftOut() throws IOException {
        Path dir = temp.resolve("ours");
        Path other = temp.resolve("theirs");
        for (Path d : new Path[] {dir, other}) {
            try (DiskDict<Long, String> dict = DiskDict.open(d, Long.class, String.class)) {
                for (long key = 0; key < 100; key++) {
                    dict.put(d == dir ? key : key + 1_000, d.getFileName() + "" + key);
                }
            }
        }
        Path foreign = StoreFiles.onlyPart(other);
        Files.copy(foreign, dir.resolve(foreign.getFileName()));
        Files.delete(dir.resolve("layout"));

        Salvage salvage = DiskDict.recover(dir, temp.resolve("saved"), Long.class, String.class);

        assertEquals(100, salvage.saved(), salvage.toString());
        assertTrue(salvage.problems().stream().anyMatch(p -> p.startsWith(foreign.getFileName()
                + ": left out, a part of another collection")), salvage.toString());
        assertSaved(temp.resolve("saved"), key -> "ours" + key, 100);
    }

    @Test
    @DisplayName("a deco 0.1 directory with files of a conversion that did not finish: the deco 0.1 parts are read, the new files left out and named")
    void unfinishedConversionIsLeftOut() throws IOException {
        Path dir = temp.resolve("old");
        StoreFiles.writeDeco01(dir, 2, i -> new long[] {0, 100L << 2 * i});
        Path half = temp.resolve("half");
        try (DiskDict<Long, String> dict = DiskDict.open(half, Long.class, String.class)) {
            dict.put(1L, "from an unfinished conversion");
        }
        Path converted = StoreFiles.onlyPart(half);
        Files.copy(converted, dir.resolve(converted.getFileName()));

        Salvage salvage = DiskDict.recover(dir, temp.resolve("saved"), Long.class, String.class);

        assertEquals(400, salvage.saved(), salvage.toString());
        assertTrue(salvage.problems().contains(converted.getFileName() + ": left out, written by a conversion to"
                + " the current format that did not finish (the deco 0.1 parts are still the collection)"),
                salvage.toString());
        assertSaved(temp.resolve("saved"), key -> "v" + key + "@1", 400);
    }

    private static void assertReplacedReported(Salvage salvage, long entries) {
        assertTrue(salvage.problems().stream().anyMatch(p -> p.startsWith(entries + " entries were saved from part"
                + " files that newer ones replaced")), "reported: " + salvage);
    }

    private static void assertSaved(Path saved, java.util.function.LongFunction<String> value, long entries) {
        Map<Long, String> found = new HashMap<>();
        try (DiskDict<Long, String> dict = DiskDict.open(saved, Long.class, String.class)) {
            found.putAll(dict);
        }
        assertEquals(entries, found.size());
        found.forEach((key, v) -> assertEquals(value.apply(key), v, "key " + key));
    }
}
