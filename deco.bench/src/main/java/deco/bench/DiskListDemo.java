package deco.bench;

import deco.memory.DiskList;
import java.nio.file.Path;

/** The DiskList part of the demo: a list of strings on disk, reopened and read back. */
final class DiskListDemo {

    private DiskListDemo() {
    }

    static void run(Path dir) {
        int n = 100_000;
        long start = System.nanoTime();
        try (DiskList<String> lines = DiskList.open(dir, String.class)) {
            for (int i = 0; i < n; i++) {
                lines.add("line " + i);
            }
        }
        long addNanos = System.nanoTime() - start;
        start = System.nanoTime();
        try (DiskList<String> lines = DiskList.open(dir, String.class)) {
            int equal = 0;
            for (int i = 0; i < n; i++) {
                equal += lines.get(i).equals("line " + i) ? 1 : 0;
            }
            if (equal != n) {
                throw new AssertionError("DiskList read back " + equal + " of " + n);
            }
            System.out.printf("  DiskList:   %,d adds in %.0f ms, reopened: size %,d, %,d gets in %.0f ms, all equal%n",
                    n, addNanos / 1e6, lines.size(), n, (System.nanoTime() - start) / 1e6);
        }
    }
}
