package deco.core;

import deco.core.engine.Engine;
import deco.core.remote.RemoteEngine;
import deco.core.remote.RemoteEngines;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The entry point of deco's explicit API: synchronization scopes and an ordered parallel map.
 *
 * <p>The serial loop
 * {@snippet :
 * for (int i = 0; i < 30; i++) out.add(addOne(i));
 * }
 * becomes parallel, with the same result in {@code out}, as
 * {@snippet :
 * try (Sync sync = Deco.synchronize()) {
 *     for (int i = 0; i < 30; i++) {
 *         int n = i;
 *         sync.add(out, () -> addOne(n));
 *     }
 * }
 * }
 * and {@code List<Integer> squares = Deco.map(numbers, x -> x * x);} maps in parallel, in order.
 *
 * <p>Tasks run on virtual threads, under {@code StructuredTaskScope} when the JVM runs with
 * {@code --enable-preview} and under deco's equivalent engine otherwise ({@link #engine()} says
 * which; the system property {@code deco.engine} forces one). Thread-safe: every method may be
 * called from any thread, including from inside a task (nesting).
 */
public final class Deco {

    private Deco() {
    }

    /**
     * Opens a synchronization scope owned by the calling thread, without a timeout.
     *
     * @return the new scope; close it (try-with-resources) to synchronize and release it
     */
    public static Sync synchronize() {
        return new Sync(Engine.current(), null);
    }

    /**
     * Opens a synchronization scope owned by the calling thread whose every synchronization event
     * waits at most {@code timeout}, counted from the first task started after the previous event.
     * An event past its timeout cancels its tasks and throws {@link SyncTimeoutException}.
     *
     * @param timeout the longest one event's tasks may run
     * @return the new scope
     * @throws NullPointerException     if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public static Sync synchronize(Duration timeout) {
        return new Sync(Engine.current(), Checks.positive(timeout, "timeout"));
    }

    /**
     * Applies {@code fn} to every item concurrently and returns the results in the items'
     * iteration order: runner threads, one per core, take the items in order, and an item whose
     * call blocks hands its core to the next one, so every item can be in flight at once. Blocks
     * until every call has finished.
     *
     * @param items the inputs (may contain {@code null} if {@code fn} accepts it)
     * @param fn    the function
     * @param <T>   the input type
     * @param <R>   the result type
     * @return an unmodifiable list of the results, in order (may contain {@code null})
     * @throws NullPointerException if {@code items} or {@code fn} is null
     * @throws ConcurrentException   if the calling thread is interrupted (all calls are cancelled,
     *                               the interrupt status is kept)
     * @throws RuntimeException      the first failure in item order, as it is (an error is thrown
     *                               as it is): the calls of later items are cancelled (or never
     *                               started), those of earlier items finish, since one of them may
     *                               fail too; no list is returned
     */
    public static <T, R> List<R> map(Collection<? extends T> items, Function<? super T, ? extends R> fn) {
        return map(items, 0, fn);
    }

    /**
     * As {@link #map(Collection, Function)}, with at most {@code parallelism} calls of {@code fn}
     * at once ({@code 0}: one per item). Use a cap near the number of cores for CPU-bound work on
     * many items.
     *
     * @param items       the inputs
     * @param parallelism the most calls at once, {@code 0} for no cap
     * @param fn          the function
     * @param <T>         the input type
     * @param <R>         the result type
     * @return an unmodifiable list of the results, in order
     * @throws NullPointerException     if {@code items} or {@code fn} is null
     * @throws IllegalArgumentException if {@code parallelism} is negative
     * @throws ConcurrentException       if the calling thread is interrupted, or a call failed with a
     *                                   checked exception
     * @throws RuntimeException          the first failure in item order, as it is
     */
    public static <T, R> List<R> map(Collection<? extends T> items, int parallelism,
                                     Function<? super T, ? extends R> fn) {
        Checks.notNull(items, "items");
        Checks.notNull(fn, "fn");
        Checks.notNegative(parallelism, "parallelism");
        return ParallelMap.map(Engine.current(), items, parallelism, fn);
    }

    /**
     * As {@link #map(Collection, Function)}; picked for a function written at the call, which is
     * then {@link java.io.Serializable}, so a cluster engine can ship it (see
     * {@link SerializableFunction}).
     *
     * @param items the inputs
     * @param fn    the function
     * @param <T>   the input type
     * @param <R>   the result type
     * @return an unmodifiable list of the results, in order
     * @throws NullPointerException     if {@code items} or {@code fn} is null
     * @throws IllegalArgumentException if a cluster engine is configured and cannot ship the
     *                                  function or an item; nothing is started
     * @throws ConcurrentException       as for {@link #map(Collection, Function)}
     * @throws RuntimeException          the first failure in item order, as it is
     */
    public static <T, R> List<R> map(Collection<? extends T> items, SerializableFunction<? super T, ? extends R> fn) {
        return map(items, 0, (Function<? super T, ? extends R>) fn);
    }

    /**
     * As {@link #map(Collection, int, Function)}, for a function written at the call.
     *
     * @param items       the inputs
     * @param parallelism the most calls at once, {@code 0} for no cap
     * @param fn          the function
     * @param <T>         the input type
     * @param <R>         the result type
     * @return an unmodifiable list of the results, in order
     * @throws NullPointerException     if {@code items} or {@code fn} is null
     * @throws IllegalArgumentException if {@code parallelism} is negative, or a cluster engine
     *                                  cannot ship the function or an item; nothing is started
     * @throws ConcurrentException       as for {@link #map(Collection, int, Function)}
     * @throws RuntimeException          the first failure in item order, as it is
     */
    public static <T, R> List<R> map(Collection<? extends T> items, int parallelism,
                                     SerializableFunction<? super T, ? extends R> fn) {
        return map(items, parallelism, (Function<? super T, ? extends R>) fn);
    }

    /**
     * The engine that runs tasks.
     *
     * @return {@code "structured"} (StructuredTaskScope, with {@code --enable-preview}) or
     * {@code "virtual-threads"} (the fallback) in this JVM; {@code "cluster"} when deco.cluster is
     * present and configured ({@code deco.cluster.members}): tasks run on the cluster's members
     */
    public static String engine() {
        RemoteEngine remote = RemoteEngines.current();
        if (remote != null) {
            return remote.name();
        }
        return Engine.current().name();
    }
}
