package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Issue 13's Cache shapes: close never waits for callers' threads, cycles throw, failures are not multiplied. */
@DisplayName("Cache: close, cycles of keys, failures in recursive trees")
class CacheHardeningTest {

    @Test
    @DisplayName("close() interrupts and waits for a computation running on a pooled thread, not for the thread")
    void closeDoesNotJoinCallersThreads() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Cache<Integer, Integer> cache = Cache.of(k -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // until interrupted
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
            return k;
        });
        try (ExecutorService pool = Executors.newFixedThreadPool(1)) {
            Future<Integer> get = pool.submit(() -> cache.get(1));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Future<?> closing = Executors.newVirtualThreadPerTaskExecutor().submit(cache::close);
            closing.get(30, TimeUnit.SECONDS); // returns although the pool thread lives on
            Exception failed = assertThrows(Exception.class, () -> get.get(30, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof IllegalStateException, String.valueOf(failed.getCause()));
        }
    }

    @RepeatedTest(100)
    @DisplayName("close() right after batchAsync(200) of blocking computations returns: every one interrupted")
    void closeAfterBatch() throws Exception {
        Cache<Integer, Integer> cache = Cache.of(k -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
            return k;
        });
        cache.batchAsync(java.util.stream.IntStream.range(0, 200).boxed().toList());
        Executors.newVirtualThreadPerTaskExecutor().submit(cache::close).get(30, TimeUnit.SECONDS);
        assertThrows(IllegalStateException.class, () -> cache.get(1));
    }

    @Test
    @DisplayName("a cycle of keys across threads (1 needs 2 through batchAsync and get, 2 needs 1): an exception naming both")
    void cycleAcrossThreads() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Cache<Integer, Integer> cache = Cache.recursive((self, k) -> {
            int other = k == 1 ? 2 : 1;
            bothStarted.countDown();
            if (k == 1) {
                self.applyAsync(2);
            }
            try {
                bothStarted.await(); // 1 and 2 are both being computed before either asks for the other
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return self.get(other) + 1;
        });
        Future<Integer> result = Executors.newVirtualThreadPerTaskExecutor().submit(() -> cache.get(1));
        Exception e = assertThrows(Exception.class, () -> result.get(30, TimeUnit.SECONDS));
        String message = e.getCause().getMessage();
        assertTrue(e.getCause() instanceof IllegalStateException && message.contains("a cycle of keys")
                && message.contains("1") && message.contains("2"), message);
        cache.close();
    }

    @Test
    @DisplayName("a cycle of keys in one thread (1 needs 2 needs 3 needs 1): the message names the whole loop")
    void cycleInOneThread() {
        try (Cache<Integer, Integer> cache = Cache.recursive((self, k) -> self.get(k % 3 + 1) + 1)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cache.get(1));
            assertTrue(e.getMessage().contains("1 needs 2 needs 3 needs 1"), e.getMessage());
            assertEquals(0, cache.size());
        }
    }

    @Test
    @DisplayName("a failing leaf under a recursive batchAsync tree is computed once per wave; a later get tries again")
    void failuresNotMultiplied() {
        Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
        try (Cache<Integer, Long> cache = Cache.recursive((self, n) -> {
            calls.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
            if (n == 0) {
                throw new ArithmeticException("no fib(0) today");
            }
            if (n == 1) {
                return 1L;
            }
            self.batchAsync(List.of(n - 1, n - 2));
            return self.get(n - 1) + self.get(n - 2);
        })) {
            assertThrows(ArithmeticException.class, () -> cache.get(25));
            assertEquals(1, calls.get(0).get(), "the failing key, within one wave: " + calls);
            int total = calls.values().stream().mapToInt(AtomicInteger::get).sum();
            assertTrue(total <= 26 * 2, "work not multiplied: " + total + " calls " + calls);
            assertThrows(ArithmeticException.class, () -> cache.get(0));
            assertEquals(2, calls.get(0).get(), "a call from outside every computation computes again");
        }
    }

    @Test
    @DisplayName("one failure vocabulary: an interrupted wait in Cache.get and in Buffer.get is ConcurrentException caused by InterruptedException, the flag restored; a checked failure is ConcurrentException")
    void failureVocabulary() throws Exception {
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Cache<Integer, Integer> cache = Cache.of(k -> {
            if (k == 1) {
                computing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (k == 2) {
                throw sneaky(new java.io.IOException("checked"));
            }
            return k;
        })) {
            cache.applyAsync(1);
            assertTrue(computing.await(10, TimeUnit.SECONDS));
            Thread.currentThread().interrupt();
            deco.core.ConcurrentException waited = assertThrows(deco.core.ConcurrentException.class, () -> cache.get(1));
            assertTrue(Thread.interrupted(), "interrupt status restored");
            assertTrue(waited.getCause() instanceof InterruptedException, String.valueOf(waited.getCause()));
            release.countDown();
            deco.core.ConcurrentException checked = assertThrows(deco.core.ConcurrentException.class, () -> cache.get(2));
            assertTrue(checked.getCause() instanceof java.io.IOException, String.valueOf(checked.getCause()));
        }
        Generator<Integer> slow = emit -> {
            emit.accept(0);
            new CountDownLatch(1).await(); // never a second element; interrupted by close
        };
        try (Buffer<Integer> buffer = Buffer.of(slow)) {
            Thread.currentThread().interrupt();
            deco.core.ConcurrentException waited = assertThrows(deco.core.ConcurrentException.class, () -> buffer.get(1));
            assertTrue(Thread.interrupted(), "interrupt status restored");
            assertTrue(waited.getCause() instanceof InterruptedException, String.valueOf(waited.getCause()));
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
