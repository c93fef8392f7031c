package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A salvage that cannot read a whole part file — missing, truncated to nothing or to half — loses
 * entries nobody can count. It must say so: {@link Salvage#complete()} is false, the file is named,
 * and {@code deco.memory.Recover} exits 1, never 0 ("nothing lost"). What it does save is intact.
 */
@DisplayName("DiskDict.recover with a part file missing or truncated: the loss is reported, never \"nothing lost\"")
class SalvageIncompletePartsTest {

    private static final int KEYS = 20_000;

    @TempDir
    Path temp;

    @Test
    @DisplayName("a live part's file deleted: the other parts saved intact, the file named, incomplete, Recover exits 1")
    void missingPart() throws IOException {
        Path dir = splitDictionary("missing");
        Path gone = StoreFiles.parts(dir).getFirst();
        Files.delete(gone);

        assertIncomplete(dir, gone, "cannot be read");
    }

    @Test
    @DisplayName("a live part truncated to nothing: not taken for an empty part; named, incomplete, Recover exits 1")
    void partTruncatedToNothing() throws IOException {
        Path dir = splitDictionary("empty");
        Path part = StoreFiles.parts(dir).getFirst();
        truncate(part, 0);

        assertIncomplete(dir, part, "truncated");
    }

    @Test
    @DisplayName("a live part truncated to half: what remains readable saved intact; named, incomplete, Recover exits 1")
    void partTruncatedToHalf() throws IOException {
        Path dir = splitDictionary("half");
        Path part = StoreFiles.parts(dir).getFirst();
        truncate(part, Files.size(part) / 2);

        assertIncomplete(dir, part, "truncated");
    }

    private Path splitDictionary(String name) {
        Path dir = temp.resolve(name);
        try (DiskDict<Long, String> dict = DiskDict.builder(dir, Long.class, String.class).averageValueSize(16)
                .initialCapacity(1_000).open()) {
            for (long key = 0; key < KEYS; key++) {
                dict.put(key, "value-" + key);
            }
            assertTrue(dict.partCount() >= 4, "split into " + dict.partCount() + " parts");
        }
        return dir;
    }

    private void assertIncomplete(Path dir, Path damagedPart, String says) {
        String file = damagedPart.getFileName().toString();
        Salvage salvage = DiskDict.recover(dir, temp.resolve("saved"), Long.class, String.class);
        assertFalse(salvage.complete(), salvage.toString());
        assertEquals(1, salvage.incompleteParts(), salvage.toString());
        assertTrue(salvage.saved() > 0 && salvage.saved() < KEYS, salvage.toString());
        assertTrue(salvage.problems().stream().anyMatch(p -> p.startsWith(file) && p.contains(says)),
                "names " + file + ": " + salvage);
        try (DiskDict<Long, String> saved = DiskDict.open(temp.resolve("saved"), Long.class, String.class)) {
            assertEquals(salvage.saved(), saved.size());
            for (Map.Entry<Long, String> entry : saved.entrySet()) {
                assertEquals("value-" + entry.getKey(), entry.getValue(), "saved intact");
            }
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Recover.run(new String[] {dir.toString(), temp.resolve("saved-again").toString()},
                new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(1, exit, out.toString());
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.getFirst().contains("and an unknown number from 1 part file(s) read in part or not at all"), out.toString());
    }

    private static void truncate(Path part, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        }
    }
}
