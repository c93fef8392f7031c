package deco.bench.memory;

import deco.memory.DiskList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.map.ChronicleMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code DiskList<Long>} random get, random set and append against the raw alternative: a Chronicle
 * Map keyed by index, with the size in a field. A DiskList set writes the element twice (a staged
 * copy first, so that a kill inside the overwrite loses nothing); the raw set overwrites in place.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class ListBenchmark {

    private static final int ELEMENTS = 100_000;
    private static final long RAW_CAPACITY = 64_000_000L;

    private Path directory;
    private DiskList<Long> list;
    private ChronicleMap<Long, Long> raw;
    private long rawSize;

    /**
     * Creates and fills both.
     *
     * @throws IOException if the files cannot be made
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("deco-bench-list");
        list = DiskList.builder(directory.resolve("list"), Long.class).initialCapacity(ELEMENTS * 8L).open();
        // appends run for the whole measurement: raw Chronicle Map cannot grow, so it gets room for them
        raw = ChronicleMap.of(Long.class, Long.class).entries(RAW_CAPACITY)
                .createPersistedTo(directory.resolve("raw.cm").toFile());
        for (long i = 0; i < ELEMENTS; i++) {
            list.add(i);
            raw.put(rawSize++, i);
        }
    }

    /** Closes and deletes both. */
    @TearDown(Level.Trial)
    public void tearDown() {
        list.close();
        raw.close();
        Store.deleteTree(directory);
    }

    /** @return an element */
    @Benchmark
    public Long decoGet() {
        return list.get(ThreadLocalRandom.current().nextInt(ELEMENTS));
    }

    /** @return an element */
    @Benchmark
    public Long rawChronicleGet() {
        return raw.get((long) ThreadLocalRandom.current().nextInt(ELEMENTS));
    }

    /** @return true */
    @Benchmark
    public boolean decoAppend() {
        return list.add(7L);
    }

    /** Appends under the next index. */
    @Benchmark
    public void rawChronicleAppend() {
        raw.put(rawSize++, 7L);
    }

    /** @return the element replaced */
    @Benchmark
    public Long decoSet() {
        int index = ThreadLocalRandom.current().nextInt(ELEMENTS);
        return list.set(index, (long) index);
    }

    /** @return the element replaced */
    @Benchmark
    public Long rawChronicleSet() {
        long index = ThreadLocalRandom.current().nextInt(ELEMENTS);
        return raw.put(index, index);
    }

    /**
     * Two threads append to the one list at once: they take turns through its writer lock
     * (decision 038), so this measures the hand-over; raw Chronicle Map has no list to compare.
     *
     * @return true
     */
    @Benchmark
    @Threads(2)
    public boolean decoAppendFromTwoThreads() {
        return list.add(7L);
    }
}
