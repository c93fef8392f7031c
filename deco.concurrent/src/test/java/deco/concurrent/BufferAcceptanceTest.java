package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Buffer: acceptance cases")
class BufferAcceptanceTest {

    static Generator<Long> counter() {
        return emit -> {
            for (long i = 0; ; i++) {
                emit.accept(i);
            }
        };
    }

    @Test
    @DisplayName("case 14: buffered counter, size 4: get(0) == 0, get(15) == 15, v == i for the first 100")
    void case14() {
        try (Buffer<Long> buffer = Buffer.builder(counter()).bufferSize(4).build()) {
            assertEquals(0L, buffer.get(0));
            assertEquals(15L, buffer.get(15));
            int i = 0;
            for (long v : buffer) {
                assertEquals(i, v);
                if (++i == 100) {
                    break;
                }
            }
        }
    }

    /** A complex number, Serializable so the default codec stores it. */
    record Complex(double re, double im) implements Serializable, HaltCondition.Magnitude {
        Complex times(Complex o) {
            return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
        }

        @Override
        public double magnitude() {
            return Math.hypot(re, im);
        }
    }

    @Test
    @DisplayName("case 15: complex spiral (1, then x1.1 rotated): get(1) is the second value; iterating twice gives the same values")
    void case15() {
        Complex step = new Complex(1.1 * Math.cos(0.3), 1.1 * Math.sin(0.3));
        Generator<Complex> spiral = emit -> {
            Complex z = new Complex(1, 0);
            while (true) {
                emit.accept(z);
                z = z.times(step);
            }
        };
        try (Buffer<Complex> buffer = Buffer.builder(spiral).haltCondition(HaltCondition.absolutelyNonDecreasing())
                .build()) {
            assertEquals(step, buffer.get(1));
            List<Complex> first = buffer.stream().limit(50).toList();
            List<Complex> second = buffer.stream().limit(50).toList();
            assertEquals(first, second, "the sequence is cached");
            assertTrue(buffer.contains(buffer.get(7)));
            assertFalse(buffer.contains(new Complex(0.5, 0.5)), "halts once magnitudes pass the item's");
        }
    }

    @Test
    @DisplayName("case 16: a prime sieve that reads its own buffer: first 14 are 2..43, get(99) == 541")
    void case16() {
        AtomicReference<Buffer<Long>> self = new AtomicReference<>();
        CountDownLatch built = new CountDownLatch(1);
        Generator<Long> primes = emit -> {
            emit.accept(2L);
            built.await(); // the sieve reads its own buffer, which must exist first
            long count = 1;
            for (long n = 3; ; n += 2) {
                boolean prime = true;
                for (long i = 0; i < count; i++) {
                    long p = self.get().get(i);
                    if (p * p > n) {
                        break;
                    }
                    if (n % p == 0) {
                        prime = false;
                        break;
                    }
                }
                if (prime) {
                    emit.accept(n);
                    count++;
                }
            }
        };
        try (Buffer<Long> buffer = Buffer.builder(primes).bufferSize(8).build()) {
            self.set(buffer);
            built.countDown();
            assertEquals(List.of(2L, 3L, 5L, 7L, 11L, 13L, 17L, 19L, 23L, 29L, 31L, 37L, 41L, 43L),
                    buffer.stream().limit(14).toList());
            assertEquals(541L, buffer.get(99));
        }
    }

    @Test
    @DisplayName("case 17: counter: contains(20) is true before anything was read; contains(20.5) is false and returns")
    void case17() {
        try (Buffer<Long> buffer = Buffer.of(counter())) {
            assertTrue(buffer.contains(20L));
        }
        try (Buffer<Long> buffer = Buffer.of(counter())) {
            assertFalse(buffer.contains(20.5));
        }
        Generator<Long> evens = emit -> {
            for (long i = 0; ; i += 2) {
                emit.accept(i);
            }
        };
        try (Buffer<Long> buffer = Buffer.of(evens)) {
            assertFalse(buffer.contains(21L));
            assertTrue(buffer.contains(22L));
        }
    }

    @Test
    @DisplayName("case 18: a finite generator of 10: get(10) -> IndexOutOfBoundsException, iteration ends after 10")
    void case18() {
        Generator<Integer> ten = emit -> {
            for (int i = 0; i < 10; i++) {
                emit.accept(i);
            }
        };
        try (Buffer<Integer> buffer = Buffer.of(ten)) {
            IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class, () -> buffer.get(10));
            assertTrue(past.getMessage().contains("length 10"), past.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.get(1000));
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), buffer.stream().toList());
            assertEquals(9, buffer.get(9));
            assertFalse(buffer.contains(10));
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.get(-1));
        }
    }

    @Test
    @DisplayName("case 19: a generator that throws at element 5: get(5) rethrows it as the cause; earlier elements are fine")
    void case19() {
        IllegalStateException boom = new IllegalStateException("boom at 5");
        Generator<Integer> failing = emit -> {
            for (int i = 0; ; i++) {
                if (i == 5) {
                    throw boom;
                }
                emit.accept(i);
            }
        };
        try (Buffer<Integer> buffer = Buffer.of(failing)) {
            GeneratorException e = assertThrows(GeneratorException.class, () -> buffer.get(5));
            assertSame(boom, e.getCause());
            assertEquals(5, e.index());
            assertEquals(4, buffer.get(4));
            assertThrows(GeneratorException.class, () -> buffer.get(50));
            GeneratorException iterating = assertThrows(GeneratorException.class,
                    () -> buffer.stream().forEach(v -> { }));
            assertInstanceOf(IllegalStateException.class, iterating.getCause());
        }
    }
}
