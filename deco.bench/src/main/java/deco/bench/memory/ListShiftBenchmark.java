package deco.bench.memory;

import deco.memory.DiskList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Shifts of a {@code DiskList} of {@value #ELEMENTS}: {@code addAll(0, c)} of {@value #BLOCK}
 * elements (then the last {@value #BLOCK} removed, so the list keeps its size) and
 * {@code subList(0, }{@value #BLOCK}{@code ).clear()} (then {@value #BLOCK} appended), each against
 * the same change made one {@code add(0, e)} or {@code remove(0)} at a time (what they did before:
 * {@code k × n} moves) and against the raw alternative, a Chronicle Map keyed by index whose
 * elements are moved by hand; and {@code removeIf} of every tenth position (then as many appended),
 * against the iterator's {@code remove} it was built from before and a compaction by hand; and
 * {@code replaceAll}, against a {@code set} per element (as before) and the raw map's puts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ListShiftBenchmark {

    private static final int ELEMENTS = 10_000;
    private static final int BLOCK = 100;
    private static final List<Long> INSERTED = LongStream.range(0, BLOCK).boxed().toList();
    private static final List<Long> TENTH = LongStream.range(0, ELEMENTS / 10).boxed().toList();

    private Path directory;
    private DiskList<Long> list;
    private ChronicleMap<Long, Long> raw;

    /**
     * Creates and fills both.
     *
     * @throws IOException if the files cannot be made
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("deco-bench-list-shift");
        list = DiskList.builder(directory.resolve("list"), Long.class).initialCapacity(ELEMENTS * 2L).open();
        raw = ChronicleMap.of(Long.class, Long.class).entries(ELEMENTS * 2L)
                .createPersistedTo(directory.resolve("raw.cm").toFile());
        for (long i = 0; i < ELEMENTS; i++) {
            list.add(i);
            raw.put(i, i);
        }
    }

    /** Closes and deletes both. */
    @TearDown(Level.Trial)
    public void tearDown() {
        list.close();
        raw.close();
        Store.deleteTree(directory);
    }

    /** @return the size after the insert */
    @Benchmark
    public int decoAddAllAtFront() {
        list.addAll(0, INSERTED);
        int size = list.size();
        list.subList(ELEMENTS, size).clear();
        return size;
    }

    /** @return the size after the inserts */
    @Benchmark
    public int decoAddOneByOneAtFront() {
        for (int i = 0; i < BLOCK; i++) {
            list.add(i, INSERTED.get(i));
        }
        int size = list.size();
        list.subList(ELEMENTS, size).clear();
        return size;
    }

    /** @return the size after the insert */
    @Benchmark
    public int rawChronicleInsertAtFront() {
        for (long at = ELEMENTS - 1; at >= 0; at--) {
            raw.put(at + BLOCK, raw.get(at));
        }
        for (int i = 0; i < BLOCK; i++) {
            raw.put((long) i, INSERTED.get(i));
        }
        int size = raw.size();
        for (long at = ELEMENTS; at < size; at++) {
            raw.remove(at);
        }
        return size;
    }

    /** @return the size after the removal */
    @Benchmark
    public int decoClearRangeAtFront() {
        list.subList(0, BLOCK).clear();
        int size = list.size();
        list.addAll(INSERTED);
        return size;
    }

    /** @return the size after the removals */
    @Benchmark
    public int decoRemoveOneByOneAtFront() {
        for (int i = 0; i < BLOCK; i++) {
            list.remove(0);
        }
        int size = list.size();
        list.addAll(INSERTED);
        return size;
    }

    /** @return the size after the removal */
    @Benchmark
    public int rawChronicleRemoveRangeAtFront() {
        for (long at = 0; at < ELEMENTS - BLOCK; at++) {
            raw.put(at, raw.get(at + BLOCK));
        }
        for (long at = ELEMENTS - 1; at >= ELEMENTS - BLOCK; at--) {
            raw.remove(at);
        }
        int size = raw.size();
        for (int i = 0; i < BLOCK; i++) {
            raw.put((long) size + i, INSERTED.get(i));
        }
        return size;
    }

    /** @return whether elements were removed */
    @Benchmark
    public boolean decoRemoveIfEveryTenth() {
        int[] position = {0};
        boolean removed = list.removeIf(x -> position[0]++ % 10 == 0);
        list.addAll(TENTH);
        return removed;
    }

    /** @return how many were removed */
    @Benchmark
    public int decoIteratorRemoveEveryTenth() {
        int removed = 0;
        int position = 0;
        for (java.util.Iterator<Long> it = list.iterator(); it.hasNext(); position++) {
            it.next();
            if (position % 10 == 0) {
                it.remove();
                removed++;
            }
        }
        list.addAll(TENTH);
        return removed;
    }

    /** @return how many were kept */
    @Benchmark
    public long rawChronicleCompactEveryTenth() {
        long write = 0;
        for (long read = 0; read < ELEMENTS; read++) {
            if (read % 10 != 0) {
                raw.put(write++, raw.get(read));
            }
        }
        long kept = write;
        for (long at = ELEMENTS - 1; at >= kept; at--) {
            raw.remove(at);
        }
        for (Long element : TENTH) {
            raw.put(write++, element);
        }
        return kept;
    }

    /** Adds one to every element in one operation. */
    @Benchmark
    public void decoReplaceAll() {
        list.replaceAll(x -> x + 1);
    }

    /** Adds one to every element with one {@code set} each, as {@code replaceAll} did before. */
    @Benchmark
    public void decoSetEach() {
        for (java.util.ListIterator<Long> it = list.listIterator(); it.hasNext(); ) {
            it.set(it.next() + 1);
        }
    }

    /** Adds one to every element of the raw map, in place. */
    @Benchmark
    public void rawChronicleReplaceAll() {
        for (long at = 0; at < ELEMENTS; at++) {
            raw.put(at, raw.get(at) + 1);
        }
    }
}
