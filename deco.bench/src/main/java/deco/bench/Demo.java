package deco.bench;

import deco.core.Deco;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo: deco's climate model run serially, with the explicit API and woven from annotations,
 * with the times and speedups; then DiskDict, DiskList, Buffer and Cache, each in a few lines.
 * Run it with {@code bin/demo}.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        ClimateModel model = new ClimateModel(42, 100);
        System.out.printf("deco demo: climate model, %d x %d cells of 100 ms, engine: %s%n",
                ClimateModel.SIDE, ClimateModel.SIDE, Deco.engine());

        long start = System.nanoTime();
        List<Map<Integer, Double>> serial = model.serial();
        long serialNanos = System.nanoTime() - start;
        System.out.printf("  serial:           %7.1f ms%n", serialNanos / 1e6);

        start = System.nanoTime();
        List<Map<Integer, Double>> parallel = model.parallel();
        long parallelNanos = System.nanoTime() - start;
        System.out.printf("  Deco.synchronize: %7.1f ms  (speedup %.1fx)%n",
                parallelNanos / 1e6, (double) serialNanos / parallelNanos);

        start = System.nanoTime();
        List<Map<Integer, Double>> woven = new WovenClimateModel(42, 100).run();
        long wovenNanos = System.nanoTime() - start;
        System.out.printf("  @Synchronized:    %7.1f ms  (speedup %.1fx, serial code + 2 annotations, woven at build time)%n",
                wovenNanos / 1e6, (double) serialNanos / wovenNanos);

        if (!serial.equals(parallel) || !serial.equals(woven)) {
            throw new AssertionError("a parallel result differs from the serial one");
        }
        System.out.println("  results: identical to the serial program");
        System.out.println();

        Path directory;
        try {
            directory = Files.createTempDirectory("deco-demo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            DiskDictDemo.run(directory.resolve("squares"));
            DiskListDemo.run(directory.resolve("lines"));
            BufferDemo.run(directory.resolve("buffer"));
            CacheDemo.run(directory.resolve("cache"));
        } finally {
            deleteRecursively(directory); // the demo leaves nothing behind in the temporary directory
        }
        System.out.println("  (their files were in one temporary directory, deleted now)");
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("deco demo: could not delete " + root + ": " + e);
        }
    }
}
