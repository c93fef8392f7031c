package deco.bench;

import deco.concurrent.Buffer;
import deco.concurrent.Generator;
import java.nio.file.Path;

/**
 * The Buffer part of the demo: a slow generator (1 ms per element) run ahead of a consumer that is
 * as slow, so the two overlap: about half the serial time.
 */
final class BufferDemo {

    private BufferDemo() {
    }

    static void run(Path dir) throws InterruptedException {
        int n = 200;
        long start = System.nanoTime();
        long serialSum = 0;
        for (long i = 0; i < n; i++) {
            serialSum += consume(produce(i));
        }
        long serialNanos = System.nanoTime() - start;

        start = System.nanoTime();
        long bufferedSum = 0;
        try (Buffer<Long> buffer = Buffer.builder((Generator<Long>) emit -> {
            for (long i = 0; i < n; i++) {
                emit.accept(produce(i));
            }
        }).queue(dir).elementType(Long.class).bufferSize(32).build()) {
            for (long value : buffer) {
                bufferedSum += consume(value);
            }
        }
        long bufferedNanos = System.nanoTime() - start;
        if (bufferedSum != serialSum) {
            throw new AssertionError("Buffer consumed " + bufferedSum + ", serially " + serialSum);
        }
        System.out.printf("  Buffer:     %d elements of a 1 ms generator and a 1 ms consumer: serial %.0f ms,"
                + " buffered %.0f ms, same sum%n", n, serialNanos / 1e6, bufferedNanos / 1e6);
    }

    private static long produce(long i) throws InterruptedException {
        Thread.sleep(1);
        return i * i;
    }

    private static long consume(long value) throws InterruptedException {
        Thread.sleep(1);
        return value;
    }
}
