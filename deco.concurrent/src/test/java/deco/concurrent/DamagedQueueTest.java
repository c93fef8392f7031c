package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.memory.Codec;
import deco.memory.DiskFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13's damaged queues and journals: a clear DiskFormatException or the right elements, never a wrong one. */
@DisplayName("Buffer queues and Cache journals with damaged files")
class DamagedQueueTest {

    @TempDir
    Path temp;

    @RepeatedTest(5)
    @DisplayName("bytes flipped in a finished queue: every element read is right, and reading ends normally or with DiskFormatException")
    void flippedQueue(RepetitionInfo repetition) throws Exception {
        Path queue = temp.resolve("q");
        Generator<String> words = emit -> {
            for (int i = 0; i < 5_000; i++) {
                emit.accept("word-" + i);
            }
        };
        try (Buffer<String> buffer = Buffer.builder(words).queue(queue).elementType(String.class).build()) {
            assertEquals(5_000, buffer.stream().count());
        }
        flip(dataFile(queue), 20, repetition.getCurrentRepetition());
        try (Buffer<String> attached = Buffer.attach(queue, String.class)) {
            int i = 0;
            try {
                for (String word : attached) {
                    assertEquals("word-" + i, word, "element " + i + " is right or not returned at all");
                    i++;
                }
            } catch (DiskFormatException damaged) {
                assertTrue(damaged.getMessage().contains(queue.toString()), damaged.getMessage());
            } catch (GeneratorException stopped) { // damage that hides the end record: the producer is gone
                assertTrue(stopped.getMessage().contains("stopped before element"), stopped.getMessage());
            }
        }
    }

    @Test
    @DisplayName("a journal of other types is refused naming both; a damaged journal never loads a wrong value")
    void journals() throws Exception {
        Path journal = temp.resolve("j");
        try (Cache<Integer, String> cache = Cache.<Integer, String>builder(k -> "v" + k).journal(journal)
                .keyCodec(Codec.forType(Integer.class)).valueCodec(Codec.forType(String.class)).build()) {
            for (int k = 0; k < 2_000; k++) {
                cache.get(k);
            }
        }
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> Cache.<String, String>builder(k -> k).journal(journal).keyCodec(Codec.forType(String.class))
                        .valueCodec(Codec.forType(String.class)).build());
        assertTrue(other.getMessage().contains("deco:int") && other.getMessage().contains("deco:string"),
                other.getMessage());

        flip(dataFile(journal), 20, 99);
        try (Cache<Integer, String> reopened = Cache.<Integer, String>builder(k -> "v" + k).journal(journal)
                .keyCodec(Codec.forType(Integer.class)).valueCodec(Codec.forType(String.class)).build()) {
            for (int k = 0; k < 2_000; k++) {
                assertEquals("v" + k, reopened.get(k), "key " + k);
            }
        } catch (DiskFormatException damaged) {
            assertTrue(damaged.getMessage().contains(journal.toString()), damaged.getMessage());
        }
    }

    /** The first data file of a queue, or of a journal's results (in their version's directory). */
    private static Path dataFile(Path queue) throws IOException {
        try (Stream<Path> files = Files.walk(queue)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** Flips bytes between the end of Chronicle's header and the last byte written. */
    private static void flip(Path file, int count, long seed) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = lastWritten(channel);
            long start = Math.min(end / 2, 128 * 1024);
            Random random = new Random(seed);
            for (int i = 0; i < count; i++) {
                long at = start + (long) (random.nextDouble() * (end - start));
                ByteBuffer b = ByteBuffer.allocate(1);
                channel.read(b, at);
                b.put(0, (byte) ~b.get(0)).rewind();
                channel.write(b, at);
            }
        }
    }

    private static long lastWritten(FileChannel channel) throws IOException {
        long size = Math.min(channel.size(), 64L << 20);
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
        long last = 0;
        for (long at = 0; at < size; at += chunk.capacity()) {
            chunk.clear();
            int n = channel.read(chunk, at);
            for (int i = 0; i < n; i++) {
                if (chunk.get(i) != 0) {
                    last = at + i;
                }
            }
        }
        return last;
    }
}
