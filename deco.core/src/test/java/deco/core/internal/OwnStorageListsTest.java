package deco.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Woven runtime: the JDK's lists that hold their own storage")
class OwnStorageListsTest {

    @Test
    @DisplayName("ArrayList, LinkedList, List.of of every size and Stream.toList hold their own storage")
    void listsThatCopyWhatTheyAreGiven() {
        assertTrue(OwnStorageLists.is(new ArrayList<>(List.of(1))));
        assertTrue(OwnStorageLists.is(new LinkedList<>()));
        assertTrue(OwnStorageLists.is(List.of()));
        assertTrue(OwnStorageLists.is(List.of(1)));
        assertTrue(OwnStorageLists.is(List.of(1, 2, 3)));
        assertTrue(OwnStorageLists.is(Stream.of(1).toList()));
        assertTrue(OwnStorageLists.is(Stream.of(1, null).toList()), "nulls allowed: the same class");
    }

    @Test
    @DisplayName("views and subclasses do not: they may read an array the program holds")
    void viewsAndSubclassesDoNot() {
        Integer[] cells = {1, 2};
        assertFalse(OwnStorageLists.is(Arrays.asList(cells)));
        assertFalse(OwnStorageLists.is(Collections.unmodifiableList(new ArrayList<>(List.of(1)))));
        assertFalse(OwnStorageLists.is(new ArrayList<>(List.of(1, 2)).subList(0, 1)));
        assertFalse(OwnStorageLists.is(new ArrayList<Integer>() { }));
    }
}
