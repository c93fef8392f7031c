package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Cache: one computation per key, journal, bad input")
class CacheBehaviourTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("8 threads asking for one slow uncached key run the function once and all get its value")
    void oneComputationPerKey() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch allAsking = new CountDownLatch(8);
        try (Cache<String, Integer> cache = Cache.of(k -> {
            calls.incrementAndGet();
            try {
                allAsking.await(20, TimeUnit.SECONDS); // slow: until every thread has asked
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return k.length();
        }); ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    allAsking.countDown();
                    return cache.get("slow key");
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(8, result.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, calls.get());
        }
    }

    @Test
    @DisplayName("a failure reaches every waiting caller and leaves the key absent, never stuck")
    void failureReachesWaiters() throws Exception {
        CountDownLatch waiting = new CountDownLatch(3);
        AtomicInteger calls = new AtomicInteger();
        try (Cache<Integer, Integer> cache = Cache.of(k -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    waiting.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                throw new ArithmeticException("bad " + k);
            }
            return k;
        }); ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                results.add(pool.submit(() -> {
                    waiting.countDown();
                    return cache.get(7);
                }));
            }
            int failures = 0;
            for (Future<Integer> result : results) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof ArithmeticException, String.valueOf(e.getCause()));
                    failures++;
                }
            }
            assertTrue(failures >= 1);
            assertEquals(7, cache.get(7), "computes again after a failure");
        }
    }

    @Test
    @DisplayName("a journal: a cache of the same function reopened on the same directory reuses every result without recomputing")
    void journal() {
        Path dir = temp.resolve("journal");
        AtomicInteger calls = new AtomicInteger();
        try (Cache<Integer, BigInteger> fib = Cache.<Integer, BigInteger>builder((self, n) -> {
            calls.incrementAndGet();
            return n < 2 ? BigInteger.ONE : self.get(n - 1).add(self.get(n - 2));
        }).journal(dir).build()) {
            assertEquals(new BigInteger("573147844013817084101"), fib.get(100));
        }
        assertEquals(101, calls.get());
        // the same code written again (javac numbers this lambda differently): the same function
        try (Cache<Integer, BigInteger> fib = Cache.<Integer, BigInteger>builder((self, n) -> {
            calls.incrementAndGet();
            return n < 2 ? BigInteger.ONE : self.get(n - 1).add(self.get(n - 2));
        }).journal(dir).build()) {
            assertEquals(101, fib.size());
            assertEquals(new BigInteger("573147844013817084101"), fib.get(100));
        }
        assertEquals(101, calls.get(), "nothing recomputed");
    }

    @Test
    @DisplayName("a new journal whose directory holds another process's identity file being written: opened, not called foreign")
    void journalCreatedByTwoProcessesAtOnce() throws Exception {
        Path dir = temp.resolve("racing");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("deco-journal.properties1234.tmp"), "keyCodec=");
        try (Cache<Integer, Integer> cache = Cache.<Integer, Integer>builder((self, n) -> n * 2).journal(dir)
                .version("doubling").build()) {
            assertEquals(14, cache.get(7));
        }
        // a stated version: whatever the code, the results of "doubling" are reused
        try (Cache<Integer, Integer> reopened = Cache.<Integer, Integer>builder((self, n) -> -1).journal(dir)
                .version("doubling").build()) {
            assertEquals(14, reopened.get(7), "the journal it made is the one reopened");
        }
    }

    @Test
    @DisplayName("a value the journal cannot encode: a clear error, the key stays absent")
    void unencodable() {
        try (Cache<Integer, Object> cache = Cache.<Integer, Object>builder(k -> new Object())
                .journal(temp.resolve("bad")).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cache.get(1));
            assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
            assertEquals(0, cache.size());
        }
    }

    @Test
    @DisplayName("asking for the key being computed is an error, not a deadlock; closed caches refuse calls")
    void selfRecursionAndClose() {
        Cache<Integer, Integer> cache = Cache.recursive((self, n) -> n == 0 ? 0 : self.get(n));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cache.get(3));
        assertTrue(e.getMessage().contains("a cycle of keys: 3 needs 3"), e.getMessage());
        assertEquals(0, cache.get(0));
        cache.close();
        assertThrows(IllegalStateException.class, () -> cache.get(1));
        assertThrows(IllegalStateException.class, () -> cache.get(0), "a cached key too (it was answered)");
        assertThrows(IllegalStateException.class, cache::size);
        assertThrows(IllegalStateException.class, () -> cache.applyAsync(1));
        assertThrows(NullPointerException.class, () -> Cache.of(null));
    }
}
