package deco.core.remote;

import java.util.concurrent.Callable;

/**
 * Runs deco's tasks in other JVMs: the seam a distributed engine plugs into (deco.cluster on
 * Hazelcast). Found with {@link java.util.ServiceLoader}; used only when it says it is
 * {@linkplain #configured() configured}, so a module on the module path changes nothing by itself.
 *
 * <p>deco hands the engine each task <em>at the call</em>, on the owner thread: the engine
 * captures it there (serialises it, so that an argument that cannot travel fails at the call and
 * the call's snapshot is the serial program's) and returns the task that deco's local engine runs
 * on one of the owner's threads. That task ships the call, waits for it and returns its result, or
 * throws the call's own exception. Everything else — call order, the first failure in call order,
 * cancellation (an interrupt of the waiting thread), timeouts, {@code parallelism} — stays with
 * the local engine, unchanged. The returned task reacts to an interrupt by cancelling the remote
 * work and throwing {@link InterruptedException}.
 *
 * <p>Implementations are thread-safe. This package is exported to deco.cluster and deco.concurrent only.
 */
public interface RemoteEngine {

    /** {@return a short, stable name, {@code "cluster"}} */
    String name();

    /**
     * Whether this JVM's configuration asks for this engine (for deco.cluster: the system
     * property {@code deco.cluster.members}, or {@code deco.cluster.config} naming a file).
     * Cheap; connects to nothing.
     *
     * @return {@code true} to run deco's tasks on this engine
     */
    boolean configured();

    /**
     * Captures a woven {@code @Concurrent} call.
     *
     * @param call the method, its receiver and arguments
     * @param <R>  the result type
     * @return the task to run on the owner's side
     * @throws IllegalArgumentException (a subtype the engine documents) if the call cannot be
     *                                  shipped, naming the method, the parameter and the type
     */
    <R> Callable<R> ship(MethodCall call);

    /**
     * Captures a task of the explicit API ({@code Sync}, {@code Deco.map}).
     *
     * @param task   the task; it must be {@link java.io.Serializable} to travel
     * @param origin where it was given, for messages: {@code "Sync.put"}, {@code "Deco.map item 3"}
     * @param <R>    the result type
     * @return the task to run on the owner's side
     * @throws IllegalArgumentException (a subtype the engine documents) if the task cannot be
     *                                  shipped, naming the origin and the type
     */
    <R> Callable<R> ship(Callable<R> task, String origin);
}
