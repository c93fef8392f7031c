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

@DisplayName("Woven runtime: the JDK's lists, maps, sets and queues that hold their own storage")
class OwnStorageCollectionsTest {

    @Test
    @DisplayName("ArrayList, LinkedList, List.of of every size and Stream.toList hold their own storage")
    void listsThatCopyWhatTheyAreGiven() {
        assertTrue(OwnStorageCollections.is(new ArrayList<>(List.of(1))));
        assertTrue(OwnStorageCollections.is(new LinkedList<>()));
        assertTrue(OwnStorageCollections.is(List.of()));
        assertTrue(OwnStorageCollections.is(List.of(1)));
        assertTrue(OwnStorageCollections.is(List.of(1, 2, 3)));
        assertTrue(OwnStorageCollections.is(Stream.of(1).toList()));
        assertTrue(OwnStorageCollections.is(Stream.of(1, null).toList()), "nulls allowed: the same class");
    }

    @Test
    @DisplayName("views and subclasses do not: they may read an array the program holds")
    void viewsAndSubclassesDoNot() {
        Integer[] cells = {1, 2};
        assertFalse(OwnStorageCollections.is(Arrays.asList(cells)));
        assertFalse(OwnStorageCollections.is(Collections.unmodifiableList(new ArrayList<>(List.of(1)))));
        assertFalse(OwnStorageCollections.is(new ArrayList<>(List.of(1, 2)).subList(0, 1)));
        assertFalse(OwnStorageCollections.is(new ArrayList<Integer>() { }));
    }

    @Test
    @DisplayName("HashMap, LinkedHashMap, TreeMap, ConcurrentHashMap and Map.of of every size hold their own storage")
    void mapsThatCopyWhatTheyAreGiven() {
        assertTrue(OwnStorageCollections.is(new java.util.HashMap<>(java.util.Map.of(1, 1))));
        assertTrue(OwnStorageCollections.is(new java.util.LinkedHashMap<>()));
        assertTrue(OwnStorageCollections.is(new java.util.TreeMap<>()));
        assertTrue(OwnStorageCollections.is(new java.util.concurrent.ConcurrentHashMap<>()));
        assertTrue(OwnStorageCollections.is(java.util.Map.of()));
        assertTrue(OwnStorageCollections.is(java.util.Map.of(1, 1)));
        assertTrue(OwnStorageCollections.is(java.util.Map.of(1, 1, 2, 2)));
    }

    @Test
    @DisplayName("map views and subclasses do not: they read a map the program holds")
    void mapViewsAndSubclassesDoNot() {
        java.util.Map<Integer, Integer> map = new java.util.HashMap<>(java.util.Map.of(1, 1));
        assertFalse(OwnStorageCollections.is(Collections.unmodifiableMap(map)));
        assertFalse(OwnStorageCollections.is(Collections.synchronizedMap(map)));
        assertFalse(OwnStorageCollections.is(new java.util.TreeMap<>(map).headMap(1)));
        assertFalse(OwnStorageCollections.is(map.keySet()));
        assertFalse(OwnStorageCollections.is(new java.util.HashMap<Integer, Integer>() { }));
    }

    @Test
    @DisplayName("HashSet, LinkedHashSet, ArrayDeque, PriorityQueue and Set.of of every size hold their own storage (decision 062)")
    void setsAndQueuesThatCopyWhatTheyAreGiven() {
        assertTrue(OwnStorageCollections.is(new java.util.HashSet<>(List.of(1))));
        assertTrue(OwnStorageCollections.is(new java.util.LinkedHashSet<>()));
        assertTrue(OwnStorageCollections.is(new java.util.ArrayDeque<>(List.of(1))));
        assertTrue(OwnStorageCollections.is(new java.util.PriorityQueue<>()));
        assertTrue(OwnStorageCollections.is(java.util.Set.of()));
        assertTrue(OwnStorageCollections.is(java.util.Set.of(1)));
        assertTrue(OwnStorageCollections.is(java.util.Set.of(1, 2, 3)));
    }

    @Test
    @DisplayName("sorted sets do not: their subSet, headSet and descendingSet are sets of the same class over another's map")
    void sortedSetsDoNot() {
        java.util.TreeSet<Integer> sorted = new java.util.TreeSet<>(List.of(1, 2, 3));
        assertFalse(OwnStorageCollections.is(sorted.headSet(2)));
        assertFalse(OwnStorageCollections.is(sorted.descendingSet()));
        assertFalse(OwnStorageCollections.is(new java.util.concurrent.ConcurrentSkipListSet<>(sorted).subSet(1, 3)));
        assertFalse(OwnStorageCollections.is(Collections.unmodifiableSet(new java.util.HashSet<>(sorted))));
        assertFalse(OwnStorageCollections.is(new java.util.HashMap<>(java.util.Map.of(1, 1)).keySet()));
    }
}
