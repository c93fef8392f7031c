package deco.bench.memory;

import java.io.IOException;
import java.nio.file.Files;
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
 * get / put / iterate throughput of {@code DiskDict<Long, Long>} and {@code DiskDict<String,
 * String>} against raw Chronicle Map (same entries and sizes), H2 MVStore on disk and
 * ConcurrentHashMap on heap, over 100,000 preloaded entries. Target: deco at least 0.7 times raw
 * Chronicle Map.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class MapBenchmark {

    private static final int ENTRIES = 100_000;

    /** Which map. */
    @Param({"DECO", "CHRONICLE", "MVSTORE", "CHM"})
    public Store.Kind kind;

    /** {@code long} keys and values, or short strings. */
    @Param({"LONG", "STRING"})
    public String types;

    private Store<Object, Object> store;
    private Object[] keys;
    private Object[] values;

    /**
     * Opens and fills the store.
     *
     * @throws IOException if the temporary directory cannot be made
     */
    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws IOException {
        boolean strings = types.equals("STRING");
        Class<?> type = strings ? String.class : Long.class;
        store = (Store<Object, Object>) (Store<?, ?>) Store.open(kind, type, type, ENTRIES, 12, 24,
                Files.createTempDirectory("deco-bench"));
        keys = new Object[ENTRIES];
        values = new Object[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            keys[i] = strings ? "key-" + i : (Object) (long) i;
            values[i] = strings ? "value-" + i + "-abcdefgh" : (Object) (i * 31L);
            store.put(keys[i], values[i]);
        }
    }

    /** Closes the store and deletes its files. */
    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    /** @return a value */
    @Benchmark
    public Object get() {
        return store.get(keys[ThreadLocalRandom.current().nextInt(ENTRIES)]);
    }

    /** Overwrites a random entry with another value of the same size. */
    @Benchmark
    public void put() {
        int i = ThreadLocalRandom.current().nextInt(ENTRIES);
        store.put(keys[i], values[ENTRIES - 1 - i]);
    }

    /** @return how many entries one full iteration visited (ops/s = full iterations per second) */
    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long iterate() {
        return store.iterate();
    }
}
