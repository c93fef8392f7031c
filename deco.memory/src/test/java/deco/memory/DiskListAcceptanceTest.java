package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("DiskList: acceptance cases")
class DiskListAcceptanceTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("case 30: append 0..9; get(3) == 3; remove(5) -> [0,1,2,3,4,6,7,8,9]")
    void case30() {
        try (DiskList<Integer> list = DiskList.open(temp.resolve("l"), Integer.class)) {
            for (int i = 0; i < 10; i++) {
                list.add(i);
            }
            assertEquals(3, list.get(3));
            list.remove(5);
            assertEquals(List.of(0, 1, 2, 3, 4, 6, 7, 8, 9), list);
        }
    }

    @Test
    @DisplayName("case 31: append 0, addAll([1, 3]), add(2, 2) -> [0,1,2,3]")
    void case31() {
        try (DiskList<Integer> list = DiskList.open(temp.resolve("l"), Integer.class)) {
            list.add(0);
            list.addAll(List.of(1, 3));
            list.add(2, 2);
            assertEquals(List.of(0, 1, 2, 3), list);
        }
    }

    @Test
    @DisplayName("case 32: [0,0,1,2,5,3], remove(1), remove(3) -> [0,1,2,3]")
    void case32() {
        try (DiskList<Integer> list = DiskList.open(temp.resolve("l"), Integer.class)) {
            list.addAll(List.of(0, 0, 1, 2, 5, 3));
            list.remove(1);
            list.remove(3);
            assertEquals(List.of(0, 1, 2, 3), list);
        }
    }

    @Test
    @DisplayName("case 33: [1, \"c\", 3.4] contains 1, \"c\", 3.4, not 2, \"d\", 3.3; get(100) -> IndexOutOfBoundsException")
    void case33() {
        Path dir = temp.resolve("mixed");
        try (DiskList<Object> list = DiskList.open(dir, Object.class)) {
            list.addAll(List.of(1, "c", 3.4));
        }
        try (DiskList<Object> list = DiskList.open(dir, Object.class)) {
            assertTrue(list.contains(1));
            assertTrue(list.contains("c"));
            assertTrue(list.contains(3.4));
            assertFalse(list.contains(2));
            assertFalse(list.contains("d"));
            assertFalse(list.contains(3.3));
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> list.get(100));
            assertTrue(e.getMessage().contains("100"), e.getMessage());
        }
    }
}
