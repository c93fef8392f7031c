package deco.core.weave;

import static deco.core.weave.WovenLoader.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.core.weave.fixtures.Cases;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The deco.core acceptance cases in woven form: {@link Cases} is serial code with the two
 * annotations. Each case runs the class as compiled (serial) and woven (parallel) and compares.
 */
@DisplayName("Weaver: acceptance cases, woven")
class WovenAcceptanceTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");
    private final Cases serial = new Cases();
    private final Object woven = loader.woven(Cases.class);

    @Test
    @DisplayName("the fixture is really woven: a different class from the serial one")
    void wovenIsAnotherClass() {
        assertNotSame(Cases.class, woven.getClass());
        assertEquals(Cases.class.getName(), woven.getClass().getName());
    }

    @Test
    @DisplayName("case 1: forLoop adds addOne(i) for 0..29, subtracts 1 -> [0..29], as serial")
    void case1() throws Throwable {
        assertEquals(IntStream.range(0, 30).boxed().toList(), serial.forLoop());
        assertEquals(serial.forLoop(), call(woven, "forLoop"));
    }

    @Test
    @DisplayName("case 2: a @Concurrent method's list.set(0, \"kwarged\") on its argument is seen after the event")
    void case2() throws Throwable {
        assertEquals("kwarged", serial.argumentMutation());
        assertEquals("kwarged", call(woven, "argumentMutation"));
    }

    @Test
    @DisplayName("case 3: ten calls gathered with out.add(f(i)) run at once and equal serial, in call order")
    void case3() throws Throwable {
        call(woven, "expectPeers", 10);
        assertEquals(serial.gather(), call(woven, "gather"));
    }

    @Test
    @DisplayName("case 4: data.add(f(x)) then data.size() -> 1: an event is inserted before the read")
    void case4() throws Throwable {
        assertEquals(1, serial.sizeAfterAdd());
        assertEquals(1, call(woven, "sizeAfterAdd"));
    }

    @Test
    @DisplayName("case 5: climate model, all 25 cells at once; result[lat][lon] == data[lat+lon]")
    void case5() throws Throwable {
        call(woven, "expectPeers", 25);
        @SuppressWarnings("unchecked")
        List<Map<Integer, Double>> grid = (List<Map<Integer, Double>>) call(woven, "climateModel");
        for (int lat = 0; lat < 5; lat++) {
            for (int lon = 0; lon < 5; lon++) {
                assertEquals(serial.climate(lat + lon), grid.get(lat).get(lon), lat + "," + lon);
            }
        }
        assertEquals(serial.climateModel(), grid);
    }

    @Test
    @DisplayName("case 6: 100 slow calls gathered with out.add(work(i)), all in flight at once -> [0..99]")
    void case6() throws Throwable {
        call(woven, "expectPeers", 100);
        assertEquals(IntStream.range(0, 100).boxed().toList(), call(woven, "hundred"));
    }

    @Test
    @DisplayName("case 7: t.put(k, f()) leaves t unchanged until the synchronization event, then sets it")
    void case7() throws Throwable {
        Map<String, Integer> t = new ConcurrentHashMap<>();
        CountDownLatch computed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        woven.getClass().getMethod("latches", CountDownLatch.class, CountDownLatch.class)
                .invoke(null, computed, release);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread owner = Thread.ofPlatform().start(() -> {
            try {
                call(woven, "deferredPut", t);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        assertTrue(computed.await(20, TimeUnit.SECONDS), "f() ran");
        assertTrue(t.isEmpty(), "f() has run, but its store waits for the event");
        release.countDown();
        owner.join(TimeUnit.SECONDS.toMillis(20));
        assertEquals(null, failure.get());
        assertEquals(Map.of("k", 7), t);
    }

    @Test
    @DisplayName("case 9: a task's exception surfaces from the method, no store is applied, the method works again")
    void case9() throws Throwable {
        Map<Integer, Integer> out = new HashMap<>();
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> call(woven, "failing", out, 3));
        assertEquals("task 3 failed", thrown.getMessage());
        assertTrue(out.isEmpty(), "no store of the failed event");
        call(woven, "failing", out, -1);
        assertEquals(Map.of(0, 0, 1, 1, 2, 2, 3, 3, 4, 4), out);
    }

    @Test
    @DisplayName("case 10: @Concurrent(parallelism = 2), 20 calls: never more than 2 at once, the loop never blocks")
    void case10() throws Throwable {
        call(woven, "expectPeers", 1);
        // two calls met (twoRunning), never a third beside them (twoAtOnce), and the loop went on past them
        assertEquals(IntStream.range(0, 20).boxed().toList(), call(woven, "twentyCapped"));
    }

    @Test
    @DisplayName("case 11: a @Concurrent method that runs its own @Synchronized loop (nesting) -> [11, 12, 13, 14]")
    void case11() throws Throwable {
        assertEquals(List.of(11, 12, 13, 14), serial.nesting());
        assertEquals(List.of(11, 12, 13, 14), call(woven, "nesting"));
    }

    @Test
    @DisplayName("case 12: a @Concurrent method called outside @Synchronized code runs serially on the caller")
    void case12() throws Throwable {
        assertEquals(2, call(woven, "unsynchronized"));
        @SuppressWarnings("unchecked")
        List<Thread> threads = (List<Thread>) woven.getClass().getField("addOneThreads").get(woven);
        assertSame(Thread.currentThread(), threads.get(0));
    }

    @Test
    @DisplayName("case 13: out[i] = square(i) for 0..999 (static, long) equals serial, in order")
    void case13() throws Throwable {
        long[] parallel = (long[]) call(woven, "squares");
        assertEquals(Arrays.toString(serial.squares()), Arrays.toString(parallel));
    }

    @Test
    @DisplayName("reading the target's length in the loop condition does not synchronize: all 8 calls run at once")
    void lengthReadDoesNotSynchronize() throws Throwable {
        call(woven, "expectPeers", 8);
        assertEquals("[0, 1, 4, 9, 16, 25, 36, 49]", Arrays.toString((int[]) call(woven, "squaresByLength")));
    }

    @Test
    @DisplayName("weaving is idempotent: a woven class is not woven again")
    void idempotent() throws Exception {
        byte[] original;
        try (var in = Cases.class.getResourceAsStream("Cases.class")) {
            original = in.readAllBytes();
        }
        Weaver weaver = new Weaver(ClassBytesSource.of(Cases.class.getClassLoader()));
        byte[] once = weaver.weave(original);
        assertTrue(once != null && once.length > 0);
        assertEquals(null, weaver.weave(once));
    }

}
