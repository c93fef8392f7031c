import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the application bin/coldstart measures: {@code app.Main}, {@code app.Work} (a
 * {@code @Synchronized} loop of {@code @Concurrent} CPU work, and the same work on a hand-written
 * 2-thread pool) and filler classes up to the class count asked for.
 *
 * <p>Usage: {@code java GenerateApp.java <source dir> <classes>}
 */
public final class GenerateApp {

    /** Tasks of the work loop, and iterations of each: about 3 s of serial CPU work on this machine. */
    static final int TASKS = 48;
    static final long ITERATIONS = 40_000_000L;

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int classes = Integer.parseInt(args[1]);
        int fillers = classes - 2;
        Files.createDirectories(root.resolve("app/filler"));
        StringBuilder touch = new StringBuilder();
        for (int n = 0; n < fillers; n++) {
            String name = String.format("Filler%03d", n);
            Files.writeString(root.resolve("app/filler/" + name + ".java"), filler(name, n));
            touch.append("        sum += app.filler.").append(name).append(".value(sum);\n");
        }
        Files.writeString(root.resolve("app/Main.java"), """
                package app;

                public final class Main {
                    public static void main(String[] args) throws Exception {
                        long sum = 0;
                %s
                        switch (args[0]) {
                            case "startup" -> System.out.println(sum + " " + java.util.Arrays.toString(Work.run(2, 1000)));
                            case "work" -> System.out.println(sum + " " + checksum(Work.run(%d, %dL)));
                            case "pool" -> System.out.println(sum + " " + checksum(Work.pool(%d, %dL)));
                            default -> throw new IllegalArgumentException(args[0]);
                        }
                    }

                    static long checksum(long[] values) {
                        long sum = 0;
                        for (long value : values) {
                            sum = sum * 31 + value;
                        }
                        return sum;
                    }
                }
                """.formatted(touch, TASKS, ITERATIONS, TASKS, ITERATIONS));
        Files.writeString(root.resolve("app/Work.java"), """
                package app;

                import deco.core.Concurrent;
                import deco.core.Synchronized;
                import java.util.ArrayList;
                import java.util.List;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.Executors;
                import java.util.concurrent.Future;

                public final class Work {

                    @Concurrent
                    static long burn(int seed, long iterations) {
                        long x = seed;
                        for (long i = 0; i < iterations; i++) {
                            x = x * 6364136223846793005L + 1442695040888963407L;
                            x ^= x >>> 29;
                        }
                        return x;
                    }

                    @Synchronized
                    static long[] run(int tasks, long iterations) {
                        long[] out = new long[tasks];
                        for (int t = 0; t < tasks; t++) {
                            out[t] = burn(t, iterations);
                        }
                        return out;
                    }

                    /** The raw alternative: a fixed pool of two platform threads. */
                    static long[] pool(int tasks, long iterations) throws Exception {
                        ExecutorService pool = Executors.newFixedThreadPool(2);
                        try {
                            List<Future<Long>> futures = new ArrayList<>();
                            for (int t = 0; t < tasks; t++) {
                                int seed = t;
                                futures.add(pool.submit(() -> burn(seed, iterations)));
                            }
                            long[] out = new long[tasks];
                            for (int t = 0; t < tasks; t++) {
                                out[t] = futures.get(t).get();
                            }
                            return out;
                        } finally {
                            pool.shutdown();
                        }
                    }
                }
                """);
    }

    /** A small class with a table, a switch and a nested record: about what an application class loads. */
    private static String filler(String name, int n) {
        return """
                package app.filler;

                public final class %s {
                    private static final int[] TABLE = {%d, %d, %d, %d, %d, %d, %d, %d};

                    record Pair(int left, int right) {
                        int mix() {
                            return left * 31 + right;
                        }
                    }

                    public static long value(long seed) {
                        int k = (int) (seed & 7);
                        long v = switch (k) {
                            case 0 -> TABLE[0] + seed;
                            case 1 -> TABLE[1] ^ seed;
                            case 2 -> TABLE[2] * 3L;
                            default -> new Pair(TABLE[k], (int) seed).mix();
                        };
                        return v %% 1_000_003L;
                    }
                }
                """.formatted(name, n, n + 1, n + 2, n + 3, n + 5, n + 8, n + 13, n + 21);
    }
}
