package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DiskList#recover} when the size files are damaged: it never trusts a size that the
 * elements found contradict, never finishes an operation the files record impossibly, and keeps
 * every element it finds, saying why.
 */
@DisplayName("DiskList.recover: damaged size files are not trusted blindly, and no element found is dropped")
class DiskListSalvageTest {

    private static final List<Long> HUNDRED = LongStream.range(0, 100).boxed().toList();

    @TempDir
    Path temp;

    @Test
    @DisplayName("size file deleted: every element saved in order, and the salvage says the size could not be read")
    void sizeDeleted() throws IOException {
        Path dir = hundred();
        Files.delete(dir.resolve(ListSize.FILE));
        Salvage salvage = recover(dir);
        assertTrue(salvage.complete(), salvage.toString());
        assertTrue(salvage.problems().stream().anyMatch(p -> p.startsWith("the size cannot be read")), salvage.toString());
        assertEquals(HUNDRED, saved());
    }

    @Test
    @DisplayName("size lowered to 50: all 100 kept, and the 50 past the size are named for checking")
    void sizeLowered() throws IOException {
        Path dir = hundred();
        try (ListSize size = ListSize.map(dir)) {
            size.commit(50);
        }
        Salvage salvage = recover(dir);
        assertEquals(100, salvage.saved());
        assertTrue(salvage.problems().contains("50 elements stored past the list's size (50) were kept after its last:"
                + " the size may be damaged; check them"), salvage.toString());
        assertEquals(HUNDRED, saved());
    }

    @Test
    @DisplayName("size raised to a billion: not used (no billion-step walk), the 100 elements saved as found")
    void sizeRaised() throws IOException {
        Path dir = hundred();
        try (ListSize size = ListSize.map(dir)) {
            size.commit(1_000_000_000L);
        }
        Salvage salvage = recover(dir);
        assertTrue(salvage.problems().stream().anyMatch(p -> p.startsWith("the size files say 1000000000 elements,"
                + " far past the highest position found, 99: they are not used")), salvage.toString());
        assertEquals(0, salvage.lost());
        assertEquals(HUNDRED, saved());
    }

    @Test
    @DisplayName("a shift recorded past the end of the list: the open refuses, naming size.shift; the salvage does"
            + " not replay it and saves the list as it is")
    void impossibleShift() throws IOException {
        Path dir = hundred();
        try (ListSize size = ListSize.map(dir)) {
            size.begin(101);
            size.shifted(500, 600);
        }
        DiskFormatException refused = assertThrows(DiskFormatException.class, () -> DiskList.open(dir, Long.class));
        assertTrue(refused.getMessage().contains(ListSize.SHIFT) && refused.getMessage().contains("position 500"),
                refused.getMessage());
        assertEquals(101, ListSize.read(dir).target(), "the refusal wrote nothing");
        Salvage salvage = recover(dir);
        assertTrue(salvage.problems().stream().anyMatch(p -> p.contains("records a move at position 600 for position"
                + " 500") && p.endsWith("the size files are not used")), salvage.toString());
        assertTrue(salvage.problems().contains("without size files, an operation cut short is not finished, and the"
                + " positions are those of the elements found"), salvage.toString());
        assertEquals(HUNDRED, saved());
    }

    @Test
    @DisplayName("an insert of three recorded mid-shift whose staged copies are gone: the open refuses (placing"
            + " nothing would leave old elements twice), writing nothing; the salvage saves the list as it is")
    void insertWithoutItsStagedCopies() throws IOException {
        Path dir = hundred();
        try (ListSize size = ListSize.map(dir)) {
            size.begin(103);
            size.shifted(0, 50);
        }
        DiskFormatException refused = assertThrows(DiskFormatException.class, () -> DiskList.open(dir, Long.class));
        assertTrue(refused.getMessage().contains(ListSize.SHIFT) && refused.getMessage().contains("position 50 for"
                + " position 0"), refused.getMessage());
        assertEquals(103, ListSize.read(dir).target(), "the refusal wrote nothing");
        Salvage salvage = recover(dir);
        assertTrue(salvage.problems().stream().anyMatch(p -> p.contains("they are not used")), salvage.toString());
        assertEquals(HUNDRED, saved());
    }

    @Test
    @DisplayName("a remove killed between committing its size and clearing its shift, after a set left its staged"
            + " copy: the open places nothing (the copy is no element of the remove), the list is as after the remove")
    void removeCommittedAfterASet() throws IOException {
        Path dir = hundred();
        try (DiskList<Long> list = DiskList.open(dir, Long.class)) {
            list.set(5, 555L); // leaves its staged copy under key -1
            list.remove(10);
        }
        try (ListSize size = ListSize.map(dir)) { // the counters as a kill inside commit(99) leaves them
            size.begin(99);
            size.shifted(10, 99);
        }
        List<Long> expected = new ArrayList<>(HUNDRED);
        expected.set(5, 555L);
        expected.remove(10);
        try (DiskList<Long> reopened = DiskList.open(dir, Long.class)) {
            assertEquals(expected, new ArrayList<>(reopened));
        }
    }

    private Path hundred() {
        Path dir = temp.resolve("list");
        try (DiskList<Long> list = DiskList.open(dir, Long.class)) {
            list.addAll(HUNDRED);
        }
        return dir;
    }

    private Salvage recover(Path dir) {
        return DiskList.recover(dir, temp.resolve("saved"), Long.class);
    }

    private List<Long> saved() {
        try (DiskList<Long> saved = DiskList.open(temp.resolve("saved"), Long.class)) {
            assertFalse(saved.isEmpty());
            return new ArrayList<>(saved);
        }
    }
}
