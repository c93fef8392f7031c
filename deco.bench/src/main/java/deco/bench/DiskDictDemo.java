package deco.bench;

import deco.memory.DiskDict;
import java.nio.file.Path;

/** The DiskDict part of the demo: a million entries on disk, reopened. */
final class DiskDictDemo {

    private DiskDictDemo() {
    }

    static void run(Path dir) {
        int n = 1_000_000;
        long start = System.nanoTime();
        try (DiskDict<Long, Long> squares = DiskDict.open(dir, Long.class, Long.class)) {
            for (long i = 0; i < n; i++) {
                squares.put(i, i * i);
            }
        }
        long putNanos = System.nanoTime() - start;
        start = System.nanoTime();
        long sum = 0;
        try (DiskDict<Long, Long> squares = DiskDict.open(dir, Long.class, Long.class)) {
            for (long i = 0; i < n; i++) {
                sum += squares.get(i);
            }
            System.out.printf("  DiskDict:   %,d puts in %.0f ms, reopened: size %,d, %,d gets in %.0f ms, %d file(s)%n",
                    n, putNanos / 1e6, squares.size(), n, (System.nanoTime() - start) / 1e6, squares.partCount());
        }
        if (sum == 0) {
            throw new AssertionError("no values read");
        }
    }
}
