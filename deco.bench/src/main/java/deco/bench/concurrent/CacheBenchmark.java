package deco.bench.concurrent;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import deco.concurrent.Cache;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A {@code Cache} hit against {@code ConcurrentHashMap.get} (target: at least half its
 * throughput) and a Caffeine {@code LoadingCache} hit; misses (a new cache, then 1,000 keys
 * computed and stored) against Caffeine's; and fib(200) computed through a fresh recursive cache
 * with {@code batchAsync} against plain memoised recursion.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class CacheBenchmark {

    private static final int KEYS = 1_000;

    private static final int MISSES = 1_000;

    private Cache<Integer, Integer> cache;
    private final ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>();
    private LoadingCache<Integer, Integer> caffeine;

    /** Fills both with the same keys. */
    @Setup(Level.Trial)
    public void setUp() {
        cache = Cache.of(k -> k * 2);
        caffeine = Caffeine.newBuilder().build(k -> k * 2);
        for (int k = 0; k < KEYS; k++) {
            cache.get(k);
            map.put(k, k * 2);
            caffeine.get(k);
        }
    }

    /** Closes the cache. */
    @TearDown(Level.Trial)
    public void tearDown() {
        cache.close();
    }

    /** @return a cached value */
    @Benchmark
    public Integer cacheHit() {
        return cache.get(ThreadLocalRandom.current().nextInt(KEYS));
    }

    /** @return a value cached by Caffeine */
    @Benchmark
    public Integer caffeineHit() {
        return caffeine.get(ThreadLocalRandom.current().nextInt(KEYS));
    }

    /** @return the last of 1,000 values computed on a miss and stored, by a new deco Cache (ops = misses) */
    @Benchmark
    @OperationsPerInvocation(MISSES)
    public Integer cacheMiss() {
        try (Cache<Integer, Integer> fresh = Cache.of(k -> k * 2)) {
            Integer last = null;
            for (int k = 0; k < MISSES; k++) {
                last = fresh.get(k);
            }
            return last;
        }
    }

    /** @return the last of 1,000 values computed on a miss and stored, by a new Caffeine cache (ops = misses) */
    @Benchmark
    @OperationsPerInvocation(MISSES)
    public Integer caffeineMiss() {
        LoadingCache<Integer, Integer> fresh = Caffeine.newBuilder().build(k -> k * 2);
        Integer last = null;
        for (int k = 0; k < MISSES; k++) {
            last = fresh.get(k);
        }
        return last;
    }

    /** @return a mapped value */
    @Benchmark
    public Integer concurrentHashMapGet() {
        return map.get(ThreadLocalRandom.current().nextInt(KEYS));
    }

    /** @return fib(200) through a new cache, branches precomputed with batchAsync */
    @Benchmark
    public BigInteger fib200BatchAsync() {
        try (Cache<Integer, BigInteger> fib = Cache.recursive((self, n) -> {
            if (n < 2) {
                return BigInteger.ONE;
            }
            self.batchAsync(List.of(n - 1, n - 2));
            return self.get(n - 1).add(self.get(n - 2));
        })) {
            return fib.get(200);
        }
    }

    /** @return fib(200) by memoised recursion in a HashMap, one thread */
    @Benchmark
    public BigInteger fib200Memoised() {
        return fib(200, new HashMap<>());
    }

    private static BigInteger fib(int n, Map<Integer, BigInteger> memo) {
        if (n < 2) {
            return BigInteger.ONE;
        }
        BigInteger known = memo.get(n);
        if (known == null) {
            known = fib(n - 1, memo).add(fib(n - 2, memo));
            memo.put(n, known);
        }
        return known;
    }
}
