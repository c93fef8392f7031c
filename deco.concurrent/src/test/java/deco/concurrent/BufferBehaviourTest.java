package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Buffer: back-pressure, close, several consumers, bad input")
class BufferBehaviourTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("a slow consumer: the producer never runs more than bufferSize past the furthest element asked for")
    void backPressure() throws InterruptedException {
        AtomicLong emitted = new AtomicLong();
        CountDownLatch waiting = new CountDownLatch(1);
        Generator<Long> counting = emit -> {
            for (long i = 0; ; i++) {
                emit.accept(i);
                emitted.set(i + 1);
                if (i + 1 == 3 + 8) {
                    waiting.countDown();
                }
            }
        };
        try (Buffer<Long> buffer = Buffer.builder(counting).bufferSize(8).build()) {
            assertEquals(2L, buffer.get(2));
            assertTrue(waiting.await(20, TimeUnit.SECONDS), "the producer ran ahead by the buffer size");
            // it is now blocked in emit: demand 3 + buffer 8
            for (int i = 0; i < 1_000; i++) {
                assertTrue(emitted.get() <= 3 + 8, "ran ahead too far: " + emitted.get());
                Thread.yield();
            }
            assertEquals(100L, buffer.get(100));
            assertTrue(emitted.get() <= 101 + 8);
        }
    }

    @Test
    @DisplayName("close() while a consumer is blocked in get: the consumer fails with a clear exception; no producer thread left")
    void closeWakesConsumers() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Thread> producerThread = new AtomicReference<>();
        Generator<Integer> stuck = emit -> {
            producerThread.set(Thread.currentThread());
            emit.accept(0);
            never.await(); // never emits element 1; interrupted by close
        };
        Buffer<Integer> buffer = Buffer.of(stuck);
        assertEquals(0, buffer.get(0));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread consumer = Thread.ofPlatform().start(() -> {
            started.countDown();
            try {
                buffer.get(1);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertTrue(started.await(20, TimeUnit.SECONDS));
        while (consumer.getState() != Thread.State.TIMED_WAITING && consumer.getState() != Thread.State.WAITING
                && consumer.isAlive()) {
            Thread.onSpinWait();
        }
        buffer.close();
        consumer.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(consumer.isAlive());
        IllegalStateException closed = assertInstanceOf(IllegalStateException.class, failure.get());
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        assertFalse(producerThread.get().isAlive(), "no thread left running after close()");
        assertThrows(IllegalStateException.class, () -> buffer.get(0));
        assertThrows(IllegalStateException.class, buffer::iterator);
    }

    @Test
    @DisplayName("strings come back as emitted through the queue, lone surrogates included (they came back as '?')")
    void stringsKeepEveryChar() {
        List<Object> emitted = List.of("a\uD800", "\uDC00b", "\uD83D\uDE00", List.of("x\uDBFF"), "plain");
        try (Buffer<Object> buffer = Buffer.of(emit -> emitted.forEach(emit::accept))) {
            assertEquals(emitted, buffer.stream().toList());
        }
    }

    @Test
    @DisplayName("several iterators at once each replay from 0; a temporary queue is deleted on close")
    void severalIterators() {
        Generator<Integer> hundred = emit -> {
            for (int i = 0; i < 100; i++) {
                emit.accept(i);
            }
        };
        Path directory;
        try (Buffer<Integer> buffer = Buffer.of(hundred)) {
            directory = buffer.directory();
            var a = buffer.iterator();
            var b = buffer.iterator();
            assertEquals(0, a.next());
            assertEquals(1, a.next());
            assertEquals(0, b.next());
            assertEquals(2, a.next());
            assertEquals(4950, buffer.stream().mapToInt(Integer::intValue).sum());
        }
        assertFalse(Files.exists(directory));
    }

    @Test
    @DisplayName("bad input: null emit, an element the codec cannot store, a non-empty queue directory, bad sizes, a queue directory whose metadata names no codec")
    void badInput() throws Exception {
        try (Buffer<Object> nulls = Buffer.of(emit -> emit.accept(null))) {
            GeneratorException e = assertThrows(GeneratorException.class, () -> nulls.get(0));
            assertInstanceOf(NullPointerException.class, e.getCause());
        }
        try (Buffer<Object> unstorable = Buffer.of(emit -> emit.accept(new Object()))) {
            GeneratorException e = assertThrows(GeneratorException.class, () -> unstorable.get(0));
            assertTrue(e.getCause().getMessage().contains("java.lang.Object"), e.getCause().getMessage());
        }
        Path used = Files.createDirectories(temp.resolve("used"));
        Files.writeString(used.resolve("x"), "x");
        IllegalStateException full = assertThrows(IllegalStateException.class,
                () -> Buffer.builder(emit -> { }).queue(used).build());
        assertTrue(full.getMessage().contains("already holds files"), full.getMessage());
        assertEquals(List.of("x"), Files.list(used).map(p -> p.getFileName().toString()).toList());
        assertThrows(IllegalArgumentException.class, () -> Buffer.builder(emit -> { }).bufferSize(0));
        assertThrows(NullPointerException.class, () -> Buffer.of(null));
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> Buffer.attach(temp.resolve("nothing"), Long.class));
        assertTrue(none.getMessage().contains("does not exist") && none.getMessage().contains("no deco Buffer"),
                none.getMessage());
        assertFalse(Files.exists(temp.resolve("nothing")), "attaching made nothing");
        Path unnamed = Files.createDirectories(temp.resolve("unnamed"));
        Files.writeString(unnamed.resolve("deco-buffer.properties"), "");
        IllegalStateException noCodec = assertThrows(IllegalStateException.class,
                () -> Buffer.attach(unnamed, Long.class)); // was: "written with codec , not ..."
        assertTrue(noCodec.getMessage().contains("names no codec"), noCodec.getMessage());
        assertEquals("", Files.readString(unnamed.resolve("deco-buffer.properties")), "nothing changed");
    }

    @Test
    @DisplayName("the generator may not ask for an element it has not produced: a clear error instead of a deadlock")
    void generatorReadingAhead() {
        AtomicReference<Buffer<Integer>> self = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        Generator<Integer> greedy = emit -> {
            ready.await();
            emit.accept(self.get().get(0));
        };
        try (Buffer<Integer> buffer = Buffer.of(greedy)) {
            self.set(buffer);
            ready.countDown();
            GeneratorException e = assertThrows(GeneratorException.class, () -> buffer.get(0));
            assertTrue(e.getCause().getMessage().contains("has not produced"), e.getCause().getMessage());
        }
    }

    @Test
    @DisplayName("indices near Long.MAX_VALUE: get(MAX) is out of range at once; a consumer waiting for MAX-1 does not stop the producer for others")
    void indexOverflow() throws Exception {
        Generator<Long> naturals = emit -> {
            for (long i = 0; ; i++) {
                emit.accept(i);
            }
        };
        try (Buffer<Long> buffer = Buffer.builder(naturals).bufferSize(4).build()) {
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.get(Long.MAX_VALUE));
            java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
            Thread far = Thread.ofVirtual().start(() -> {
                asked.countDown();
                try {
                    buffer.get(Long.MAX_VALUE - 1); // serially endless: it waits until the buffer closes
                } catch (RuntimeException closed) {
                    // expected when the buffer closes
                }
            });
            asked.await();
            assertEquals(1_000L, buffer.get(1_000), "the producer still serves other consumers");
            buffer.close();
            far.join(java.time.Duration.ofSeconds(30));
            assertFalse(far.isAlive(), "the far consumer is released by close");
        }
    }
}
