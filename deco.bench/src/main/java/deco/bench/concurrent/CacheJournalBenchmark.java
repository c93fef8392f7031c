package deco.bench.concurrent;

import deco.concurrent.Cache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
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
 * Opening a {@code Cache} journal (build, then close) when the function's version is read from its
 * code, against the same with a stated version (which reads no code) and against opening and
 * closing a raw Chronicle Queue on a directory: what reading the code adds to a journal's open
 * (decision 042). The journal holds fib(0..200).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class CacheJournalBenchmark {

    private Path directory;

    /** Fills a journal of each kind with fib(0..200). */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("deco-journal-bench");
        try (Cache<Integer, BigInteger> fib = readingCode()) {
            fib.get(200);
        }
        try (Cache<Integer, BigInteger> fib = stated()) {
            fib.get(200);
        }
    }

    /** Deletes the journals. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private Cache<Integer, BigInteger> readingCode() {
        return Cache.<Integer, BigInteger>builder((self, n) -> n < 2 ? BigInteger.ONE : self.get(n - 1).add(self.get(n - 2)))
                .journal(directory.resolve("code")).build();
    }

    private Cache<Integer, BigInteger> stated() {
        return Cache.<Integer, BigInteger>builder((self, n) -> n < 2 ? BigInteger.ONE : self.get(n - 1).add(self.get(n - 2)))
                .journal(directory.resolve("stated")).version("fib").build();
    }

    /** @return the number of results loaded by a journal whose version is read from the code */
    @Benchmark
    public long openReadingCode() {
        try (Cache<Integer, BigInteger> fib = readingCode()) {
            return fib.size();
        }
    }

    /** @return the number of results loaded by a journal of a stated version */
    @Benchmark
    public long openStatedVersion() {
        try (Cache<Integer, BigInteger> fib = stated()) {
            return fib.size();
        }
    }

    /** @return the index of the last record of a raw Chronicle Queue opened and closed on the journal's results */
    @Benchmark
    public long rawQueueOpen() throws IOException {
        Path results;
        try (Stream<Path> versions = Files.list(directory.resolve("stated"))) {
            results = versions.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(results).build()) {
            return queue.lastIndex();
        }
    }
}
