package deco.bench.concurrent;

import deco.concurrent.Buffer;
import deco.concurrent.Generator;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * Consumer throughput of a {@code Buffer<Long>} fed by a counter on its producer thread, in one
 * JVM, against the raw hand-off: an {@code ArrayBlockingQueue} of the same capacity fed by a
 * producer thread. Target: at least 5 M items/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class BufferBenchmark {

    private static final int CAPACITY = 1024;

    private Buffer<Long> buffer;
    private Iterator<Long> cursor;
    private ArrayBlockingQueue<Long> queue;
    private Thread feeder;

    /** Starts both producers. */
    @Setup(Level.Trial)
    public void setUp() {
        Generator<Long> counter = emit -> {
            for (long i = 0; ; i++) {
                emit.accept(i);
            }
        };
        buffer = Buffer.builder(counter).elementType(Long.class).bufferSize(CAPACITY).build();
        cursor = buffer.iterator();
        queue = new ArrayBlockingQueue<>(CAPACITY);
        feeder = Thread.ofPlatform().daemon().start(() -> {
            try {
                for (long i = 0; ; i++) {
                    queue.put(i);
                }
            } catch (InterruptedException stopped) {
                // tear-down
            }
        });
    }

    /** Stops both producers. */
    @TearDown(Level.Trial)
    public void tearDown() {
        buffer.close();
        feeder.interrupt();
    }

    /** @return the next element of the buffer */
    @Benchmark
    public Long decoBuffer() {
        return cursor.next();
    }

    /**
     * @return the next element handed over by the queue
     * @throws InterruptedException never
     */
    @Benchmark
    public Long arrayBlockingQueue() throws InterruptedException {
        return queue.take();
    }
}
