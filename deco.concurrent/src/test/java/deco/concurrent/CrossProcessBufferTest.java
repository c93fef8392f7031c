package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Case 20 and friends: a producer in one JVM, consumers in others, through one queue directory. */
@DisplayName("Buffer: producer and consumer in different JVMs")
class CrossProcessBufferTest {

    @TempDir
    Path temp;

    /** The producer JVM: squares 0..count-1 (or fails at element failAt), then waits to be told to stop. */
    static final class Producer {
        public static void main(String[] args) throws Exception {
            long count = Long.parseLong(args[1]);
            long failAt = Long.parseLong(args[2]);
            try (Buffer<Long> buffer = Buffer.builder((Generator<Long>) emit -> {
                for (long i = 0; i < count; i++) {
                    if (i == failAt) {
                        throw new ArithmeticException("producer failed at " + i);
                    }
                    emit.accept(i * i);
                }
            }).queue(Path.of(args[0])).elementType(Long.class).bufferSize(64).build()) {
                System.out.println("producing");
                System.out.flush();
                System.in.read(); // the test closes stdin when the consumer is done
            }
        }
    }

    private Process producer(Path queue, long count, long failAt) throws Exception {
        Process process = ChildJvm.builder(Producer.class, queue.toString(), String.valueOf(count),
                        String.valueOf(failAt)).redirectErrorStream(true)
                .redirectOutput(temp.resolve("producer.log").toFile()).start();
        // the consumer attaches once the producer has created the queue
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(queue.resolve("deco-buffer.properties")) || !Files.exists(queue.resolve("demand"))) {
            assertTrue(process.isAlive() && System.nanoTime() < deadline,
                    "producer did not start: " + Files.readString(temp.resolve("producer.log")));
            Thread.onSpinWait();
        }
        return process;
    }

    @Test
    @DisplayName("case 20: a producer in one JVM, a consumer in another: every value, in order, then the end")
    void case20() throws Exception {
        Path queue = temp.resolve("queue");
        Process process = producer(queue, 5_000, -1);
        try (Buffer<Long> buffer = Buffer.attach(queue, Long.class)) {
            long i = 0;
            for (long value : buffer) {
                assertEquals(i * i, value, "element " + i);
                i++;
            }
            assertEquals(5_000, i, "iteration ends with the producer's sequence");
            assertEquals(49L, buffer.get(7));
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.get(5_000));
            assertTrue(buffer.contains(2_500L * 2_500L));
        } finally {
            process.getOutputStream().close();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(0, process.exitValue(), Files.readString(temp.resolve("producer.log")));
    }

    @Test
    @DisplayName("a producer's exception reaches the consumer in the other JVM, with its class and message")
    void remoteFailure() throws Exception {
        Path queue = temp.resolve("failing");
        Process process = producer(queue, 1_000, 300);
        try (Buffer<Long> buffer = Buffer.attach(queue, Long.class)) {
            assertEquals(299L * 299L, buffer.get(299));
            GeneratorException e = assertThrows(GeneratorException.class, () -> buffer.get(300));
            GeneratorException.RemoteFailure remote = assertInstanceOf(GeneratorException.RemoteFailure.class,
                    e.getCause());
            assertEquals("java.lang.ArithmeticException", remote.className());
            assertTrue(remote.getMessage().contains("producer failed at 300"), remote.getMessage());
            assertEquals(300, e.index());
        } finally {
            process.getOutputStream().close();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("attaching with another element type is refused, naming both codecs")
    void wrongType() throws Exception {
        Path queue = temp.resolve("typed");
        Process process = producer(queue, 10, -1);
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Buffer.attach(queue, String.class));
            assertTrue(e.getMessage().contains("deco:long") && e.getMessage().contains("deco:string"), e.getMessage());
        } finally {
            process.getOutputStream().close();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("a producer JVM killed with SIGKILL: a waiting consumer, and one attaching later, get a GeneratorException, not a hang")
    void killedProducer() throws Exception {
        Path queue = temp.resolve("killed");
        Process process = producer(queue, Long.MAX_VALUE, -1);
        try (Buffer<Long> buffer = Buffer.attach(queue, Long.class)) {
            assertEquals(100L, buffer.get(10));
            java.util.concurrent.Future<Long> far = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()
                    .submit(() -> buffer.get(100_000_000L));
            process.destroyForcibly(); // SIGKILL, while a consumer waits
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            java.util.concurrent.ExecutionException waited = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> far.get(60, TimeUnit.SECONDS));
            GeneratorException stopped = assertInstanceOf(GeneratorException.class, waited.getCause());
            assertTrue(stopped.getCause().getMessage().contains("without an end record"), stopped.getMessage());
        }
        try (Buffer<Long> late = Buffer.attach(queue, Long.class)) {
            GeneratorException e = assertThrows(GeneratorException.class, () -> {
                for (long ignored : late) {
                    // everything the producer wrote, then the exception
                }
            });
            assertTrue(e.getMessage().contains("stopped before element"), e.getMessage());
            assertEquals(0L, late.get(0), "what was written before the kill stays readable");
        }
    }

    @Test
    @DisplayName("two producers on one queue directory, started at the same moment in two JVMs, 5 times: exactly one produces")
    void oneProducerPerDirectory() throws Exception {
        for (int trial = 0; trial < 5; trial++) {
            Path queue = temp.resolve("claimed" + trial);
            Process a = ChildJvm.builder(Producer.class, queue.toString(), "10", "-1").redirectErrorStream(true)
                    .redirectOutput(temp.resolve("a" + trial + ".log").toFile()).start();
            Process b = ChildJvm.builder(Producer.class, queue.toString(), "10", "-1").redirectErrorStream(true)
                    .redirectOutput(temp.resolve("b" + trial + ".log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String logA;
            String logB;
            do {
                Thread.onSpinWait();
                logA = Files.readString(temp.resolve("a" + trial + ".log"));
                logB = Files.readString(temp.resolve("b" + trial + ".log"));
            } while ((!said(logA) || !said(logB)) && System.nanoTime() < deadline);
            a.getOutputStream().close();
            b.getOutputStream().close();
            assertTrue(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS));
            assertTrue(produced(logA) ^ produced(logB), "trial " + trial + ": A said " + logA + "\nB said " + logB);
            String loser = produced(logA) ? logB : logA;
            assertTrue(loser.contains("already"), loser);
        }
        Path queue = temp.resolve("here");
        try (Buffer<Integer> first = Buffer.builder((Generator<Integer>) emit -> emit.accept(1)).queue(queue).build()) {
            IllegalStateException second = assertThrows(IllegalStateException.class,
                    () -> Buffer.builder((Generator<Integer>) emit -> emit.accept(2)).queue(queue).build());
            assertTrue(second.getMessage().contains("already"), second.getMessage());
            assertEquals(1, first.get(0));
        }
    }

    private static boolean produced(String log) {
        return log.lines().anyMatch("producing"::equals);
    }

    private static boolean said(String log) {
        return produced(log) || log.contains("already");
    }
}
