package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random operations on a DiskDict and a DiskList, each mirrored on HashMap and
 * ArrayList, with close and reopen in the middle; the two must agree after every step. Seeds are
 * fixed, so a failure replays.
 */
class ModelBasedTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "DiskDict agrees with HashMap over 5,000 random operations (seed {0})")
    @ValueSource(longs = {1, 2, 3})
    void dictAgreesWithHashMap(long seed) {
        Random random = new Random(seed);
        Path dir = temp.resolve("dict");
        Map<Integer, String> model = new HashMap<>();
        DiskDict<Integer, String> dict = DiskDict.builder(dir, Integer.class, String.class).initialCapacity(64).open();
        try {
            for (int step = 0; step < 5_000; step++) {
                int key = random.nextInt(300);
                String value = "v" + random.nextInt(1000);
                String what = "step " + step + " seed " + seed;
                switch (random.nextInt(11)) {
                    case 0, 1, 2 -> assertEquals(model.put(key, value), dict.put(key, value), what);
                    case 3 -> assertEquals(model.get(key), dict.get(key), what);
                    case 4 -> assertEquals(model.remove(key), dict.remove(key), what);
                    case 5 -> assertEquals(model.putIfAbsent(key, value), dict.putIfAbsent(key, value), what);
                    case 6 -> assertEquals(model.replace(key, value), dict.replace(key, value), what);
                    case 7 -> assertEquals(model.merge(key, value, String::concat), dict.merge(key, value, String::concat), what);
                    case 8 -> assertEquals(model.compute(key, (k, v) -> v == null ? value : null),
                            dict.compute(key, (k, v) -> v == null ? value : null), what);
                    case 9 -> {
                        String old = model.get(key);
                        if (old != null) {
                            assertEquals(model.remove(key, old), dict.remove(key, old), what);
                        }
                    }
                    default -> {
                        if (random.nextInt(20) == 0) {
                            dict.close();
                            dict = DiskDict.open(dir, Integer.class, String.class);
                        }
                        assertEquals(model.size(), dict.size(), what);
                    }
                }
            }
            assertEquals(model, dict);
            assertEquals(dict, model);
            assertEquals(model.hashCode(), dict.hashCode());
            assertEquals(model.keySet(), dict.keySet());
            assertEquals(new ArrayList<>(model.values()).stream().sorted().toList(),
                    new ArrayList<>(dict.values()).stream().sorted().toList());
        } finally {
            dict.close();
        }
    }

    @ParameterizedTest(name = "DiskList agrees with ArrayList over 3,000 random operations (seed {0})")
    @ValueSource(longs = {1, 2, 3})
    void listAgreesWithArrayList(long seed) {
        Random random = new Random(seed);
        Path dir = temp.resolve("list");
        List<Long> model = new ArrayList<>();
        DiskList<Long> list = DiskList.builder(dir, Long.class).initialCapacity(64).open();
        try {
            for (int step = 0; step < 3_000; step++) {
                long value = random.nextInt(100);
                String what = "step " + step + " seed " + seed;
                int size = model.size();
                switch (random.nextInt(9)) {
                    case 0, 1, 2 -> assertEquals(model.add(value), list.add(value), what);
                    case 3 -> {
                        int at = random.nextInt(size + 1);
                        model.add(at, value);
                        list.add(at, value);
                    }
                    case 4 -> {
                        if (size > 0) {
                            int at = random.nextInt(size);
                            assertEquals(model.remove(at), list.remove(at), what);
                        }
                    }
                    case 5 -> {
                        if (size > 0) {
                            int at = random.nextInt(size);
                            assertEquals(model.set(at, value), list.set(at, value), what);
                        }
                    }
                    case 6 -> assertEquals(model.indexOf(value), list.indexOf(value), what);
                    case 7 -> {
                        if (size > 0) {
                            int at = random.nextInt(size);
                            assertEquals(model.get(at), list.get(at), what);
                        }
                    }
                    default -> {
                        if (random.nextInt(10) == 0) {
                            list.close();
                            list = DiskList.open(dir, Long.class);
                        }
                        assertEquals(model.size(), list.size(), what);
                    }
                }
            }
            assertEquals(model, list);
            assertEquals(list, model);
            assertEquals(model.hashCode(), list.hashCode());
        } finally {
            list.close();
        }
    }
}
