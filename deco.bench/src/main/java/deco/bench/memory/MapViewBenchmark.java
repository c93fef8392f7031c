package deco.bench.memory;

import java.io.IOException;
import java.util.List;
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
 * What the views of a map cost next to the map's own keyed operations (issue 11: a DiskDict
 * {@code keySet().remove(k)} used to scan every entry, 47 ms a call at 200,000 entries). Each
 * operation removes a random key through a view and puts it back, so the map keeps its size;
 * {@code removeThenPut} is the same through {@code Map.remove}. Peers in the same run: raw
 * Chronicle Map and ConcurrentHashMap (H2's MVMap is left out: its {@code keySet().remove} is
 * {@code AbstractMap}'s scan).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class MapViewBenchmark {

    private static final int ENTRIES = 200_000;

    /** Which map. */
    @Param({"DECO", "CHRONICLE", "CHM"})
    public Store.Kind kind;

    private Store<Long, Long> store;
    private Map<Long, Long> map;

    /**
     * Opens and fills the store.
     *
     * @throws IOException if the temporary directory cannot be made
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        store = Store.filledLongs(kind, ENTRIES, i -> i * 31L);
        map = store.asMap();
    }

    /** Closes the store and deletes its files. */
    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    private static long randomKey() {
        return ThreadLocalRandom.current().nextInt(ENTRIES);
    }

    /** @return whether the key was there: {@code Map.remove}, then put back */
    @Benchmark
    public boolean removeThenPut() {
        long k = randomKey();
        boolean removed = map.remove(k) != null;
        map.put(k, k * 31L);
        return removed;
    }

    /** @return whether the key was there: {@code keySet().remove}, then put back */
    @Benchmark
    public boolean keySetRemoveThenPut() {
        long k = randomKey();
        boolean removed = map.keySet().remove(k);
        map.put(k, k * 31L);
        return removed;
    }

    /** @return whether the entry was there: {@code entrySet().remove(entry)}, then put back */
    @Benchmark
    public boolean entrySetRemoveThenPut() {
        long k = randomKey();
        boolean removed = map.entrySet().remove(Map.entry(k, k * 31L));
        map.put(k, k * 31L);
        return removed;
    }

    /** @return whether any was there: {@code keySet().removeAll} of three keys, then put back */
    @Benchmark
    public boolean keySetRemoveAllOfThree() {
        long k = randomKey();
        List<Long> three = List.of(k, (k + 1) % ENTRIES, (k + 2) % ENTRIES);
        boolean removed = map.keySet().removeAll(three);
        for (long key : three) {
            map.put(key, key * 31L);
        }
        return removed;
    }

    /** @return whether the key is there, through {@code keySet().contains} */
    @Benchmark
    public boolean keySetContains() {
        return map.keySet().contains(randomKey());
    }
}
