package deco.bench.concurrent;

import deco.bench.JvmFlags;
import deco.concurrent.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 * Consumer throughput of a {@code Buffer<Long>} whose producer runs in another JVM
 * ({@link QueueProducerMain}), through a queue directory. Target: at least 1 M items/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class CrossProcessBufferBenchmark {

    private Path directory;
    private Process producer;
    private Buffer<Long> buffer;
    private Iterator<Long> cursor;

    /**
     * Starts the producer JVM and attaches to its queue.
     *
     * @throws IOException if the JVM cannot start
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("deco-bench-xjvm").resolve("queue");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.load());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), QueueProducerMain.class.getName(),
                directory.toString()));
        producer = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(directory.resolve("demand"))) {
            if (!producer.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the producer JVM did not start");
            }
            Thread.onSpinWait();
        }
        buffer = Buffer.attach(directory, Long.class);
        cursor = buffer.iterator();
    }

    /**
     * Stops the producer JVM.
     *
     * @throws Exception if it does not stop
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        buffer.close();
        producer.getOutputStream().close();
        producer.waitFor(30, TimeUnit.SECONDS);
        producer.destroyForcibly();
    }

    /** @return the next element, produced in the other JVM */
    @Benchmark
    public Long decoBufferAcrossJvms() {
        return cursor.next();
    }
}
