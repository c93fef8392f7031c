package deco.concurrent;

import deco.core.ConcurrentException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How far one {@link Buffer}'s sequence has come, as this JVM knows it, shared by its producer,
 * its {@code get}s and its iterators: counts written by one thread (the producer, or a consumer
 * under {@link #lock}) and read by all through volatile fields, and the condition consumers wait on.
 */
final class Progress {

    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    /** Elements this JVM can read (the producer's JVM: all produced; elsewhere: all in the queue). */
    volatile long appended;
    /** Elements in the queue. */
    volatile long flushed;
    /** Records in the queue, as far as this JVM knows. */
    volatile long records;
    /** The number of elements once the end (or failure) is known, else -1. */
    volatile long length = -1;
    /** The generator's failure, in the producer's JVM. */
    volatile Throwable failure;
    volatile boolean closed;
    /** Consumers waiting: written under the lock, read by the producer without it. */
    volatile int waiters;

    /** Wakes every consumer of this JVM. */
    void signalAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @throws IllegalStateException if the buffer is closed */
    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Buffer is closed");
        }
    }

    /**
     * Waits until more elements may exist than {@code index}, the end is known, or the buffer
     * closes: a short spin, then a timed wait ({@code pollMillis}: a producer in this JVM signals,
     * one in another JVM is polled).
     *
     * @throws ConcurrentException if interrupted (the interrupt status is restored)
     */
    void awaitMore(long index, long pollMillis) {
        for (int spin = 0; spin < 64; spin++) {
            if (appended > index || length >= 0 || closed) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
        try {
            waiters++;
            try {
                if (appended <= index && length < 0 && !closed) {
                    changed.await(pollMillis, TimeUnit.MILLISECONDS);
                }
            } finally {
                waiters--;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrentException("interrupted while waiting for element " + index, e);
        } finally {
            lock.unlock();
        }
    }
}
