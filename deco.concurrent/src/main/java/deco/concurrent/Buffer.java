package deco.concurrent;

import deco.concurrent.log.RecordLog;
import deco.concurrent.log.Records;
import deco.memory.Codec;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import deco.core.ConcurrentException;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A generator run ahead of its consumers on its own thread, its sequence kept in a Chronicle
 * Queue: PySpeedup's {@code Buffer}, indexable and iterable, even across JVMs.
 *
 * {@snippet :
 * try (Buffer<Long> squares = Buffer.of(emit -> { for (long i = 0; ; i++) emit.accept(i * i); })) {
 *     squares.get(10);          // 100, waits until the producer got there
 *     squares.contains(49L);    // true; stops searching once values exceed 49
 *     for (long s : squares) { ... }  // replays from the start, runs ahead as you read
 * }
 * }
 *
 * <p>The producer runs at most {@code bufferSize} elements beyond the furthest element any
 * consumer asked for, then waits; produced elements go to the queue on disk, so a slow consumer
 * never makes the producer hold more than that in heap. The sequence is cached: {@code get(i)}
 * returns the same value every time, and every iterator replays it from element 0. A generator
 * may read its own buffer for elements it already produced (a sieve reading earlier primes).
 *
 * <p>Across JVMs: the producer's JVM builds a buffer on a {@linkplain Builder#queue(Path) queue
 * directory}; other JVMs {@link #attach(Path, Class)} to it and read, iterate and search the same
 * sequence, including its end and a failure of its generator.
 *
 * <p>Thread-safety: every method may be called from any thread; iterators are confined to one
 * thread each. {@link #get} and iteration block until the element exists. Memory-consistency
 * effects: the generator's actions before it emits an element happen-before the return of a
 * {@code get} of that element in the same JVM.
 *
 * <p>A producing buffer claims its queue directory (an exclusive file lock, held until it closes):
 * a second producer on the directory gets an {@link IllegalStateException}. A consumer attached
 * from another JVM that waits checks every 200 ms that the producer still holds the claim; if it
 * does not and the queue has no end record, the consumer gets a {@link GeneratorException} once it
 * has read what was written, instead of waiting forever.
 *
 * <h2>General exceptions</h2>
 * An interrupted wait restores the thread's interrupt status and throws
 * {@link deco.core.ConcurrentException} caused by the {@link InterruptedException}. A failure of the generator reaches consumers as a {@link GeneratorException} whose cause is the generator's exception (of another JVM: a {@link GeneratorException.RemoteFailure}). A method
 * called after {@link #close()} throws {@link IllegalStateException}. The same rule holds for
 * {@code Sync}, {@code Deco.map}, {@code Buffer} and {@code Cache} (docs/decisions/012-one-failure-vocabulary.md).
 *
 * @param <T> the element type
 */
public final class Buffer<T> implements Iterable<T>, AutoCloseable {


    /** One element kept in the window; immutable, so it is published safely through the array. */

    /** A decoded batch record. */
    record Batch(long first, Object[] values) {
        boolean holds(long index) {
            return index >= first && index < first + values.length;
        }
    }

    final RecordLog log;
    private final Codec<T> codec;
    final int bufferSize;
    private final HaltCondition haltCondition;
    private final Demand demand;
    final Progress progress = new Progress();
    private final RecordLog.Reader randomReader;   // guarded by progress.lock
    private final RecordLog.Reader frontier;       // guarded by progress.lock
    /** How often an attached consumer that waits checks that the producer lives: 200 ms. */
    static final long LIVENESS_NANOS = 200_000_000L;
    private final Producer<T> producer;            // null when attached
    private final QueueDirectory queue;
    /** When an attached consumer last checked that the producer lives (guarded by lock). */
    private long livenessCheckedAt = System.nanoTime();
    final RecentWindow<T> recent = new RecentWindow<>();

    private Batch lastBatch;      // guarded by progress.lock: the batch get() decoded last

    private Buffer(RecordLog log, Codec<T> codec, int bufferSize, HaltCondition haltCondition,
                   Demand demand, QueueDirectory queue, Generator<T> generator) {
        this.queue = queue;
        this.log = log;
        this.codec = codec;
        this.bufferSize = bufferSize;
        this.haltCondition = haltCondition;
        this.demand = demand;
        this.randomReader = log.reader();
        this.frontier = log.reader();
        this.producer = generator == null ? null
                : Producer.start(generator, progress, log, codec, recent, demand, queue.claim());
    }

    /**
     * A buffer of {@code generator} with the defaults: buffer size 16, halting condition
     * {@link HaltCondition#uniformlyNonDecreasing()}, elements of any built-in or
     * {@code Serializable} type, a temporary queue deleted on close.
     *
     * @param generator the sequence
     * @param <T>       the element type
     * @return the running buffer
     * @throws deco.memory.JvmSetupException if the JVM lacks a flag or jar Chronicle Queue needs
     */
    public static <T> Buffer<T> of(Generator<T> generator) {
        return builder(generator).build();
    }

    /**
     * A builder for a buffer of {@code generator}, to set its options.
     *
     * @param generator the sequence
     * @param <T>       the element type
     * @return a builder for the other options
     */
    public static <T> Builder<T> builder(Generator<T> generator) {
        return new Builder<>(generator);
    }

    /**
     * Reads a sequence that a buffer in another JVM produces (or produced) into {@code directory}.
     *
     * @param directory   the producer's queue directory
     * @param elementType the element class, as the producer's
     * @param <T>         the element type
     * @return a buffer that reads, iterates and searches; it produces nothing itself
     * @throws IllegalArgumentException if the directory holds another element type
     * @throws IllegalStateException    if the directory holds no deco buffer
     * @throws deco.memory.JvmSetupException if the JVM lacks a flag or jar Chronicle Queue needs
     */
    public static <T> Buffer<T> attach(Path directory, Class<T> elementType) {
        return attach(directory, Codec.forType(elementType), HaltCondition.uniformlyNonDecreasing());
    }

    /**
     * As {@link #attach(Path, Class)}, with the producer's codec and a halting condition.
     *
     * @param directory     the producer's queue directory
     * @param codec         the producer's element codec
     * @param haltCondition when {@link #contains} stops
     * @param <T>           the element type
     * @return the reading buffer
     */
    public static <T> Buffer<T> attach(Path directory, Codec<T> codec, HaltCondition haltCondition) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(haltCondition, "haltCondition");
        QueueDirectory queue = QueueDirectory.forConsumer(directory, codec);
        return new Buffer<>(RecordLog.open(directory), codec, 1, haltCondition,
                Demand.open(directory, 1), queue, null);
    }

    // ------------------------------------------------------------------ consumers

    /**
     * The element at {@code index}, waiting until the producer has made it.
     *
     * @param index the position, from 0
     * @return the element
     * @throws IndexOutOfBoundsException if {@code index} is negative or past the end of a finite
     *                                   sequence
     * @throws GeneratorException        if the generator failed before making the element
     * @throws IllegalStateException     if the buffer is closed, before or while waiting
     */
    public T get(long index) {
        if (index < 0 || index == Long.MAX_VALUE) {
            throw new IndexOutOfBoundsException("Index " + index + (index < 0 ? " is negative"
                    : " is past the largest index a sequence can have (Long.MAX_VALUE - 1)"));
        }
        if (producer != null && producer.isCurrentThread() && index >= progress.appended) {
            throw new IllegalStateException("the generator asked for element " + index
                    + ", which it has not produced yet (it has produced " + progress.appended + ")");
        }
        raiseDemand(index + 1);
        while (true) {
            checkOpen();
            T hit = recent.at(index);
            if (hit != null) {
                return hit;
            }
            progress.lock.lock();
            try {
                checkOpen();
                if (index >= progress.flushed) {
                    catchUp();
                }
                if (index < progress.flushed) {
                    Batch batch = lastBatch != null && lastBatch.holds(index) ? lastBatch : locate(index);
                    lastBatch = batch;
                    @SuppressWarnings("unchecked")
                    T value = (T) batch.values()[(int) (index - batch.first())];
                    recent.put(index, value);
                    return value;
                }
                long known = progress.length;
                if (known >= 0 && index >= known) {
                    throw terminal(index);
                }
                if (producerGone()) {
                    catchUp(); // what it wrote just before it went
                    if (index >= progress.flushed && progress.length < 0) {
                        throw producerStopped(index);
                    }
                    continue;
                }
            } finally {
                progress.lock.unlock();
            }
            awaitMore(index);
        }
    }

    /**
     * Searches the sequence from its start for {@code item}, stopping at the first value for which
     * the halting condition says the item cannot come later, or at the end of the sequence.
     * Produces elements as needed.
     *
     * <p>A sequence holds no {@code null} (a generator cannot emit one), so {@code contains(null)}
     * is {@code false} at once.
     *
     * @param item the value to look for
     * @return whether the sequence holds it
     * @throws GeneratorException       if the generator failed before the search ended
     * @throws IllegalStateException    if the buffer is closed
     * @throws IllegalArgumentException if the halting condition cannot compare the item with a value
     *                                  it reached (the default: a {@code String} sought in a
     *                                  sequence of numbers), instead of searching forever
     */
    public boolean contains(Object item) {
        if (item == null) {
            checkOpen();
            return false;
        }
        for (T value : this) {
            if (Objects.equals(value, item)) {
                return true;
            }
            if (haltCondition.halt(item, value)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Iterates the sequence from element 0; {@code next} waits for the producer. Each iterator has
     * its own position; several may run at once.
     *
     * @return a new iterator, confined to the calling thread
     */
    @Override
    public Iterator<T> iterator() {
        checkOpen();
        return new BufferCursor<>(this);
    }

    /**
     * {@return a sequential, ordered stream of the sequence from element 0 (infinite for an
     * infinite generator: limit it)}
     */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** {@return the queue directory holding the sequence} */
    public Path directory() {
        return log.directory();
    }

    /**
     * Stops the producer (its next {@code emit} throws {@link CancellationException}) and waits for
     * its thread to end, fails consumers blocked in {@code get} or {@code next} with
     * {@link IllegalStateException}, and closes the queue (a temporary one is deleted). Idempotent.
     */
    @Override
    public void close() {
        if (progress.closed) {
            return;
        }
        progress.closed = true;
        if (producer != null && producer.stop()) {
            Thread.currentThread().interrupt();
        }
        signalAll();
        progress.lock.lock();
        try {
            randomReader.close();
            frontier.close();
            demand.close();
            log.close();
        } finally {
            progress.lock.unlock();
            queue.release();
        }
    }

    @Override
    public String toString() {
        return "Buffer[" + log.directory() + (progress.closed ? ", closed" : ", " + progress.appended + " produced") + "]";
    }

    // ------------------------------------------------------------------ reading records

    Batch batchOf(RecordLog.Record record) {
        byte[][] items = Records.elements(record.payload());
        Object[] values = new Object[items.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = codec.decode(items[i]);
        }
        return new Batch(Records.first(record.payload()), values);
    }

    /** The batch holding {@code index} (which is in the queue): binary search over records. Holds the lock. */
    private Batch locate(long index) {
        long low = 0;
        long high = progress.records - 1;
        while (low < high) {
            long middle = (low + high + 1) >>> 1;
            RecordLog.Record probe = randomReader.read(middle);
            if (probe == null || probe.kind() != Records.VALUES || Records.first(probe.payload()) > index) {
                high = middle - 1;
            } else {
                low = middle;
            }
        }
        RecordLog.Record record = randomReader.read(low);
        if (record == null || record.kind() != Records.VALUES) {
            throw new IllegalStateException("element " + index + " of " + log.directory() + " cannot be read");
        }
        return batchOf(record);
    }

    /** The exception for an index at or past the end: the sequence's end, or its generator's failure. */
    private RuntimeException terminal(long index) {
        Throwable local = progress.failure;
        if (local != null) {
            return new GeneratorException(progress.length, local);
        }
        RecordLog.Record last = randomReader.read(progress.records - 1);
        if (last != null && last.kind() == Records.FAILURE) {
            return new GeneratorException(progress.length, remoteFailure(last));
        }
        return past(index, progress.length);
    }

    static GeneratorException.RemoteFailure remoteFailure(RecordLog.Record record) {
        String[] parts = Records.failureText(record.payload());
        return new GeneratorException.RemoteFailure(parts[0], parts[1], parts[2]);
    }

    private static IndexOutOfBoundsException past(long index, long length) {
        return new IndexOutOfBoundsException("Index " + index + " is past the end of the sequence (length "
                + length + ")");
    }

    /** Learns how far a producer in another JVM has written; holds the lock. */
    private void catchUp() {
        if (producer != null) {
            return; // this JVM's producer keeps the counts itself
        }
        RecordLog.Record record;
        while (progress.length < 0 && (record = frontier.next()) != null) {
            long first = Records.first(record.payload());
            if (record.kind() == Records.VALUES) {
                progress.flushed = first + Records.count(record.payload());
            } else {
                progress.length = first;
            }
            progress.records = frontier.position();
            progress.appended = progress.flushed;
        }
    }

    void raiseDemand(long wanted) {
        if (demand.raise(wanted) && producer != null) {
            signalAll();
        }
    }

    GeneratorException producerStopped(long index) {
        return new GeneratorException(index, new IllegalStateException("the producer of " + log.directory()
                + " stopped before element " + index + " without an end record: its JVM died, or it was closed"
                + " before its generator finished"));
    }

    /**
     * For a consumer attached from another JVM, every {@link #LIVENESS_NANOS} of waiting: whether the
     * producer no longer holds its claim on the directory. Under the lock.
     */
    private boolean producerGone() {
        if (producer != null || System.nanoTime() - livenessCheckedAt < LIVENESS_NANOS) {
            return false;
        }
        livenessCheckedAt = System.nanoTime();
        return !ProducerClaim.producerAlive(log.directory());
    }

    void awaitMore(long index) {
        progress.awaitMore(index, producer != null ? 50 : 1);
    }

    private void signalAll() {
        progress.signalAll();
    }

    /**
     * For a consumer attached from another JVM that is about to wait again: learns how far the
     * producer has written, and whether it is gone.
     *
     * @return whether the producer no longer holds its claim (checked every {@link #LIVENESS_NANOS})
     */
    boolean refreshAttached() {
        progress.lock.lock();
        try {
            checkOpen();
            catchUp();
            return producerGone();
        } finally {
            progress.lock.unlock();
        }
    }

    /** @return whether this buffer reads a producer in another JVM */
    boolean attached() {
        return producer == null;
    }

    void checkOpen() {
        progress.checkOpen();
    }

    /**
     * Options of {@link Buffer}.
     *
     * @param <T> the element type
     */
    public static final class Builder<T> {
        private final Generator<T> generator;
        private int bufferSize = 16;
        private HaltCondition haltCondition = HaltCondition.uniformlyNonDecreasing();
        private Path queue;
        private Codec<T> codec;

        Builder(Generator<T> generator) {
            this.generator = Objects.requireNonNull(generator, "generator");
        }

        /**
         * Sets how far the producer may run ahead.
         *
         * @param size how many elements the producer may run ahead of the furthest element asked
         *             for (default 16)
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder<T> bufferSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("bufferSize must be 1 or more, was " + size);
            }
            this.bufferSize = size;
            return this;
        }

        /**
         * Sets when {@link Buffer#contains} stops searching.
         *
         * @param condition when {@link Buffer#contains} stops (default
         *                  {@link HaltCondition#uniformlyNonDecreasing()})
         * @return this builder
         */
        public Builder<T> haltCondition(HaltCondition condition) {
            this.haltCondition = Objects.requireNonNull(condition, "condition");
            return this;
        }

        /**
         * Keeps the queue in {@code directory}, where other JVMs may {@linkplain Buffer#attach attach} to it.
         *
         * @param directory an empty or new directory for the queue, which other JVMs may
         *                  {@linkplain Buffer#attach attach} to; it is kept on close (default: a
         *                  temporary directory, deleted on close)
         * @return this builder
         */
        public Builder<T> queue(Path directory) {
            this.queue = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Sets the element type, which picks the codec.
         *
         * @param type the element class: picks the built-in codec (default: {@code Object}, any
         *             built-in or {@code Serializable} value)
         * @return this builder
         */
        public Builder<T> elementType(Class<T> type) {
            this.codec = Codec.forType(type);
            return this;
        }

        /**
         * Sets how elements are encoded in the queue.
         *
         * @param codec how elements are stored in the queue
         * @return this builder
         */
        public Builder<T> codec(Codec<T> codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Starts the producer.
         *
         * @return the running buffer
         * @throws IllegalStateException if the queue directory already holds a sequence
         * @throws UncheckedIOException  if the directory cannot be created
         * @throws deco.memory.JvmSetupException if the JVM lacks a flag or jar Chronicle Queue needs
         *                               (nothing is created)
         */
        @SuppressWarnings("unchecked")
        public Buffer<T> build() {
            Codec<T> elementCodec = codec != null ? codec : (Codec<T>) Codec.forType(Object.class);
            QueueDirectory directory = QueueDirectory.forProducer(queue, elementCodec);
            try {
                return new Buffer<>(RecordLog.open(directory.directory()), elementCodec, bufferSize, haltCondition,
                        Demand.open(directory.directory(), bufferSize), directory,
                        generator);
            } catch (RuntimeException e) {
                directory.release();
                throw e;
            }
        }
    }
}
