package deco.bench.memory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The read-modify-write calls of {@code Map} over 100,000 preloaded {@code Long → Long} entries:
 * {@code merge} (a counter), {@code compute} and the conditional {@code replace(key, old, new)}.
 * DiskDict runs them as compare-and-set loops on the stored value (decision 035); raw Chronicle
 * Map runs its own atomic {@code compute}/{@code merge} inside a segment lock; MVStore and
 * ConcurrentHashMap are the on-disk and on-heap peers. One thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class MapUpdateBenchmark {

    private static final int ENTRIES = 100_000;

    /** Which map. */
    @Param({"DECO", "CHRONICLE", "MVSTORE", "CHM"})
    public Store.Kind kind;

    private Store<Long, Long> store;
    private Map<Long, Long> map;

    /**
     * Opens and fills the store: key {@code i} holds {@code i}.
     *
     * @throws IOException if the temporary directory cannot be made
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        store = Store.filledLongs(kind, ENTRIES, i -> i);
        map = store.asMap();
    }

    /** Closes the store and deletes its files. */
    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    /** @return the counter after adding one */
    @Benchmark
    public Long merge() {
        return map.merge((long) ThreadLocalRandom.current().nextInt(ENTRIES), 1L, Long::sum);
    }

    /** @return the value after a compute that adds one */
    @Benchmark
    public Long compute() {
        return map.compute((long) ThreadLocalRandom.current().nextInt(ENTRIES), (k, v) -> v == null ? 0L : v + 1);
    }

    /** @return whether the entry held its key (it always does: values are never changed here) */
    @Benchmark
    public boolean conditionalReplace() {
        Long key = (long) ThreadLocalRandom.current().nextInt(ENTRIES);
        return map.replace(key, key, key);
    }
}
