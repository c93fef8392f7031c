package deco.concurrent;

import deco.memory.Codec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

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
 * {@link deco.core.ConcurrentException}) and leaves the key absent, so the next call
 * computes again. Within one wave of computations (until no computation of this cache runs), a
 * key that failed is not computed again for requests made from inside other computations or by
 * {@link #applyAsync}: they get the same failure, so a failing leaf of a recursive tree is computed
 * once, not once per parent. {@link #applyAsync} and {@link #batchAsync} start computations on
 * virtual threads and return at once. Recursive functions call back through the cache; a cycle of
 * keys (a function that needs, directly or through other keys and threads, the key it is computing)
 * gets an {@link IllegalStateException} naming the keys of the cycle instead of a deadlock.
 *
 * <p>With a {@linkplain Builder#journal(Path) journal}, every computed result is appended to a
 * Chronicle Queue; a cache opened on the same directory (after a restart, or in another JVM at
 * the same time) reuses those results without recomputing, if its function has the same version:
 * by default the version is the function's code (the instructions of its implementing method and
 * of every method it calls, and the values a lambda captured), so a changed function computes
 * afresh beside the old results; {@link Builder#version(String)} states a version instead.
 *
 * <p>Thread-safe. Memory-consistency effects: the actions of a computation happen-before every
 * {@code get} that returns its result. {@link #close()} interrupts every computation in flight,
 * whichever thread runs it, and waits for those computations (never for the callers' threads to
 * end); afterwards every method throws {@link IllegalStateException}. A computation that ignores
 * interrupts delays {@code close()} until it returns.
 *
 * <h2>General exceptions</h2>
 * An interrupted wait restores the thread's interrupt status and throws
 * {@link deco.core.ConcurrentException} caused by the {@link InterruptedException}. A failure of the function reaches every caller waiting for it: unchecked exceptions and errors as they are, checked ones wrapped in {@link deco.core.ConcurrentException}. A method
 * called after {@link #close()} throws {@link IllegalStateException}. The same rule holds for
 * {@code Sync}, {@code Deco.map}, {@code Buffer} and {@code Cache} (docs/decisions/012-one-failure-vocabulary.md).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Cache<K, V> implements AutoCloseable {


    private final BiFunction<Cache<K, V>, K, V> function;
    private final Map<K, V> values = new ConcurrentHashMap<>();
    private final Map<K, Computation<K, V>> running = new ConcurrentHashMap<>();
    /** The virtual threads of {@link #applyAsync}: owned by the cache, joined by {@link #close()}. */
    private final Set<Thread> owned = ConcurrentHashMap.newKeySet();
    /** What each thread waits for, to find a cycle of keys before it would hang (guarded by itself). */
    private final Map<Thread, Computation<K, V>> waitingFor = new HashMap<>();
    /**
     * Failures of the current wave of computations: a key that failed is not computed again for a
     * request made from inside another computation, nor by {@link #applyAsync}, until no
     * computation runs; a request from outside every computation always computes again.
     */
    private final Map<K, Throwable> failures = new ConcurrentHashMap<>();
    /** Computations running plus async tasks started and not yet ended: the wave ends at 0. */
    private final AtomicInteger active = new AtomicInteger();
    /** The keys the current thread is computing, outermost first (a function may ask for other keys). */
    private final ThreadLocal<ArrayList<K>> computing = ThreadLocal.withInitial(ArrayList::new);
    private final CacheJournal<K, V> journal;
    /** The function as the user gave it, and the version the user stated (or null): what a cache that reads this one counts. */
    final Object code;
    final String version;
    private volatile boolean closed;

    private Cache(BiFunction<Cache<K, V>, K, V> function, Object code, String version, CacheJournal<K, V> journal) {
        this.function = function;
        this.code = code;
        this.version = version;
        this.journal = journal;
        if (journal != null) {
            journal.catchUp(values);
        }
    }

    /**
     * A cache of {@code function}: each key is computed once.
     *
     * @param function the function to memoise
     * @param <K>      the key type
     * @param <V>      the value type
     * @return a cache without a journal
     */
    public static <K, V> Cache<K, V> of(Function<K, V> function) {
        return builder(function).build();
    }

    /**
     * A cache of a recursive function, which calls back through the cache for its sub-results.
     *
     * @param function the function, given this cache to call back through for sub-results
     * @param <K>      the key type
     * @param <V>      the value type
     * @return a cache without a journal
     */
    public static <K, V> Cache<K, V> recursive(BiFunction<Cache<K, V>, K, V> function) {
        return builder(function).build();
    }

    /**
     * A builder for a cache of {@code function}, to set its options.
     *
     * @param function the function to memoise
     * @param <K>      the key type
     * @param <V>      the value type
     * @return a builder for the other options
     */
    public static <K, V> Builder<K, V> builder(Function<K, V> function) {
        Objects.requireNonNull(function, "function");
        return new Builder<>((cache, key) -> function.apply(key), function);
    }

    /**
     * A builder for a cache of {@code function}, to set its options. Java picks this overload for
     * a lambda or method reference written at the call, so a {@linkplain Builder#journal journal}
     * can read the function's code and keep its results under that code's version.
     *
     * @param function the function to memoise
     * @param <K>      the key type
     * @param <V>      the value type
     * @return a builder for the other options
     */
    public static <K, V> Builder<K, V> builder(deco.core.SerializableFunction<K, V> function) {
        return builder((Function<K, V>) function);
    }

    /**
     * A builder for a cache of a function that calls back through the cache, to set its options.
     *
     * @param function the recursive function
     * @param <K>      the key type
     * @param <V>      the value type
     * @return a builder for the other options
     */
    public static <K, V> Builder<K, V> builder(BiFunction<Cache<K, V>, K, V> function) {
        return new Builder<>(Objects.requireNonNull(function, "function"), function);
    }

    /**
     * A builder for a cache of a function that calls back through the cache, to set its options.
     * Java picks this overload for a lambda or method reference written at the call, so a
     * {@linkplain Builder#journal journal} can read the function's code and keep its results under
     * that code's version.
     *
     * @param function the recursive function
     * @param <K>      the key type
     * @param <V>      the value type
     * @return a builder for the other options
     */
    public static <K, V> Builder<K, V> builder(deco.core.SerializableBiFunction<Cache<K, V>, K, V> function) {
        return builder((BiFunction<Cache<K, V>, K, V>) function);
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
        Objects.requireNonNull(key, "key");
        checkOpen(); // a hit too: a closed cache answers nothing, as every method says
        V cached = values.get(key);
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
        if (values.containsKey(key) || running.containsKey(key) || failures.containsKey(key)) {
            return;
        }
        Thread worker = Thread.ofVirtual().name("deco-cache-" + key).unstarted(() -> {
            try {
                compute(key, true);
            } catch (RuntimeException | Error ignored) {
                // the key stays absent; a later get computes again and reports
            } finally {
                owned.remove(Thread.currentThread());
                leave();
            }
        });
        active.incrementAndGet();
        owned.add(worker);
        if (closed) {
            owned.remove(worker);
            leave();
            throw new IllegalStateException("this Cache is closed");
        }
        worker.start();
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

    /** {@return how many values are cached} */
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
        boolean interrupted = false;
        // interrupt and await every computation, whichever thread runs it; a computation that starts
        // after this sees closed and gives up (it registered in running first)
        while (!running.isEmpty()) {
            for (Computation<K, V> computation : running.values()) {
                computation.thread.interrupt();
            }
            for (Computation<K, V> computation : running.values()) {
                interrupted |= computation.awaitQuietly();
            }
        }
        for (Thread worker : owned) {
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
        return "Cache[" + values.size() + " values" + (journal == null ? "" : ", journal " + journal.log.directory() + " (" + journal.version.description() + ")")
                + (closed ? ", closed" : "") + "]";
    }

    private V compute(K key, boolean background) {
        checkOpen();
        boolean nested = !computing.get().isEmpty();
        Computation<K, V> mine = new Computation<>(key, Thread.currentThread());
        while (true) {
            V cached = values.get(key);
            if (cached != null) {
                return cached;
            }
            Throwable failed = failures.get(key);
            if (failed != null && (nested || background)) {
                throw Computation.rethrow(failed); // this wave already failed on it: do not multiply the work
            }
            if (journal != null && journal.catchUp(values)) {
                continue;
            }
            active.incrementAndGet();
            Computation<K, V> existing = running.putIfAbsent(key, mine);
            if (existing == null) {
                break;
            }
            leave();
            if (background) {
                return null; // someone else computes it
            }
            return await(existing);
        }
        if (closed) { // close() may already wait for this computation: end it
            IllegalStateException closedNow = new IllegalStateException("this Cache is closed");
            mine.result.completeExceptionally(closedNow);
            finish(key, mine);
            throw closedNow;
        }
        computing.get().add(key);
        try {
            V value = Objects.requireNonNull(function.apply(this, key), () -> "the function returned null for " + key);
            if (journal != null) {
                journal.append(key, value);
            }
            values.put(key, value);
            mine.result.complete(value);
            return value;
        } catch (Throwable e) { // a checked exception thrown sneakily too: waiters must never hang
            failures.put(key, e);
            running.remove(key, mine); // before waiters wake: a get after the failure they saw computes again
            mine.result.completeExceptionally(e);
            throw Computation.rethrow(e);
        } finally {
            computing.get().removeLast();
            finish(key, mine);
        }
    }

    /** Ends a computation. */
    private void finish(K key, Computation<K, V> mine) {
        running.remove(key, mine);
        leave();
    }

    /** Ends a computation or an async task; the last of a wave forgets the wave's failures. */
    private void leave() {
        if (active.decrementAndGet() == 0) {
            failures.clear();
        }
    }

    /**
     * Waits for another thread's computation, unless waiting would close a cycle (that thread
     * waits, directly or through others, for a computation of this thread): then throws, naming the keys.
     */
    private V await(Computation<K, V> other) {
        Thread me = Thread.currentThread();
        synchronized (waitingFor) {
            List<Object> chain = new ArrayList<>();
            for (Computation<K, V> c = other; c != null; c = waitingFor.get(c.thread)) {
                chain.add(c.key);
                if (c.thread == me) { // one of this thread's computations, from c.key inward, needs other ... needs c.key
                    List<K> mine = computing.get();
                    List<Object> cycle = new ArrayList<>(mine.subList(Math.max(0,
                            mine.lastIndexOf(c.key)), mine.size()));
                    cycle.addAll(chain);
                    throw new IllegalStateException("a cycle of keys: " + cycle.stream().map(String::valueOf)
                            .collect(Collectors.joining(" needs ")) + "; serially this would never end");
                }
                if (chain.size() > running.size() + 1) {
                    break; // a chain that changed under us: no cycle through this thread
                }
            }
            waitingFor.put(me, other);
        }
        try {
            return other.await();
        } finally {
            synchronized (waitingFor) {
                waitingFor.remove(me);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Cache is closed");
        }
    }

    /** One computation in flight, which other callers wait for. */
    private static final class Computation<K, V> {
        final K key;
        final Thread thread;
        final CompletableFuture<V> result = new CompletableFuture<>();

        Computation(K key, Thread thread) {
            this.key = key;
            this.thread = thread;
        }

        V await() {
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new deco.core.ConcurrentException("interrupted while waiting for the computation of " + key, e);
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            }
        }

        /** Waits for the end of the computation, whatever its outcome. @return whether this thread was interrupted */
        boolean awaitQuietly() {
            boolean interrupted = false;
            while (true) {
                try {
                    result.get();
                    return interrupted;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    return interrupted;
                }
            }
        }

        static RuntimeException rethrow(Throwable cause) {
            if (cause instanceof RuntimeException unchecked) {
                return unchecked;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return new deco.core.ConcurrentException("the function failed with a checked exception: " + cause, cause);
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
        /** The function as the user gave it: what its version is read from. */
        private final Object code;
        private Path journal;
        private String version;
        private Codec<K> keyCodec;
        private Codec<V> valueCodec;

        Builder(BiFunction<Cache<K, V>, K, V> function, Object code) {
            this.function = function;
            this.code = code;
        }

        /**
         * Journals computed results in {@code directory}, and replays them when a cache of the same
         * function opens it again (after a restart, or in another JVM at the same time).
         *
         * <p>Results are kept under the function's version, in a directory of their own inside
         * {@code directory}: a cache reuses only the results of its own version, so a changed
         * function computes afresh (the old version's results stay on disk, and come back if the
         * function is changed back). Unless {@linkplain #version(String) stated}, the version is
         * read from the function's code when the cache is built: the instructions of the method
         * that implements it and of every method it can call, and the values a lambda captured
         * (numbers, strings, characters, booleans, enum constants, classes and lambdas; a captured
         * cache by its function's version; other captured objects by their class only). A lambda that is not serializable (one passed on
         * in a {@code Function} variable) does not say which method implements it, so its version
         * is the code of every class of the nest it was written in: any edit there computes
         * afresh. Not part of the version: state the function reads from fields or other objects,
         * code it reaches only through reflection or by a subclass overriding a method it calls,
         * the JDK and deco. If the result depends on those, state the version.
         *
         * {@snippet :
         * Cache<Integer, Long> squares = Cache.builder(Main::slowSquare)   // read from slowSquare's code
         *         .journal(Path.of("squares"))
         *         .build();
         * }
         *
         * @param directory where computed results are journaled and replayed from (default: no
         *                  journal)
         * @return this builder
         */
        public Builder<K, V> journal(Path directory) {
            this.journal = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * States the version of the function that the journal keeps results under, instead of
         * reading it from the function's code: caches with equal versions share results whatever
         * their functions' code. Use it when the result depends on more than the code (a model
         * file, a parameter read from a field), or when results should outlive edits that do not
         * change them. Without a journal it has no effect.
         *
         * @param version the version, for example {@code "model-2026-11"}
         * @return this builder
         * @throws IllegalArgumentException if {@code version} is blank
         */
        public Builder<K, V> version(String version) {
            if (Objects.requireNonNull(version, "version").isBlank()) {
                throw new IllegalArgumentException("a function's version must not be blank");
            }
            this.version = version;
            return this;
        }

        /**
         * Sets how the journal encodes keys.
         *
         * @param codec how the journal stores keys (default: any built-in or {@code Serializable})
         * @return this builder
         */
        public Builder<K, V> keyCodec(Codec<K> codec) {
            this.keyCodec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Sets how the journal encodes values.
         *
         * @param codec how the journal stores values (default: any built-in or {@code Serializable})
         * @return this builder
         */
        public Builder<K, V> valueCodec(Codec<V> codec) {
            this.valueCodec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Builds the cache.
         *
         * @return the cache, with the journal's results of its version already loaded
         * @throws deco.memory.JvmSetupException if a journal is set and the JVM lacks a flag or
         *                                       jar Chronicle Queue needs (nothing is created)
         * @throws IllegalArgumentException      if a journal is set and it holds other codecs
         * @throws deco.memory.DiskFormatException if the directory is not a journal, or a journal
         *                                       written before results were kept by version
         */
        @SuppressWarnings("unchecked")
        public Cache<K, V> build() {
            CacheJournal<K, V> log = null;
            if (journal != null) {
                FunctionVersion of = version != null ? FunctionVersion.stated(version) : FunctionVersion.of(code);
                log = new CacheJournal<>(journal, of,
                        keyCodec != null ? keyCodec : (Codec<K>) Codec.forType(Object.class),
                        valueCodec != null ? valueCodec : (Codec<V>) Codec.forType(Object.class));
            }
            return new Cache<>(function, code, version, log);
        }
    }
}
