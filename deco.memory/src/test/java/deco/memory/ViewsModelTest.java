package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rest of the {@code Map} and {@code List} contracts, against HashMap and ArrayList, while the
 * collections split their parts and are closed and reopened: views and their bulk operations,
 * iterators that remove and set, {@code compute*}, {@code replaceAll}, {@code putAll}, {@code clear},
 * a remapping function that throws (nothing changes), {@code subList}, {@code sort}, list iterators
 * that add. Seeds are fixed, so a failure replays ({@link ModelBasedTest} covers the keyed operations).
 */
@DisplayName("DiskDict and DiskList: views, iterators and bulk operations agree with HashMap and ArrayList")
class ViewsModelTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "DiskDict: 4,000 random view, iterator and bulk operations, splitting from 16 entries (seed {0})")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void dictViews(long seed) {
        Random random = new Random(seed);
        Path dir = temp.resolve("dict");
        Map<Integer, String> model = new HashMap<>();
        DiskDict<Integer, String> dict = DiskDict.builder(dir, Integer.class, String.class).initialCapacity(16).open();
        try {
            for (int step = 0; step < 4_000; step++) {
                int key = random.nextInt(400);
                String value = "v" + random.nextInt(50);
                String what = "step " + step + " seed " + seed;
                switch (random.nextInt(24)) {
                    case 0, 1, 2, 3 -> assertEquals(model.put(key, value), dict.put(key, value), what);
                    case 4 -> assertEquals(model.keySet().remove(key), dict.keySet().remove(key), what);
                    case 5 -> assertEquals(model.keySet().contains(key), dict.keySet().contains(key), what);
                    case 6 -> {
                        int m = random.nextInt(7) + 2;
                        assertEquals(model.keySet().removeIf(k -> k % m == 0), dict.keySet().removeIf(k -> k % m == 0), what);
                    }
                    case 7 -> keySetBulk(model, dict, random, what);
                    case 8 -> assertEquals(model.values().remove(value), dict.values().remove(value), what);
                    case 9 -> valuesBulk(model, dict, random, value, what);
                    case 10 -> {
                        Map.Entry<Integer, String> entry = Map.entry(key, value);
                        if (random.nextBoolean()) {
                            assertEquals(model.entrySet().contains(entry), dict.entrySet().contains(entry), what);
                        } else {
                            assertEquals(model.entrySet().remove(entry), dict.entrySet().remove(entry), what);
                        }
                    }
                    case 11 -> {
                        String current = model.get(key);
                        if (current != null) {
                            Map.Entry<Integer, String> entry = Map.entry(key, current);
                            assertTrue(dict.entrySet().contains(entry), what);
                            assertEquals(model.entrySet().remove(entry), dict.entrySet().remove(entry), what);
                        }
                    }
                    case 12 -> iterateRemovingAndSetting(model, dict, random.nextInt(5) + 2);
                    case 13 -> assertEquals(model.computeIfAbsent(key, k -> value), dict.computeIfAbsent(key, k -> value), what);
                    case 14 -> assertEquals(model.computeIfPresent(key, ViewsModelTest::grownOrGone),
                            dict.computeIfPresent(key, ViewsModelTest::grownOrGone), what);
                    case 15 -> assertEquals(model.getOrDefault(key, "d"), dict.getOrDefault(key, "d"), what);
                    case 16 -> {
                        if (random.nextInt(10) == 0) {
                            model.replaceAll(ViewsModelTest::replaced);
                            dict.replaceAll(ViewsModelTest::replaced);
                        }
                    }
                    case 17 -> {
                        Map<Integer, String> more = new HashMap<>();
                        for (int i = 0; i < 20; i++) {
                            more.put(random.nextInt(400), "p" + i);
                        }
                        model.putAll(more);
                        dict.putAll(more);
                    }
                    case 18 -> {
                        if (random.nextInt(40) == 0) {
                            model.clear();
                            dict.clear();
                        }
                    }
                    case 19 -> assertEquals(model.containsValue(value), dict.containsValue(value), what);
                    case 20 -> {
                        assertEquals(model.remove(key, value), dict.remove(key, value), what);
                        assertEquals(model.replace(key, value, "z"), dict.replace(key, value, "z"), what);
                    }
                    case 21 -> throwingFunctionsChangeNothing(model, dict, key, what);
                    case 22 -> {
                        if (random.nextInt(15) == 0) {
                            dict.close();
                            dict = DiskDict.open(dir, Integer.class, String.class);
                        }
                    }
                    default -> {
                        assertEquals(model.size(), dict.size(), what);
                        if (random.nextInt(30) == 0) {
                            assertWhole(model, dict, what);
                        }
                    }
                }
            }
            assertEquals(model, dict);
        } finally {
            dict.close();
        }
    }

    /** {@code removeAll} of 50 random keys, or {@code retainAll} of those plus two thirds of the keys. */
    private static void keySetBulk(Map<Integer, String> model, DiskDict<Integer, String> dict, Random random, String what) {
        Set<Integer> keys = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            keys.add(random.nextInt(400));
        }
        if (random.nextBoolean()) {
            assertEquals(model.keySet().removeAll(keys), dict.keySet().removeAll(keys), what);
        } else {
            keys.addAll(model.keySet().stream().filter(k -> k % 3 != 0).toList());
            assertEquals(model.keySet().retainAll(keys), dict.keySet().retainAll(keys), what);
        }
    }

    /** {@code values().removeAll} of two values, or {@code retainAll} of up to 45. */
    private static void valuesBulk(Map<Integer, String> model, DiskDict<Integer, String> dict, Random random,
                                   String value, String what) {
        List<String> two = List.of(value, "v" + random.nextInt(50));
        if (random.nextBoolean()) {
            assertEquals(model.values().removeAll(two), dict.values().removeAll(two), what);
        } else {
            List<String> keep = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                keep.add("v" + random.nextInt(50));
            }
            assertEquals(model.values().retainAll(keep), dict.values().retainAll(keep), what);
        }
    }

    /** Through the entry iterator: removes the keys divisible by {@code m}, sets a new value on the next ones. */
    private static void iterateRemovingAndSetting(Map<Integer, String> model, DiskDict<Integer, String> dict, int m) {
        Iterator<Map.Entry<Integer, String>> entries = dict.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Integer, String> entry = entries.next();
            if (entry.getKey() % m == 0) {
                entries.remove();
                model.remove(entry.getKey());
            } else if (entry.getKey() % m == 1) {
                String grown = entry.getValue() + "x";
                String next = grown.length() > 6 ? "s" : grown;
                entry.setValue(next);
                model.put(entry.getKey(), next);
                assertEquals(next, entry.getValue());
            }
        }
    }

    /** A remapping function that throws reaches the caller as it is and changes nothing. */
    private static void throwingFunctionsChangeNothing(Map<Integer, String> model, DiskDict<Integer, String> dict,
                                                       int key, String what) {
        RuntimeException boom = new RuntimeException("boom");
        assertSame(boom, assertThrows(RuntimeException.class, () -> dict.compute(key, (k, v) -> {
            throw boom;
        })));
        if (model.containsKey(key)) { // merge calls its function only for a present key
            assertSame(boom, assertThrows(RuntimeException.class, () -> dict.merge(key, "m", (a, b) -> {
                throw boom;
            })));
        }
        assertEquals(model.get(key), dict.get(key), what);
        assertEquals(model.compute(key, (k, v) -> null), dict.compute(key, (k, v) -> null), what);
    }

    private static void assertWhole(Map<Integer, String> model, DiskDict<Integer, String> dict, String what) {
        assertEquals(model, dict, what);
        assertEquals(model.hashCode(), dict.hashCode(), what);
        Map<Integer, String> seen = new HashMap<>();
        dict.forEach(seen::put);
        assertEquals(model, seen, what);
        assertEquals(model.entrySet(), dict.entrySet());
        assertEquals(dict.entrySet(), model.entrySet());
    }

    private static String grownOrGone(Integer key, String value) {
        return value.length() > 4 ? null : value + "y";
    }

    private static String replaced(Integer key, String value) {
        return value.length() > 4 ? "r" : value + "r";
    }

    @ParameterizedTest(name = "DiskList: 2,500 random subList, iterator, sort and bulk operations (seed {0})")
    @ValueSource(longs = {1, 2, 3, 4})
    void listViews(long seed) {
        Random random = new Random(seed);
        Path dir = temp.resolve("list");
        List<Long> model = new ArrayList<>();
        DiskList<Long> list = DiskList.builder(dir, Long.class).initialCapacity(16).open();
        try {
            for (int step = 0; step < 2_500; step++) {
                long value = random.nextInt(40);
                String what = "step " + step + " seed " + seed;
                int size = model.size();
                int a = random.nextInt(size + 1);
                int b = random.nextInt(size + 1);
                int lo = Math.min(a, b);
                int hi = Math.max(a, b);
                switch (random.nextInt(20)) {
                    case 0, 1, 2, 3 -> assertEquals(model.add(value), list.add(value), what);
                    case 4 -> {
                        model.add(a, value);
                        list.add(a, value);
                    }
                    case 5 -> assertEquals(model.remove((Object) value), list.remove((Object) value), what);
                    case 6 -> {
                        model.subList(lo, hi).clear();
                        list.subList(lo, hi).clear();
                    }
                    case 7 -> {
                        List<Long> three = List.of(value, value + 1, value + 2);
                        assertEquals(model.addAll(a, three), list.addAll(a, three), what);
                    }
                    case 8 -> {
                        long m = random.nextInt(5) + 2;
                        assertEquals(model.removeIf(x -> x % m == 0), list.removeIf(x -> x % m == 0), what);
                    }
                    case 9 -> {
                        if (random.nextInt(8) == 0) {
                            model.replaceAll(x -> x + 1);
                            list.replaceAll(x -> x + 1);
                        }
                    }
                    case 10 -> {
                        if (random.nextInt(8) == 0) {
                            model.sort(null);
                            list.sort(null);
                        }
                    }
                    case 11 -> assertEquals(model.lastIndexOf(value), list.lastIndexOf(value), what);
                    case 12 -> assertEquals(model.contains(value), list.contains(value), what);
                    case 13 -> iterateRemovingSettingAdding(model, list, lo, what);
                    case 14 -> {
                        List<Long> some = List.of(value, value + 1, 3L, 5L, 7L, 11L);
                        if (random.nextBoolean()) {
                            assertEquals(model.retainAll(some), list.retainAll(some), what);
                        } else {
                            assertEquals(model.removeAll(some), list.removeAll(some), what);
                        }
                    }
                    case 15 -> assertEquals(model.subList(lo, hi), list.subList(lo, hi), what);
                    case 16 -> {
                        if (random.nextInt(20) == 0) {
                            model.clear();
                            list.clear();
                        }
                    }
                    case 17 -> {
                        if (random.nextInt(10) == 0) {
                            list.close();
                            list = DiskList.open(dir, Long.class);
                        }
                    }
                    case 18 -> {
                        if (size > 0) {
                            int at = random.nextInt(size);
                            assertEquals(model.set(at, value), list.set(at, value), what);
                        }
                    }
                    default -> {
                        assertEquals(model.size(), list.size(), what);
                        assertEquals(model, list, what);
                    }
                }
            }
            assertEquals(model, list);
            assertEquals(model.hashCode(), list.hashCode());
        } finally {
            list.close();
        }
    }

    /** Both list iterators from {@code from}, side by side: remove, set or add by the element seen. */
    private static void iterateRemovingSettingAdding(List<Long> model, DiskList<Long> list, int from, String what) {
        ListIterator<Long> expected = model.listIterator(from);
        ListIterator<Long> actual = list.listIterator(from);
        while (expected.hasNext()) {
            assertTrue(actual.hasNext());
            Long x = expected.next();
            assertEquals(x, actual.next(), what);
            if (x % 4 == 0) {
                expected.remove();
                actual.remove();
            } else if (x % 4 == 1) {
                expected.set(x + 10);
                actual.set(x + 10);
            } else if (x % 7 == 2) {
                expected.add(99L);
                actual.add(99L);
            }
        }
        assertFalse(actual.hasNext());
    }
}
