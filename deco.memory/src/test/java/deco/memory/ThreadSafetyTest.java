package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("DiskDict and DiskList: several threads")
class ThreadSafetyTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("4 threads write disjoint keys while growing the dictionary, and merge into shared counters: nothing lost")
    void dictThreads() throws Exception {
        try (DiskDict<Long, Long> dict = DiskDict.builder(temp.resolve("d"), Long.class, Long.class)
                .initialCapacity(5_000).open();
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long base = t * 25_000L;
                done.add(pool.submit(() -> {
                    start.await(20, TimeUnit.SECONDS);
                    for (long key = base; key < base + 25_000; key++) {
                        dict.put(key, key);
                        dict.merge(-1L - (key % 10), 1L, Long::sum);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(100_010, dict.size());
            long total = 0;
            for (long counter = -1; counter >= -10; counter--) {
                total += dict.get(counter);
            }
            assertEquals(100_000, total, "atomic merge lost no increment");
            assertTrue(dict.partCount() > 1);
        }
    }

    @Test
    @DisplayName("4 threads append to one DiskList: every element once")
    void listThreads() throws Exception {
        try (DiskList<Integer> list = DiskList.open(temp.resolve("l"), Integer.class);
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 2_000;
                done.add(pool.submit(() -> {
                    for (int i = base; i < base + 2_000; i++) {
                        list.add(i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(8_000, list.size());
            assertEquals(8_000, list.stream().distinct().count());
        }
    }
}
