package deco.concurrent;

import deco.concurrent.log.RecordLog;
import deco.concurrent.log.Records;
import deco.memory.Codec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Buffer}'s producer: one virtual thread, owned by the buffer, that runs the generator
 * and writes what it emits to the window of recent elements at once and to the queue in batches of
 * up to {@link #BATCH} (one by one for a slow generator), never more than the buffer size beyond
 * the furthest demand. It ends the sequence with an {@code END} record, or a {@code FAILURE}
 * record; if the queue itself fails (a full disk), the failure is known in this JVM at once and
 * the claim released so other JVMs learn it too.
 *
 * @param <T> the element type
 */
final class Producer<T> {

    private static final int BATCH = 64;
    /** A producer slower than this between elements writes each one at once (latency over batching). */
    private static final long SLOW_EMIT_NANOS = 20_000;

    private final Progress progress;
    private final RecordLog log;
    private final Codec<T> codec;
    private final RecentWindow<T> recent;
    private final Demand demand;
    private final ProducerClaim claim;
    private final Thread thread;

    private Producer(Generator<T> generator, Progress progress, RecordLog log, Codec<T> codec,
                     RecentWindow<T> recent, Demand demand, ProducerClaim claim) {
        this.progress = progress;
        this.log = log;
        this.codec = codec;
        this.recent = recent;
        this.demand = demand;
        this.claim = claim;
        this.thread = Thread.ofVirtual().name("deco-buffer-producer").unstarted(() -> produce(generator));
    }

    static <T> Producer<T> start(Generator<T> generator, Progress progress, RecordLog log, Codec<T> codec,
                                 RecentWindow<T> recent, Demand demand, ProducerClaim claim) {
        Producer<T> producer = new Producer<>(generator, progress, log, codec, recent, demand, claim);
        producer.thread.start();
        return producer;
    }

    /** @return whether the calling thread is this producer's (a generator reading its own buffer) */
    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Stops the producer (its next {@code emit} throws {@link CancellationException}) and waits for
     * its thread to end. The buffer has set {@code closed} before.
     *
     * @return whether the calling thread was interrupted while waiting
     */
    boolean stop() {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    private void produce(Generator<T> generator) {
        Batcher batcher = new Batcher();
        try {
            generator.generate(batcher);
            batcher.flush();
            finish(Records.END, batcher.produced, Records.end(batcher.produced));
        } catch (Throwable t) {
            if (progress.closed) {
                return;
            }
            try {
                batcher.flush();
            } catch (Throwable unwritten) { // the queue itself fails (a full disk): t may be this very progress.failure
                if (unwritten != t) {
                    t.addSuppressed(unwritten);
                }
            }
            long written = progress.flushed;
            if (batcher.produced > written) {
                t.addSuppressed(new IllegalStateException("elements " + written + " to " + (batcher.produced - 1)
                        + " were emitted but could not be written to " + log.directory()));
            }
            progress.failure = t;
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            try {
                finish(Records.FAILURE, written, Records.failure(written, t.getClass().getName(), t.getMessage(),
                        trace.toString()));
            } catch (Throwable cannotRecord) {
                t.addSuppressed(cannotRecord);
                progress.length = written; // consumers here learn of the progress.failure at once
                progress.signalAll();
                if (claim != null) {
                    claim.close(); // consumers elsewhere see the producer gone, and fail instead of waiting
                }
            }
        }
    }

    private void finish(byte kind, long produced, byte[] payload) {
        log.append(kind, payload);
        progress.records = progress.records + 1;
        progress.length = produced;
        progress.signalAll();
    }

    /** The producer's {@code emit}: window at once, queue in batches. Confined to the producer thread. */
    private final class Batcher implements java.util.function.Consumer<T> {
        private final byte[][] pending = new byte[BATCH][];
        private int count;
        private int bytes;
        private long first;
        private long produced;
        private long lastEmit = System.nanoTime();

        @Override
        public void accept(T value) {
            Objects.requireNonNull(value, "a generator must not emit null");
            if (progress.closed) { // a producer that never waits (a consumer asked for a far element) still stops
                throw new CancellationException("the Buffer was closed");
            }
            if (produced >= demand.limit()) {
                flush(); // about to wait: consumers elsewhere must see what there is
                awaitDemand(produced);
            }
            byte[] encoded = codec.encode(value);
            if (count == 0) {
                first = produced;
            }
            pending[count++] = encoded;
            bytes += encoded.length;
            recent.put(produced, value);
            produced++;
            long now = System.nanoTime();
            if (count == BATCH || now - lastEmit > SLOW_EMIT_NANOS) {
                flush();
            }
            lastEmit = now;
            progress.appended = produced;
            if (progress.waiters > 0) {
                progress.signalAll();
            }
        }

        void flush() {
            if (count == 0) {
                return;
            }
            // may fail (a full disk): the batch stays pending, intact
            log.append(Records.VALUES, Records.values(first, pending, count, bytes));
            java.util.Arrays.fill(pending, 0, count, null);
            progress.records = progress.records + 1;
            progress.flushed = first + count;
            count = 0;
            bytes = 0;
        }
    }

    /** Waits while the producer is {@code bufferSize} elements beyond the furthest demand. */
    private void awaitDemand(long produced) {
        int spins = 0;
        while (produced >= demand.limit()) {
            if (progress.closed) {
                throw new CancellationException("the Buffer was closed");
            }
            if (spins++ < 128) {
                Thread.onSpinWait();
                continue;
            }
            progress.lock.lock();
            try {
                if (produced >= demand.limit() && !progress.closed) {
                    progress.changed.await(1, TimeUnit.MILLISECONDS); // consumers here signal; others are polled
                }
            } catch (InterruptedException e) {
                throw new CancellationException("the Buffer was closed");
            } finally {
                progress.lock.unlock();
            }
        }
        if (progress.closed) {
            throw new CancellationException("the Buffer was closed");
        }
    }
}
