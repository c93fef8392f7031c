package deco.memory.store;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs the segment copies of a split on the splitting thread and on one helper thread shared by
 * every collection in the JVM (decision 027): both claim the next segment from one counter, so
 * the helper only ever speeds a split up — if it is busy with another split, the splitting thread
 * copies every segment itself. The helper is a daemon platform thread, so Chronicle Map's
 * per-thread contexts are made once, not per split.
 *
 * <p>Thread-safe. {@link #copyAll} returns only when every claimed segment is copied, so the
 * caller may discard the children when it fails; it waits uninterruptibly (a segment's copy takes
 * milliseconds) and keeps the interrupt status.
 */
final class SegmentCopier {

    private static final Executor HELPER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "deco-split-helper");
        thread.setDaemon(true);
        return thread;
    });

    private final int segments;
    private final IntConsumer copySegment;
    private final AtomicInteger next = new AtomicInteger();
    private int finished; // guarded by this
    private Throwable failure; // guarded by this

    private SegmentCopier(int segments, IntConsumer copySegment) {
        this.segments = segments;
        this.copySegment = copySegment;
    }

    /**
     * Calls {@code copySegment} once for every segment in {@code [0, segments)}, some on the helper
     * thread.
     *
     * @throws RuntimeException the first failure of a segment's copy, after every other claimed
     *                          segment finished
     */
    static void copyAll(int segments, IntConsumer copySegment) {
        SegmentCopier copier = new SegmentCopier(segments, copySegment);
        if (segments > 1) {
            HELPER.execute(copier::claimUntilDone);
        }
        copier.claimUntilDone();
        copier.awaitFinished();
    }

    private void claimUntilDone() {
        for (int segment = next.getAndIncrement(); segment < segments; segment = next.getAndIncrement()) {
            Throwable failed = null;
            try {
                copySegment.accept(segment);
            } catch (Throwable t) {
                failed = t;
            }
            synchronized (this) {
                if (failure == null) {
                    failure = failed;
                }
                finished++;
                if (finished == segments) {
                    notifyAll();
                }
            }
        }
    }

    private synchronized void awaitFinished() {
        boolean interrupted = false;
        while (finished < segments) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        switch (failure) {
            case null -> { }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(failure);
        }
    }
}
