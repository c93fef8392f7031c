package deco.bench.core;

import deco.core.Deco;
import deco.core.Sync;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Gatherers;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calls that block rather than compute (I/O, a remote service): {@code calls} tasks that each wait
 * {@code blockMicros} µs, after {@code shortCalls} tasks that return at once (so the event has
 * already seen tasks finish when the blocking ones come). Whatever runs the tasks must give each
 * blocked task a thread of its own to finish in about one wait; a serial run takes
 * {@code calls} waits. deco's {@code Sync} and {@code Deco.map} against raw
 * {@code StructuredTaskScope}, {@code Gatherers.mapConcurrent} and a parallel stream (which blocks
 * its few workers: the reason a thread per blocked call matters).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class BlockingTaskBenchmark {

    /** How long each blocking call waits. */
    @Param({"1000"})
    public int blockMicros;

    /** Quick calls made before the blocking ones, in the same event. */
    @Param({"0", "1000"})
    public int shortCalls;

    /** Blocking calls per event. */
    private static final int CALLS = 100;

    private long[] out;
    private List<Integer> items;

    /** Allocates the output. */
    @Setup
    public void setUp() {
        out = new long[shortCalls + CALLS];
        items = IntStream.range(0, shortCalls + CALLS).boxed().toList();
    }

    private long call(int i) {
        if (i >= shortCalls) {
            LockSupport.parkNanos(blockMicros * 1_000L); // a virtual thread gives its carrier back
        }
        return i;
    }

    /** @return the results */
    @Benchmark
    public long[] decoSync() {
        try (Sync sync = Deco.synchronize()) {
            for (int i = 0; i < out.length; i++) {
                int n = i;
                sync.set(out, i, () -> call(n));
            }
        }
        return out;
    }

    /** @return the results */
    @Benchmark
    public List<Long> decoMap() {
        return Deco.map(items, this::call);
    }

    /**
     * @return the results
     * @throws InterruptedException never
     */
    @Benchmark
    public long[] rawStructuredTaskScope() throws InterruptedException {
        try (var scope = StructuredTaskScope.<Long>open()) {
            @SuppressWarnings("unchecked")
            StructuredTaskScope.Subtask<Long>[] subtasks = new StructuredTaskScope.Subtask[out.length];
            for (int i = 0; i < out.length; i++) {
                int n = i;
                subtasks[i] = scope.fork(() -> call(n));
            }
            scope.join();
            for (int i = 0; i < out.length; i++) {
                out[i] = subtasks[i].get();
            }
        }
        return out;
    }

    /** @return the results, in order: the JDK's own virtual-thread map, one thread per item in flight */
    @Benchmark
    public List<Long> gatherersMapConcurrent() {
        return items.stream().gather(Gatherers.mapConcurrent(items.size(), this::call)).toList();
    }

    /** @return the results */
    @Benchmark
    public long[] parallelStream() {
        IntStream.range(0, out.length).parallel().forEach(i -> out[i] = call(i));
        return out;
    }
}
