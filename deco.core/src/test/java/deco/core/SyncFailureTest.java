package deco.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sync: failures, timeouts, interrupts and bad input")
class SyncFailureTest {

    /** A task that blocks until cancelled (bounded), and records that it was interrupted. */
    static Integer blockUntilCancelled(CountDownLatch started, AtomicBoolean interrupted) {
        started.countDown();
        try {
            new CountDownLatch(1).await(Bounded.SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted.set(true);
        }
        return -1;
    }

    @Test
    @DisplayName("case 9: a task's exception surfaces at the event, later tasks are cancelled, earlier ones finish, "
            + "no store applied, Sync reusable")
    void case9_failureCancelsLaterTasksAndAppliesNothing() throws InterruptedException {
        Map<Integer, Integer> target = new HashMap<>();
        CountDownLatch blockerStarted = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicBoolean earlierFinished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        IllegalStateException boom = new IllegalStateException("boom");
        try (Sync sync = Deco.synchronize()) {
            sync.put(target, 0, () -> {
                // called before the failing task: it may fail too, so the event waits for it
                Bounded.await(failed, "the failing task");
                earlierFinished.set(true);
                return 0;
            });
            sync.put(target, 1, () -> {
                Bounded.await(blockerStarted, "the blocker");
                failed.countDown();
                throw boom;
            });
            sync.put(target, 2, () -> blockUntilCancelled(blockerStarted, interrupted));
            IllegalStateException thrown = assertThrows(IllegalStateException.class, sync::sync);
            assertSame(boom, thrown, "unchecked exceptions surface as they are");
            assertTrue(interrupted.get(), "the task called after the failing one was cancelled");
            assertTrue(earlierFinished.get(), "the task called before the failing one finished");
            assertTrue(target.isEmpty(), "no store of the failed event, not even the one that succeeded");
            assertEquals(0, sync.pendingCount());

            sync.put(target, 3, () -> 3);
            sync.sync();
            assertEquals(Map.of(3, 3), target, "the Sync works after a failed event");
        }
    }

    @Test
    @DisplayName("two tasks fail: the first in call order is thrown even when the later one failed first")
    void firstFailureInCallOrderNotInTime() {
        CountDownLatch laterFailed = new CountDownLatch(1);
        IllegalStateException early = new IllegalStateException("call 0");
        IllegalArgumentException late = new IllegalArgumentException("call 1"); // cancelled or suppressed
        Sync sync = Deco.synchronize();
        sync.fork(() -> {
            Bounded.await(laterFailed, "the later call's failure");
            throw early;
        });
        sync.fork(() -> {
            laterFailed.countDown();
            throw late;
        });
        IllegalStateException thrown = assertThrows(IllegalStateException.class, sync::close);
        assertSame(early, thrown);
    }

    @Test
    @DisplayName("a checked exception is wrapped in ConcurrentException with the task's exception as cause")
    void checkedExceptionWrapped() {
        IOException io = new IOException("disk");
        Sync sync = Deco.synchronize();
        sync.fork(() -> {
            throw io;
        });
        ConcurrentException thrown = assertThrows(ConcurrentException.class, sync::close);
        assertSame(io, thrown.getCause());
        assertTrue(sync.isClosed(), "close() closes even when its event fails");
    }

    @Test
    @DisplayName("an Error from a task surfaces as it is")
    void errorsSurfaceAsTheyAre() {
        AssertionError error = new AssertionError("bad");
        try (Sync sync = Deco.synchronize()) {
            sync.fork(() -> {
                throw error;
            });
            assertSame(error, assertThrows(AssertionError.class, sync::sync));
        }
    }

    @Test
    @DisplayName("Pending of a failed event tells why; before the event it says it is not ready")
    void pendingAfterFailure() {
        try (Sync sync = Deco.synchronize()) {
            Pending<Integer> failing = sync.fork(() -> {
                throw new IOException("nope");
            });
            IllegalStateException early = assertThrows(IllegalStateException.class, failing::get);
            assertTrue(early.getMessage().contains("next synchronization event"), early.getMessage());
            assertFalse(failing.isDone());
            assertThrows(ConcurrentException.class, sync::sync);
            assertTrue(failing.isDone());
            ConcurrentException why = assertThrows(ConcurrentException.class, failing::get);
            assertInstanceOf(IOException.class, why.getCause());
        }
    }

    @Test
    @DisplayName("timeout: the event cancels its tasks, applies no store and names the timeout; the Sync stays usable")
    void timeoutCancels() throws InterruptedException {
        List<Integer> out = new ArrayList<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        try (Sync sync = Deco.synchronize(Duration.ofMillis(50))) {
            sync.add(out, () -> 1);
            sync.add(out, () -> blockUntilCancelled(started, interrupted));
            SyncTimeoutException timeout = assertThrows(SyncTimeoutException.class, sync::sync);
            assertEquals(Duration.ofMillis(50), timeout.timeout());
            assertTrue(timeout.getMessage().contains("PT0.05S"), timeout.getMessage());
            assertTrue(interrupted.get(), "the slow task was cancelled");
            assertTrue(out.isEmpty(), "no store of the timed-out event");

            sync.add(out, () -> 2);
            sync.sync();
            assertEquals(List.of(2), out);
        }
    }

    @Test
    @DisplayName("interrupt of the owner while it waits: tasks cancelled, interrupt status kept, nothing stored")
    void ownerInterrupted() throws InterruptedException {
        List<Integer> out = new ArrayList<>();
        AtomicBoolean taskInterrupted = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean statusKept = new AtomicBoolean();
        Thread owner = Thread.ofPlatform().name("owner").start(() -> {
            try (Sync sync = Deco.synchronize()) {
                sync.add(out, () -> blockUntilCancelled(started, taskInterrupted));
                try {
                    sync.sync();
                } catch (Throwable t) {
                    thrown.set(t);
                    statusKept.set(Thread.interrupted());
                }
            }
        });
        Bounded.await(started, "the task to start");
        owner.interrupt();
        Bounded.join(owner);
        ConcurrentException failure = assertInstanceOf(ConcurrentException.class, thrown.get());
        assertInstanceOf(InterruptedException.class, failure.getCause());
        assertTrue(statusKept.get(), "interrupt status kept");
        assertTrue(taskInterrupted.get(), "task cancelled");
        assertTrue(out.isEmpty());
    }

    @Test
    @DisplayName("index out of range surfaces at the event and names the index; earlier stores stay, later ones are not made (serial meaning)")
    void indexOutOfRange() {
        List<String> list = new ArrayList<>(List.of("a", "b", "c"));
        int[] array = new int[2];
        try (Sync sync = Deco.synchronize()) {
            sync.set(list, 0, () -> "A");
            sync.set(list, 5, () -> "F");
            sync.set(list, 1, () -> "B");
            IndexOutOfBoundsException thrown = assertThrows(IndexOutOfBoundsException.class, sync::sync);
            assertTrue(thrown.getMessage().contains("5"), thrown.getMessage());
            assertEquals(List.of("A", "b", "c"), list);

            sync.set(array, 7, () -> 1);
            Pending<Integer> after = sync.fork(() -> 2);
            ArrayIndexOutOfBoundsException arrayThrown =
                    assertThrows(ArrayIndexOutOfBoundsException.class, sync::sync);
            assertTrue(arrayThrown.getMessage().contains("7"), arrayThrown.getMessage());
            assertThrows(CancellationException.class, after::get);
        }
    }

    @Test
    @DisplayName("null target, task or action: NullPointerException naming the argument, nothing started")
    void nullArguments() {
        try (Sync sync = Deco.synchronize()) {
            NullPointerException target = assertThrows(NullPointerException.class,
                    () -> sync.put((Map<String, String>) null, "k", () -> "v"));
            assertTrue(target.getMessage().contains("target"), target.getMessage());
            assertThrows(NullPointerException.class, () -> sync.set((List<String>) null, 0, () -> "v"));
            assertThrows(NullPointerException.class, () -> sync.set((int[]) null, 0, () -> 1));
            assertThrows(NullPointerException.class, () -> sync.set((long[]) null, 0, () -> 1L));
            assertThrows(NullPointerException.class, () -> sync.set((double[]) null, 0, () -> 1.0));
            assertThrows(NullPointerException.class, () -> sync.set((String[]) null, 0, () -> "v"));
            assertThrows(NullPointerException.class, () -> sync.add(null, () -> "v"));
            NullPointerException task = assertThrows(NullPointerException.class,
                    () -> sync.add(new ArrayList<String>(), null));
            assertTrue(task.getMessage().contains("task"), task.getMessage());
            assertThrows(NullPointerException.class, () -> sync.fork(null));
            NullPointerException action = assertThrows(NullPointerException.class, () -> sync.then(() -> 1, null));
            assertTrue(action.getMessage().contains("action"), action.getMessage());
            assertEquals(0, sync.pendingCount(), "nothing was started");
        }
        assertThrows(NullPointerException.class, () -> Deco.synchronize(null));
        assertThrows(IllegalArgumentException.class, () -> Deco.synchronize(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Deco.synchronize(Duration.ofSeconds(-1)));
    }

    @Test
    @DisplayName("a null result into a primitive array fails at the event with NullPointerException")
    void nullIntoPrimitiveArray() {
        int[] array = new int[1];
        try (Sync sync = Deco.synchronize()) {
            sync.set(array, 0, () -> null);
            assertThrows(NullPointerException.class, sync::sync);
        }
        assertEquals(0, array[0]);
    }

    @Test
    @DisplayName("a closed Sync refuses new tasks and events with a clear message; close is idempotent")
    void usedAfterClose() {
        List<Integer> out = new ArrayList<>();
        Sync sync = Deco.synchronize();
        sync.add(out, () -> 1);
        sync.close();
        sync.close();
        assertEquals(List.of(1), out);
        IllegalStateException add = assertThrows(IllegalStateException.class, () -> sync.add(out, () -> 2));
        assertTrue(add.getMessage().contains("closed"), add.getMessage());
        assertThrows(IllegalStateException.class, sync::sync);
        assertEquals(List.of(1), out);
    }

    @Test
    @DisplayName("a Sync used from another thread throws WrongThreadException and changes nothing")
    void wrongThread() throws InterruptedException {
        List<Integer> out = new ArrayList<>();
        try (Sync sync = Deco.synchronize()) {
            sync.add(out, () -> 1);
            AtomicReference<Throwable> add = new AtomicReference<>();
            AtomicReference<Throwable> syncCall = new AtomicReference<>();
            AtomicReference<Throwable> close = new AtomicReference<>();
            Thread other = Thread.ofPlatform().name("intruder").start(() -> {
                add.set(catching(() -> sync.add(out, () -> 2)));
                syncCall.set(catching(sync::sync));
                close.set(catching(sync::close));
            });
            Bounded.join(other);
            WrongThreadException wrong = assertInstanceOf(WrongThreadException.class, add.get());
            assertTrue(wrong.getMessage().contains("intruder"), wrong.getMessage());
            assertInstanceOf(WrongThreadException.class, syncCall.get());
            assertInstanceOf(WrongThreadException.class, close.get());
            assertEquals(1, sync.pendingCount());
            assertFalse(sync.isClosed());
        }
        assertEquals(List.of(1), out);
    }

    @Test
    @DisplayName("Syncs on one thread nest like try blocks: the outer one cannot synchronize over the inner one's tasks")
    void sameThreadNestingOrder() {
        List<Integer> outer = new ArrayList<>();
        List<Integer> inner = new ArrayList<>();
        try (Sync a = Deco.synchronize()) {
            a.add(outer, () -> 1);
            try (Sync b = Deco.synchronize()) {
                b.add(inner, () -> 2);
                IllegalStateException wrongOrder = assertThrows(IllegalStateException.class, a::sync);
                assertTrue(wrongOrder.getMessage().contains("first"), wrongOrder.getMessage());
                assertEquals(1, a.pendingCount(), "nothing changed");
                assertThrows(IllegalStateException.class, a::close);
                assertFalse(a.isClosed());
            }
            assertEquals(List.of(2), inner);
            a.sync();
            assertEquals(List.of(1), outer);
        }
    }

    private static Throwable catching(Runnable action) {
        try {
            action.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
