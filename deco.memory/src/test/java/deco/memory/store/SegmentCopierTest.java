package deco.memory.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The segment copies of a split: each once, on the splitting thread and the shared helper. */
@DisplayName("SegmentCopier: every segment copied once; a failure surfaces after every claimed copy finished")
class SegmentCopierTest {

    @Test
    @DisplayName("each of 1,000 segments is copied exactly once, some of them by the helper thread")
    void eachSegmentOnce() {
        AtomicIntegerArray copies = new AtomicIntegerArray(1_000);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch helperCopying = new CountDownLatch(1);
        CountDownLatch callerCopying = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        SegmentCopier.copyAll(1_000, segment -> {
            copies.incrementAndGet(segment);
            threads.add(Thread.currentThread());
            if (Thread.currentThread() == caller) { // each waits in its first segment for the other's
                callerCopying.countDown();
                awaitQuietly(helperCopying);
            } else {
                helperCopying.countDown();
                awaitQuietly(callerCopying);
            }
        });
        for (int segment = 0; segment < 1_000; segment++) {
            assertEquals(1, copies.get(segment), "segment " + segment);
        }
        assertEquals(2, threads.size(), "the caller and the helper: " + threads);
    }

    @Test
    @DisplayName("a failing segment's exception is thrown only after every other claimed segment finished")
    void failureAfterEveryClaimedCopy() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        IllegalStateException broken = new IllegalStateException("segment 7 is damaged");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> SegmentCopier.copyAll(64,
                segment -> {
                    started.incrementAndGet();
                    if (segment == 7) {
                        throw broken;
                    }
                    finished.incrementAndGet();
                }));
        assertSame(broken, thrown);
        assertEquals(64, started.get(), "the other segments are still copied");
        assertEquals(63, finished.get(), "no copy is still running when copyAll returns");
    }

    @Test
    @DisplayName("an interrupted splitter still waits for the helper's copy, and keeps its interrupt status")
    void interruptedSplitterWaits() {
        CountDownLatch helperCopying = new CountDownLatch(1);
        CountDownLatch releaseHelper = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        Thread caller = Thread.currentThread();
        try {
            SegmentCopier.copyAll(2, segment -> {
                if (Thread.currentThread() == caller) {
                    awaitQuietly(helperCopying); // the helper holds the other segment
                    caller.interrupt();
                    Thread.ofPlatform().start(() -> releaseHelper.countDown()); // lets the helper finish
                } else {
                    helperCopying.countDown();
                    awaitQuietly(releaseHelper);
                }
                finished.incrementAndGet();
            });
            assertEquals(2, finished.get(), "returned only after the helper's segment");
            assertTrue(Thread.currentThread().isInterrupted(), "interrupt status kept");
        } finally {
            Thread.interrupted();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    if (!latch.await(30, TimeUnit.SECONDS)) {
                        throw new AssertionError("the other thread never came");
                    }
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
