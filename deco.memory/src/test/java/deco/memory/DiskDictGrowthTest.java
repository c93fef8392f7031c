package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("DiskDict: grows without a size up front")
class DiskDictGrowthTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("inserting 10x the initial capacity adds files; every entry is correct, also after reopen")
    void tenTimesCapacity() {
        Path dir = temp.resolve("grow");
        try (DiskDict<String, String> dict = DiskDict.builder(dir, String.class, String.class)
                .initialCapacity(1_000).averageKeySize(8).averageValueSize(12).open()) {
            for (int i = 0; i < 10_000; i++) {
                dict.put("k" + i, "value-" + i);
            }
            assertTrue(dict.partCount() >= 3, "parts: " + dict.partCount());
            assertEquals(10_000, dict.size());
            for (int i = 0; i < 10_000; i++) {
                dict.put("k" + i, "updated-" + i); // updates stay in the part that holds the key
            }
            assertEquals(10_000, dict.size());
        }
        try (DiskDict<String, String> dict = DiskDict.open(dir, String.class, String.class)) {
            for (int i = 0; i < 10_000; i++) {
                assertEquals("updated-" + i, dict.get("k" + i));
            }
        }
    }

    @Test
    @DisplayName("1,000,000 remove/re-insert cycles keep working (Chronicle-Map issue #400 churn)")
    void churn() {
        try (DiskDict<Long, Long> dict = DiskDict.builder(temp.resolve("churn"), Long.class, Long.class)
                .initialCapacity(2_000).open()) {
            for (long i = 0; i < 2_000; i++) {
                dict.put(i, i);
            }
            for (long cycle = 0; cycle < 1_000_000; cycle++) {
                long key = (cycle * 7919) % 2_000;
                dict.remove(key);
                dict.put(key, cycle);
            }
            assertEquals(2_000, dict.size());
            assertTrue(dict.partCount() <= 2, "churn does not leak capacity: " + dict.partCount() + " parts");
        }
    }
}
