package deco.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Deco.map: ordered parallel map")
class DecoMapTest {

    @Test
    @DisplayName("case 13: Deco.map(0..999, x -> x * x) equals the serial list, in order")
    void case13_squares() {
        List<Integer> items = IntStream.range(0, 1000).boxed().toList();
        List<Integer> serial = items.stream().map(x -> x * x).toList();
        assertEquals(serial, Deco.map(items, x -> x * x));
        assertEquals(serial, Deco.map(items, 2, x -> x * x));
        assertEquals(serial, Deco.map(items, 5000, x -> x * x));
    }

    @Test
    @DisplayName("order follows the items' iteration order, not completion order")
    void orderIsIterationOrder() {
        LinkedHashSet<String> items = new LinkedHashSet<>(List.of("c", "a", "b"));
        CountDownLatch lastDone = new CountDownLatch(1);
        List<String> out = Deco.map(items, s -> {
            if (s.equals("c")) {
                await(lastDone);
            } else if (s.equals("b")) {
                lastDone.countDown();
            }
            return s.toUpperCase();
        });
        assertEquals(List.of("C", "A", "B"), out);
    }

    @Test
    @DisplayName("the result is unmodifiable, keeps nulls, and an empty input gives an empty list")
    void resultShape() {
        List<String> out = Deco.map(Arrays.asList("a", null), s -> s == null ? null : s + "!");
        assertEquals(Arrays.asList("a!", null), out);
        assertThrows(UnsupportedOperationException.class, () -> out.add("x"));
        assertEquals(List.of(), Deco.map(List.<Integer>of(), x -> x));
    }

    @Test
    @DisplayName("parallelism caps the calls at once")
    void parallelismCap() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        List<Integer> out = Deco.map(IntStream.range(0, 200).boxed().toList(), 3, x -> {
            max.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.yield();
            running.decrementAndGet();
            return x;
        });
        assertEquals(200, out.size());
        assertTrue(max.get() <= 3, "max in flight " + max.get());
    }

    @Test
    @DisplayName("no cap: every call is in flight at once")
    void noCapRunsAllAtOnce() {
        CountDownLatch all = new CountDownLatch(50);
        List<Integer> out = Deco.map(IntStream.range(0, 50).boxed().toList(), x -> {
            all.countDown();
            await(all);
            return x;
        });
        assertEquals(IntStream.range(0, 50).boxed().toList(), out);
    }

    @Test
    @DisplayName("a failure fails fast: later items are cancelled, earlier ones finish, the failure is thrown as it is, "
            + "no partial list")
    void failFast() {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean earlierFinished = new AtomicBoolean();
        CountDownLatch blockerStarted = new CountDownLatch(1);
        CountDownLatch failing = new CountDownLatch(1);
        IllegalArgumentException boom = new IllegalArgumentException("item 1");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> Deco.map(List.of(0, 1, 2), x -> {
                    switch (x) {
                        case 0 -> {
                            await(failing); // an earlier item may fail too: it is waited for
                            earlierFinished.set(true);
                        }
                        case 1 -> {
                            await(blockerStarted);
                            failing.countDown();
                            throw boom;
                        }
                        default -> {
                            blockerStarted.countDown();
                            try {
                                new CountDownLatch(1).await(Bounded.SECONDS, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                cancelled.set(true);
                            }
                        }
                    }
                    return x;
                }));
        assertSame(boom, thrown);
        assertTrue(cancelled.get(), "the later, slow call was cancelled");
        assertTrue(earlierFinished.get(), "the earlier call finished");
    }

    @Test
    @DisplayName("two items fail: the first in item order is thrown even when the later one failed first")
    void firstFailureInItemOrderNotInTime() {
        CountDownLatch laterFailed = new CountDownLatch(1);
        IllegalStateException early = new IllegalStateException("item 0");
        IllegalStateException late = new IllegalStateException("item 1");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Deco.map(List.of(0, 1), x -> {
                    if (x == 1) {
                        laterFailed.countDown();
                        throw late;
                    }
                    await(laterFailed);
                    throw early;
                }));
        assertSame(early, thrown);
    }

    @Test
    @DisplayName("a failure with a cap: the first failing item in order is thrown, others suppressed")
    void failureWithCap() {
        UncheckedIOException thrown = assertThrows(UncheckedIOException.class,
                () -> Deco.map(List.of(1, 2, 3), 1, x -> {
                    throw new UncheckedIOException(new IOException("item " + x));
                }));
        assertEquals("item 1", thrown.getCause().getMessage(), "with one worker, item 1 fails first");
    }

    @Test
    @DisplayName("bad arguments are refused before anything runs")
    void badArguments() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(NullPointerException.class, () -> Deco.map(null, x -> x));
        NullPointerException fn = assertThrows(NullPointerException.class, () -> Deco.map(List.of(1), null));
        assertTrue(fn.getMessage().contains("fn"));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Deco.map(List.of(1), -1, x -> calls.incrementAndGet()));
        assertTrue(negative.getMessage().contains("parallelism"), negative.getMessage());
        assertEquals(0, calls.get());
    }

    @Test
    @DisplayName("interrupt of the caller: calls cancelled, interrupt status kept, ConcurrentException thrown")
    void interrupted() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean statusKept = new AtomicBoolean();
        List<Boolean> cancelled = new ArrayList<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                Deco.map(List.of(1), x -> {
                    started.countDown();
                    try {
                        new CountDownLatch(1).await(Bounded.SECONDS, TimeUnit.SECONDS);
                        return false;
                    } catch (InterruptedException e) {
                        return true;
                    }
                });
            } catch (Throwable t) {
                thrown.set(t);
                statusKept.set(Thread.interrupted());
            }
        });
        Bounded.await(started, "the call to start");
        caller.interrupt();
        Bounded.join(caller);
        ConcurrentException failure = assertInstanceOf(ConcurrentException.class, thrown.get());
        assertInstanceOf(InterruptedException.class, failure.getCause());
        assertTrue(statusKept.get());
        assertTrue(cancelled.isEmpty());
    }

    private static void await(CountDownLatch latch) {
        try {
            Bounded.await(latch, "peer calls");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
