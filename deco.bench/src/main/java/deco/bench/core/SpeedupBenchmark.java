package deco.bench.core;

import deco.core.Deco;
import deco.core.Sync;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speedup of CPU-bound calls: 400 calls of a function that computes for about 1 ms, serial against
 * deco's {@code Sync}, {@code Deco.map} (one virtual thread per item, and capped at the number of
 * cores) and a parallel stream. Speedup = serial time / parallel time; the target is at least
 * 0.9 times the number of cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpeedupBenchmark {

    private static final int CALLS = 400;
    private static final int ROUNDS = 700_000;
    private static final List<Integer> ITEMS = IntStream.range(0, CALLS).boxed().toList();

    private final long[] out = new long[CALLS];

    /**
     * About 1 ms of arithmetic that the JIT cannot fold away.
     *
     * @param seed the input
     * @return a hash of the input
     */
    public static long work(long seed) {
        return TaskSizeBenchmark.work(seed, ROUNDS);
    }

    /** @return the results */
    @Benchmark
    public long[] serial() {
        for (int i = 0; i < CALLS; i++) {
            out[i] = work(i);
        }
        return out;
    }

    /** @return the results */
    @Benchmark
    public long[] decoSync() {
        try (Sync sync = Deco.synchronize()) {
            for (int i = 0; i < CALLS; i++) {
                long n = i;
                sync.set(out, i, () -> work(n));
            }
        }
        return out;
    }

    /** @return the results */
    @Benchmark
    public List<Long> decoMap() {
        return Deco.map(ITEMS, i -> work(i));
    }

    /** @return the results */
    @Benchmark
    public List<Long> decoMapCappedAtCores() {
        return Deco.map(ITEMS, Runtime.getRuntime().availableProcessors(), i -> work(i));
    }

    /** @return the results */
    @Benchmark
    public long[] parallelStream() {
        IntStream.range(0, CALLS).parallel().forEach(i -> out[i] = work(i));
        return out;
    }
}
