package deco.bench;

import deco.concurrent.Cache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cache part of the demo: a slow function (20 ms), its branches precomputed in parallel with
 * {@code batchAsync}, results kept in a journal that a second cache on the same directory reads.
 */
final class CacheDemo {

    private CacheDemo() {
    }

    static void run(Path dir) {
        int n = 40;
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(i);
        }
        long start = System.nanoTime();
        long sum = 0;
        try (Cache<Integer, Long> cache = Cache.builder(CacheDemo::slowSquare).journal(dir).build()) {
            cache.batchAsync(keys);
            for (int key : keys) {
                sum += cache.get(key);
            }
        }
        long firstNanos = System.nanoTime() - start;
        start = System.nanoTime();
        long again = 0;
        long size;
        try (Cache<Integer, Long> cache = Cache.builder(CacheDemo::slowSquare).journal(dir).build()) {
            for (int key : keys) {
                again += cache.get(key);
            }
            size = cache.size();
        }
        long secondNanos = System.nanoTime() - start;
        if (again != sum) {
            throw new AssertionError("the journal gave " + again + ", computed " + sum);
        }
        System.out.printf("  Cache:      %d calls of 20 ms precomputed in parallel in %.0f ms (serial %d ms);"
                + " reopened: %d from the journal in %.0f ms%n", n, firstNanos / 1e6, n * 20, size, secondNanos / 1e6);
    }

    private static long slowSquare(int x) {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return (long) x * x;
    }
}
