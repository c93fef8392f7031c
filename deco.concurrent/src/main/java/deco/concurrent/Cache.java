package deco.concurrent;

import deco.concurrent.log.RecordLog;
import deco.memory.Codec;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A memoised function that can precompute branches in parallel: PySpeedup's {@code Cache}.
 *
 * {@snippet :
 * Cache<Integer, BigInteger> fib = Cache.recursive((self, n) -> {
 *     if (n < 2) return BigInteger.ONE;
 *     self.batchAsync(List.of(n - 1, n - 2));      // both branches start at once
 *     return self.get(n - 1).add(self.get(n - 2));
 * });
 * fib.get(200); // 453973694165307953197296969697410619233826
 * }
 *
 * <p>At most one computation per key runs at a time: callers asking for a key being computed wait
 * for that computation and share its result. A computation that throws rethrows its exception to
 * every waiting caller (unchecked as it is, checked wrapped in
 * {@link java.util.concurrent.CompletionException}) and leaves the key absent, so the next call
 * computes again. {@link #applyAsync} and {@link #batchAsync} start computations on virtual
 * threads and return at once. Recursive functions call back through the cache; a function that
 * asks for the key it is computing gets an {@link IllegalStateException} instead of a deadlock.
 *
 * <p>With a {@linkplain Builder#journal(Path) journal}, every computed result is appended to a
 * Chronicle Queue; a cache opened on the same directory (after a restart, or in another JVM at
 * the same time) reuses those results without recomputing.
 *
 * <p>Thread-safe. Memory-consistency effects: the actions of a computation happen-before every
 * {@code get} that returns its result. After {@link #close()} computations in flight are cancelled
 * and every method throws {@link IllegalStateException}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Cache<K, V> implements AutoCloseable {

    private static final byte ENTRY = 0;

    private final BiFunction<Cache<K, V>, K, V> function;
    private final Map<K, V> values = new ConcurrentHashMap<>();
    private final Map<K, Computation<V>> running = new ConcurrentHashMap<>();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final Journal<K, V> journal;
    private volatile boolean closed;

    private Cache(BiFunction<Cache<K, V>, K, V> function, Journal<K, V> journal) {
        this.function = function;
        this.journal = journal;
        if (journal != null) {
            journal.catchUp(values);
        }
    }

    /**
     * @param function the function to memoise
     * @param <K>      the key type
     * @param <V>      the value type
     * @return a cache without a journal
     */
    public static <K, V> Cache<K, V> of(Function<K, V> function) {
        return builder(function).build();
    }

    /**
     * @param function the function, given this cache to call back through for sub-results
     * @param <K>      the key type
     * @param <V>      the value type
     * @return a cache without a journal
     */
    public static <K, V> Cache<K, V> recursive(BiFunction<Cache<K, V>, K, V> function) {
        return builder(function).build();
    }

    /**
     * @param function the function to memoise
     * @param <K>      the key type
     * @param <V>      the value type
     * @return a builder for the other options
     */
    public static <K, V> Builder<K, V> builder(Function<K, V> function) {
        Objects.requireNonNull(function, "function");
        return new Builder<>((cache, key) -> function.apply(key));
    }

    /**
     * @param function the recursive function
     * @param <K>      the key type
     * @param <V>      the value type
     * @return a builder for the other options
     */
    public static <K, V> Builder<K, V> builder(BiFunction<Cache<K, V>, K, V> function) {
        return new Builder<>(Objects.requireNonNull(function, "function"));
    }

    /**
     * The function's value for {@code key}: cached, or computed now (or awaited, if another thread
     * is computing it).
     *
     * @param key the key
     * @return the value
     * @throws NullPointerException  if the key, or the computed value, is null
     * @throws RuntimeException      the computation's exception, as it is
     * @throws IllegalStateException if the cache is closed, or the function asks for the key it is
     *                               computing
     */
    public V get(K key) {
        V cached = values.get(Objects.requireNonNull(key, "key"));
        if (cached != null) {
            return cached;
        }
        return compute(key, false);
    }

    /**
     * Starts computing {@code key} on its own virtual thread unless it is cached or being computed;
     * returns at once. A failure is not reported here: the next {@code get} of the key computes
     * again and throws.
     *
     * @param key the key
     * @throws IllegalStateException if the cache is closed
     */
    public void applyAsync(K key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        if (values.containsKey(key) || running.containsKey(key)) {
            return;
        }
        Thread.ofVirtual().name("deco-cache-" + key).start(() -> {
            try {
                compute(key, true);
            } catch (RuntimeException | Error ignored) {
                // the key stays absent; a later get computes again and reports
            }
        });
    }

    /**
     * {@link #applyAsync} for every key.
     *
     * @param keys the keys
     */
    public void batchAsync(Collection<K> keys) {
        for (K key : Objects.requireNonNull(keys, "keys")) {
            applyAsync(key);
        }
    }

    /** @return how many values are cached */
    public long size() {
        checkOpen();
        return values.size();
    }

    /**
     * Cancels computations in flight (their threads are interrupted and awaited) and closes the
     * journal. Cached values stay in the journal. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Thread worker : workers) {
            worker.interrupt();
        }
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (journal != null) {
            journal.close();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Cache[" + values.size() + " values" + (journal == null ? "" : ", journal " + journal.log.directory())
                + (closed ? ", closed" : "") + "]";
    }

    private V compute(K key, boolean background) {
        checkOpen();
        Computation<V> mine = new Computation<>(Thread.currentThread());
        while (true) {
            V cached = values.get(key);
            if (cached != null) {
                return cached;
            }
            if (journal != null && journal.catchUp(values)) {
                continue;
            }
            Computation<V> existing = running.putIfAbsent(key, mine);
            if (existing == null) {
                break;
            }
            if (existing.thread == Thread.currentThread()) {
                throw new IllegalStateException("the function asked for the key it is computing: " + key);
            }
            if (background) {
                return null; // someone else computes it
            }
            return existing.await(key);
        }
        workers.add(Thread.currentThread());
        try {
            V value = Objects.requireNonNull(function.apply(this, key), () -> "the function returned null for " + key);
            if (journal != null) {
                journal.append(key, value);
            }
            values.put(key, value);
            mine.result.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.result.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
            workers.remove(Thread.currentThread());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Cache is closed");
        }
    }

    /** One computation in flight, which other callers wait for. */
    private static final class Computation<V> {
        final Thread thread;
        final CompletableFuture<V> result = new CompletableFuture<>();

        Computation(Thread thread) {
            this.thread = thread;
        }

        V await(Object key) {
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the computation of " + key, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException unchecked) {
                    throw unchecked;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new java.util.concurrent.CompletionException(cause);
            }
        }
    }

    /** The journal: (key, value) records on a Chronicle Queue, replayed into the map. */
    private static final class Journal<K, V> {
        final RecordLog log;
        final Codec<K> keys;
        final Codec<V> values;
        private final RecordLog.Reader reader;

        Journal(Path directory, Codec<K> keys, Codec<V> values) {
            this.log = RecordLog.open(directory);
            this.keys = keys;
            this.values = values;
            this.reader = log.reader();
        }

        void append(K key, V value) {
            byte[] k = keys.encode(key);
            byte[] v = values.encode(value);
            log.append(ENTRY, ByteBuffer.allocate(4 + k.length + v.length).putInt(k.length).put(k).put(v).array());
        }

        /** Reads records appended since the last call; {@code true} if there were any. */
        synchronized boolean catchUp(Map<K, V> into) {
            boolean any = false;
            RecordLog.Record record;
            while ((record = reader.next()) != null) {
                ByteBuffer in = ByteBuffer.wrap(record.payload());
                byte[] k = new byte[in.getInt()];
                in.get(k);
                byte[] v = new byte[in.remaining()];
                in.get(v);
                into.putIfAbsent(keys.decode(k), values.decode(v));
                any = true;
            }
            return any;
        }

        synchronized void close() {
            reader.close();
            log.close();
        }
    }

    /**
     * Options of {@link Cache}.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {
        private final BiFunction<Cache<K, V>, K, V> function;
        private Path journal;
        private Codec<K> keyCodec;
        private Codec<V> valueCodec;

        Builder(BiFunction<Cache<K, V>, K, V> function) {
            this.function = function;
        }

        /**
         * @param directory where computed results are journaled and replayed from (default: no
         *                  journal)
         * @return this builder
         */
        public Builder<K, V> journal(Path directory) {
            this.journal = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * @param codec how the journal stores keys (default: any built-in or {@code Serializable})
         * @return this builder
         */
        public Builder<K, V> keyCodec(Codec<K> codec) {
            this.keyCodec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * @param codec how the journal stores values (default: any built-in or {@code Serializable})
         * @return this builder
         */
        public Builder<K, V> valueCodec(Codec<V> codec) {
            this.valueCodec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** @return the cache, with the journal's results already loaded */
        @SuppressWarnings("unchecked")
        public Cache<K, V> build() {
            Journal<K, V> log = null;
            if (journal != null) {
                log = new Journal<>(journal,
                        keyCodec != null ? keyCodec : (Codec<K>) Codec.forType(Object.class),
                        valueCodec != null ? valueCodec : (Codec<V>) Codec.forType(Object.class));
            }
            return new Cache<>(function, log);
        }
    }
}
