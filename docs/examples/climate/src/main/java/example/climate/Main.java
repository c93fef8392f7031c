package example.climate;

import deco.core.Concurrent;
import deco.core.Synchronized;
import deco.memory.DiskDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A 5 x 5 grid whose every cell takes 50 ms. {@link #serial()} and {@link #woven()} are the same
 * loop; the offline weaver turned {@code woven()} into one that runs every cell at once. The grid
 * then goes to a DiskDict, which is closed, reopened and checked.
 */
public final class Main {

    static final int SIDE = 5;

    @Concurrent
    static double cell(int lat, int lon) throws InterruptedException {
        Thread.sleep(50); // a slow simulation
        return Math.sin(lat) * Math.cos(lon) + lat * 0.1;
    }

    static double[][] serial() throws InterruptedException {
        double[][] grid = new double[SIDE][SIDE];
        for (int lat = 0; lat < SIDE; lat++) {
            for (int lon = 0; lon < SIDE; lon++) {
                grid[lat][lon] = cell(lat, lon);
            }
        }
        return grid;
    }

    @Synchronized
    static double[][] woven() throws InterruptedException {
        double[][] grid = new double[SIDE][SIDE];
        for (int lat = 0; lat < SIDE; lat++) {
            for (int lon = 0; lon < SIDE; lon++) {
                grid[lat][lon] = cell(lat, lon);
            }
        }
        return grid;
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        double[][] expected = serial();
        long t1 = System.nanoTime();
        double[][] grid = woven();
        long t2 = System.nanoTime();
        boolean same = Arrays.deepEquals(expected, grid);
        System.out.printf("climate: serial %.0f ms, woven %.0f ms, %s%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                same ? "identical results" : "DIFFERENT RESULTS");

        Path dir = Files.createTempDirectory("deco-example");
        try {
            try (DiskDict<String, Double> cells = DiskDict.open(dir.resolve("grid"), String.class, Double.class)) {
                for (int lat = 0; lat < SIDE; lat++) {
                    for (int lon = 0; lon < SIDE; lon++) {
                        cells.put(lat + "," + lon, grid[lat][lon]);
                    }
                }
            }
            int equal = 0;
            try (DiskDict<String, Double> cells = DiskDict.open(dir.resolve("grid"), String.class, Double.class)) {
                for (int lat = 0; lat < SIDE; lat++) {
                    for (int lon = 0; lon < SIDE; lon++) {
                        equal += cells.get(lat + "," + lon).equals(grid[lat][lon]) ? 1 : 0;
                    }
                }
                System.out.printf("DiskDict: %d cells stored, reopened, %d equal%n", cells.size(), equal);
            }
            if (!same || equal != SIDE * SIDE) {
                System.exit(1);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(Main::delete);
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
