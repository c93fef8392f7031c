package deco.bench.core;

import deco.core.Deco;
import deco.core.Sync;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.TimeUnit;
import java.util.stream.Gatherers;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speedup against task size (issue 11): the same ~20 ms of CPU-bound work split into calls of
 * {@code taskMicros} µs each (1 µs to 10 ms), run serially and through deco's {@code Sync} and
 * {@code Deco.map}, raw {@code StructuredTaskScope}, a parallel stream and
 * {@code Gatherers.mapConcurrent}. Speedup = serial time / time; where it crosses 1 is the
 * break-even task size (Python deco documents about 1 ms for its own).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class TaskSizeBenchmark {

    /** CPU time of the whole batch, whatever the task size. */
    private static final long TOTAL_MICROS = 20_000;

    /** How long one call computes. */
    @Param({"1", "5", "10", "50", "100", "1000", "10000"})
    public int taskMicros;

    private int calls;
    private long rounds;
    private long[] out;
    private List<Integer> items;

    /** Calibrates the work function to {@code taskMicros} on this machine, once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        calls = (int) Math.max(2, TOTAL_MICROS / taskMicros);
        out = new long[calls];
        items = IntStream.range(0, calls).boxed().toList();
        long probe = 2_000_000;
        for (int i = 0; i < 5; i++) {
            work(i, probe); // warm the loop up before timing it
        }
        long start = System.nanoTime();
        work(7, probe);
        double nanosPerRound = (System.nanoTime() - start) / (double) probe;
        rounds = Math.max(1, (long) (taskMicros * 1_000 / nanosPerRound));
    }

    /**
     * Arithmetic the JIT cannot fold away.
     *
     * @param seed   the input
     * @param rounds how long
     * @return a hash of the input
     */
    public static long work(long seed, long rounds) {
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (long i = 0; i < rounds; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** @return the results */
    @Benchmark
    public long[] serial() {
        for (int i = 0; i < calls; i++) {
            out[i] = work(i, rounds);
        }
        return out;
    }

    /** @return the results */
    @Benchmark
    public long[] decoSync() {
        long r = rounds;
        try (Sync sync = Deco.synchronize()) {
            for (int i = 0; i < calls; i++) {
                long n = i;
                sync.set(out, i, () -> work(n, r));
            }
        }
        return out;
    }

    /** @return the results */
    @Benchmark
    public List<Long> decoMap() {
        long r = rounds;
        return Deco.map(items, i -> work(i, r));
    }

    /**
     * @return the results
     * @throws InterruptedException never
     */
    @Benchmark
    public long[] rawStructuredTaskScope() throws InterruptedException {
        long r = rounds;
        try (var scope = StructuredTaskScope.<Long>open()) {
            @SuppressWarnings("unchecked")
            StructuredTaskScope.Subtask<Long>[] subtasks = new StructuredTaskScope.Subtask[calls];
            for (int i = 0; i < calls; i++) {
                long n = i;
                subtasks[i] = scope.fork(() -> work(n, r));
            }
            scope.join();
            for (int i = 0; i < calls; i++) {
                out[i] = subtasks[i].get();
            }
        }
        return out;
    }

    /** @return the results */
    @Benchmark
    public long[] parallelStream() {
        long r = rounds;
        IntStream.range(0, calls).parallel().forEach(i -> out[i] = work(i, r));
        return out;
    }

    /** @return the results, in order: the JDK's own virtual-thread map, one thread per item in flight */
    @Benchmark
    public List<Long> gatherersMapConcurrent() {
        long r = rounds;
        return items.stream().gather(Gatherers.mapConcurrent(calls, (Integer i) -> work(i, r))).toList();
    }
}
