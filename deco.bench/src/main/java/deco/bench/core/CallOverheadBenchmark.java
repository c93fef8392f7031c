package deco.bench.core;

import deco.core.Deco;
import deco.core.Sync;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.TimeUnit;
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
 * What one concurrent call and its share of a synchronization event cost: {@code calls} empty
 * tasks forked and joined, their results stored into an array. deco's {@code Sync} against raw
 * {@code StructuredTaskScope} (the target: at most 1.5 times its time), an
 * {@code ExecutorService} of virtual threads, and a parallel stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CallOverheadBenchmark {

    private static final Callable<Integer> EMPTY = () -> 1;

    /** Tasks per synchronization event. */
    @Param({"1", "100"})
    public int calls;

    private int[] out;
    private List<Callable<Integer>> tasks;

    /** Allocates the output. */
    @Setup
    public void setUp() {
        out = new int[calls];
        tasks = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            tasks.add(EMPTY);
        }
    }

    /** @return the stored results */
    @Benchmark
    public int[] decoSync() {
        try (Sync sync = Deco.synchronize()) {
            for (int i = 0; i < calls; i++) {
                sync.set(out, i, EMPTY);
            }
        }
        return out;
    }

    /**
     * @return the stored results
     * @throws InterruptedException never
     */
    @Benchmark
    public int[] rawStructuredTaskScope() throws InterruptedException {
        try (var scope = StructuredTaskScope.<Integer>open()) {
            List<StructuredTaskScope.Subtask<Integer>> subtasks = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) {
                subtasks.add(scope.fork(EMPTY));
            }
            scope.join();
            for (int i = 0; i < calls; i++) {
                out[i] = subtasks.get(i).get();
            }
        }
        return out;
    }

    /**
     * @return the stored results
     * @throws Exception never
     */
    @Benchmark
    public int[] executorInvokeAll() throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> futures = executor.invokeAll(tasks);
            for (int i = 0; i < calls; i++) {
                out[i] = futures.get(i).get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** @return the stored results */
    @Benchmark
    public int[] parallelStream() {
        IntStream.range(0, calls).parallel().forEach(i -> out[i] = 1);
        return out;
    }
}
