package deco.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The explicit-API form of the deco.core acceptance cases (shared/ACCEPTANCE.md). Where the
 * Python originals sleep to show parallelism, these tests make every call wait until all calls
 * are in flight at once (a bounded latch): a serial run could not pass, and no timing is
 * asserted.
 */
@DisplayName("Sync: acceptance cases, explicit API")
class SyncAcceptanceTest {

    static int addOne(int x) {
        return x + 1;
    }

    @Test
    @DisplayName("case 1: forLoop adds addOne(i) for 0..29, then subtracts 1 from each -> [0..29]")
    void case1_forLoop() {
        List<Integer> data = new ArrayList<>();
        try (Sync sync = Deco.synchronize()) {
            for (int i = 0; i < 30; i++) {
                int n = i;
                sync.add(data, () -> addOne(n));
            }
        }
        data.replaceAll(v -> v - 1);
        assertEquals(IntStream.range(0, 30).boxed().toList(), data);
    }

    @Test
    @DisplayName("case 2: a concurrent task that sets list[0] = \"kwarged\" on its argument is seen after sync")
    void case2_argumentMutation() {
        List<String> list = new ArrayList<>(List.of("before"));
        try (Sync sync = Deco.synchronize()) {
            sync.fork(() -> list.set(0, "kwarged"));
        }
        assertEquals(List.of("kwarged"), list);
    }

