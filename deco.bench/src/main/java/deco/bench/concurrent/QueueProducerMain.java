package deco.bench.concurrent;

import deco.concurrent.Buffer;
import deco.concurrent.Generator;
import java.nio.file.Path;

/**
 * The producer JVM of {@link CrossProcessBufferBenchmark}: an endless counter into a queue
 * directory, until its standard input closes.
 */
public final class QueueProducerMain {

    private QueueProducerMain() {
    }

    /**
     * @param args the queue directory
     * @throws Exception if reading standard input fails
     */
    public static void main(String[] args) throws Exception {
        Generator<Long> counter = emit -> {
            for (long i = 0; ; i++) {
                emit.accept(i);
            }
        };
        try (Buffer<Long> ignored = Buffer.builder(counter).elementType(Long.class).bufferSize(1 << 16)
                .queue(Path.of(args[0])).build()) {
            System.in.read();
        }
    }
}
