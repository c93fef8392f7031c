package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cache: acceptance cases")
class CacheAcceptanceTest {

    @Test
    @DisplayName("case 21: fib with fib(n < 2) = 1: fib(5) == 8")
    void case21() {
        try (Cache<Integer, Long> fib = Cache.recursive((self, n) -> n < 2 ? 1L : self.get(n - 1) + self.get(n - 2))) {
            assertEquals(8L, fib.get(5));
        }
    }

    @Test
    @DisplayName("case 22: with applyAsync(n-1) and applyAsync(n-2) first: fib(100) == 573147844013817084101")
    void case22() {
        try (Cache<Integer, BigInteger> fib = Cache.recursive((self, n) -> {
            if (n < 2) {
                return BigInteger.ONE;
            }
            self.applyAsync(n - 1);
            self.applyAsync(n - 2);
            return self.get(n - 1).add(self.get(n - 2));
        })) {
            assertEquals(new BigInteger("573147844013817084101"), fib.get(100));
        }
    }

    @Test
    @DisplayName("case 23: with batchAsync(List.of(n-1, n-2)): fib(200) == 453973694165307953197296969697410619233826")
    void case23() {
        try (Cache<Integer, BigInteger> fib = Cache.recursive((self, n) -> {
            if (n < 2) {
                return BigInteger.ONE;
            }
            self.batchAsync(List.of(n - 1, n - 2));
            return self.get(n - 1).add(self.get(n - 2));
        })) {
            assertEquals(new BigInteger("453973694165307953197296969697410619233826"), fib.get(200));
        }
    }

    @Test
    @DisplayName("case 24: after get(0) the size is 1 and a repeat call returns the same value without recomputing")
    void case24() {
        AtomicInteger calls = new AtomicInteger();
        try (Cache<Integer, Object> cache = Cache.of(k -> {
            calls.incrementAndGet();
            return new Object();
        })) {
            Object first = cache.get(0);
            assertEquals(1, cache.size());
            assertSame(first, cache.get(0));
            assertEquals(1, calls.get());
        }
    }

    @Test
    @DisplayName("case 25: standard Fibonacci: F(0..9) == [0,1,1,2,3,5,8,13,21,34], F(100) == 354224848179261915075")
    void case25() {
        try (Cache<Integer, BigInteger> f = Cache.recursive((self, n) ->
                n < 2 ? BigInteger.valueOf(n) : self.get(n - 1).add(self.get(n - 2)))) {
            assertEquals(List.of(0, 1, 1, 2, 3, 5, 8, 13, 21, 34).stream().map(BigInteger::valueOf).toList(),
                    IntStream.range(0, 10).mapToObj(f::get).toList());
            assertEquals(new BigInteger("354224848179261915075"), f.get(100));
        }
    }

    @Test
    @DisplayName("case 26: a computation that throws: the caller gets the exception; the next call computes again")
    void case26() {
        AtomicInteger calls = new AtomicInteger();
        try (Cache<Integer, Integer> cache = Cache.of(k -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalArgumentException("first try fails");
            }
            return k * 2;
        })) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cache.get(21));
            assertEquals("first try fails", e.getMessage());
            assertEquals(0, cache.size(), "not cached");
            assertEquals(42, cache.get(21));
            assertEquals(2, calls.get());
        }
    }
}