    @Test
    @DisplayName("case 3: ten results gathered with out.add(f(i)) equal serial, in call order")
    void case3_gatherInCallOrder() throws InterruptedException {
        List<String> serial = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            serial.add("f" + i);
        }
        List<String> out = new ArrayList<>();
        CountDownLatch reverse = new CountDownLatch(1);
        try (Sync sync = Deco.synchronize()) {
            for (int i = 0; i < 10; i++) {
                int n = i;
                // task 0 finishes last: completion order differs from call order
                sync.add(out, () -> {
                    if (n == 0) {
                        Bounded.await(reverse, "task 9");
                    } else if (n == 9) {
                        reverse.countDown();
                    }
                    return "f" + n;
                });
            }
        }
        assertEquals(serial, out);
    }

    @Test
    @DisplayName("case 4: data.add(f(x)) then data.size() -> 1 after the synchronization event")
    void case4_readAfterSync() {
        List<Integer> data = new ArrayList<>();
        try (Sync sync = Deco.synchronize()) {
            sync.add(data, () -> 42);
            assertEquals(0, data.size(), "stores wait for the event");
            sync.sync();
            assertEquals(1, data.size());
        }
    }

    @Test
    @DisplayName("case 5: climate model, 5x5 grid of processLatLon runs all 25 cells at once; result[lat][lon] == data[lat+lon]")
    void case5_climateModel() {
        Random random = new Random(42);
        double[] data = new double[200];
        Arrays.setAll(data, i -> random.nextDouble());
        CountDownLatch allInFlight = new CountDownLatch(25);
        List<Map<Integer, Double>> results = new ArrayList<>();
        for (int lat = 0; lat < 5; lat++) {
            results.add(new HashMap<>());
        }
        try (Sync sync = Deco.synchronize()) {
            for (int lat = 0; lat < 5; lat++) {
                for (int lon = 0; lon < 5; lon++) {
                    int la = lat;
                    int lo = lon;
                    sync.put(results.get(la), lo, () -> {
                        allInFlight.countDown();
                        Bounded.await(allInFlight, "all 25 cells in flight");
                        return data[la + lo];
                    });
                }
            }
        }
        for (int lat = 0; lat < 5; lat++) {
            for (int lon = 0; lon < 5; lon++) {
                assertEquals(data[lat + lon], results.get(lat).get(lon), "cell " + lat + "," + lon);
            }
        }
    }

    @Test
    @DisplayName("case 6: 100 slow calls gathered with out.add(work(i)) all run at once -> [0..99]")
    void case6_hundredCalls() {
        CountDownLatch allInFlight = new CountDownLatch(100);
        List<Integer> out = new ArrayList<>();
        try (Sync sync = Deco.synchronize()) {
            for (int i = 0; i < 100; i++) {
                int n = i;
                sync.add(out, () -> {
                    allInFlight.countDown();
                    Bounded.await(allInFlight, "all 100 calls in flight");
                    return n;
                });
            }
        }
        assertEquals(IntStream.range(0, 100).boxed().toList(), out);
    }

    @Test
    @DisplayName("case 7: t.put(k, f()) leaves t unchanged until the synchronization event, then sets it")
    void case7_storeDeferredUntilEvent() throws InterruptedException {
        Map<String, Integer> t = new HashMap<>();
        CountDownLatch computed = new CountDownLatch(1);
        try (Sync sync = Deco.synchronize()) {
            sync.put(t, "k", () -> {
                computed.countDown();
                return 7;
            });
            Bounded.await(computed, "the task to run");
            assertTrue(t.isEmpty(), "the task ran, but its store waits for the event");
            sync.sync();
            assertEquals(Map.of("k", 7), t);
        }
    }

    @Test
    @DisplayName("later call wins: two stores to one key apply in call order, as serial code does")
    void laterCallWins() {
        Map<String, Integer> t = new HashMap<>();
        CountDownLatch firstCallLast = new CountDownLatch(1);
        try (Sync sync = Deco.synchronize()) {
            sync.put(t, "k", () -> {
                Bounded.await(firstCallLast, "second call");
                return 1;
            });
            sync.put(t, "k", () -> {
                firstCallLast.countDown();
                return 2;
            });
        }
        assertEquals(2, t.get("k"));
    }

    @Test
    @DisplayName("every store form: map, list, collection, object and primitive arrays, then, fork")
    void everyStoreForm() {
        Map<Integer, String> map = new HashMap<>();
        List<String> list = new ArrayList<>(List.of("a", "b"));
        List<String> added = new ArrayList<>();
        String[] strings = new String[2];
        int[] ints = new int[2];
        long[] longs = new long[2];
        double[] doubles = new double[2];
        List<String> printed = new ArrayList<>();
        Pending<String> pending;
        try (Sync sync = Deco.synchronize()) {
            sync.put(map, 1, () -> "one");
            sync.set(list, 1, () -> "B");
            sync.add(added, () -> "x");
            sync.set(strings, 1, () -> "s");
            sync.set(ints, 1, () -> 3);
            sync.set(longs, 0, () -> 1L << 40);
            sync.set(doubles, 1, () -> 0.5);
            sync.then(() -> "printed", printed::add);
            pending = sync.fork(() -> "pending");
            assertEquals(9, sync.pendingCount());
        }
        assertEquals(Map.of(1, "one"), map);
        assertEquals(List.of("a", "B"), list);
        assertEquals(List.of("x"), added);
        assertEquals(Arrays.asList(null, "s"), Arrays.asList(strings));
        assertEquals(3, ints[1]);
        assertEquals(1L << 40, longs[0]);
        assertEquals(0.5, doubles[1]);
        assertEquals(List.of("printed"), printed);
        assertEquals("pending", pending.get());
    }

    @Test
    @DisplayName("stores and deferred calls run on the owner thread")
    void storesRunOnOwner() {
        Thread owner = Thread.currentThread();
        List<Thread> seen = new ArrayList<>();
        AtomicInteger taskOnOwner = new AtomicInteger();
        try (Sync sync = Deco.synchronize()) {
            for (int i = 0; i < 5; i++) {
                sync.then(() -> {
                    if (Thread.currentThread() == owner) {
                        taskOnOwner.incrementAndGet();
                    }
                    return 0;
                }, r -> seen.add(Thread.currentThread()));
            }
        }
        assertEquals(0, taskOnOwner.get(), "tasks run on their own threads");
        assertEquals(5, seen.size());
        seen.forEach(t -> assertSame(owner, t));
    }

    @Test
    @DisplayName("case 10: ConcurrencyLimit of a @Concurrent(parallelism = 2) method: 20 calls, never more than 2 at once, the loop never blocks")
    void case10_parallelismCap() throws InterruptedException {
        ConcurrencyLimit limit = ConcurrencyLimit.forMethod(Capped.class, "work", int.class);
        assertEquals(2, limit.maxConcurrent());
        assertSame(limit, ConcurrencyLimit.forMethod(Capped.class, "work", int.class));
        Capped capped = new Capped();
        List<Integer> out = new ArrayList<>();
        try (Sync sync = Deco.synchronize()) {
            for (int i = 0; i < 20; i++) {
                int n = i;
                sync.add(out, limit.wrap(() -> capped.work(n)));
            }
            // all 20 calls returned while the first two are still held at the gate
            assertEquals(20, sync.pendingCount());
            Bounded.await(capped.twoRunning, "two calls running");
            assertEquals(2, capped.running.get());
            capped.gate.countDown();
        }
        assertEquals(IntStream.range(0, 20).boxed().toList(), out);
        assertEquals(2, capped.maxRunning.get());
    }

    @Test
    @DisplayName("case 12: a @Concurrent method called outside a synchronized scope runs serially and returns its value")
    void case12_serialOutsideSync() throws InterruptedException {
        Capped capped = new Capped();
        capped.gate.countDown();
        assertEquals(5, capped.work(5));
        assertEquals(1, capped.maxRunning.get());
    }

    /** A method with a cap of two, instrumented to count how many calls run at once. */
    static final class Capped {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final CountDownLatch twoRunning = new CountDownLatch(2);
        final CountDownLatch gate = new CountDownLatch(1);

        @Concurrent(parallelism = 2)
        int work(int n) throws InterruptedException {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            twoRunning.countDown();
            Bounded.await(gate, "the gate");
            running.decrementAndGet();
            return n;
        }
    }
}
