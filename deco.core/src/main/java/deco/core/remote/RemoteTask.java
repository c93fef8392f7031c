package deco.core.remote;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A task whose work runs elsewhere, which deco's local engine may start without a thread of its
 * own: a shipped call only sends a request and waits for the reply, so a thread parked per call
 * would cost a thread hand-off at each end of every call and nothing else (decision 020).
 *
 * <p>The engine either calls {@link #start(Consumer)} once on the owner thread, or, if that
 * returns {@code null} (nothing was started: no member has a free slot, say), runs {@link #call()}
 * on a thread of its own as for any task. {@code call()} keeps the blocking contract of
 * {@link RemoteEngine}: it waits for the reply, and an interrupt cancels the remote work and
 * throws {@link InterruptedException}.
 *
 * <p>Implementations are thread-safe: {@code done} may run on any thread, and the returned
 * cancel action may be run from any thread, any number of times. The cancel action must not
 * block (the engine runs it holding its own lock, which {@code done} needs): it asks for the
 * cancellation and returns; the outcome follows through {@code done}.
 *
 * @param <R> the result type
 */
public interface RemoteTask<R> extends Callable<R> {

    /**
     * Starts the task without blocking, if it can.
     *
     * <p>{@code done} is then called exactly once, on whatever thread learns the outcome (possibly
     * the caller, before this method returns), with the outcome as a callable that returns the
     * task's result or throws its exception. The caller of {@code done} evaluates the outcome at
     * once, on that thread; evaluating it may do the small remaining work (decoding the reply).
     * {@code done} is called even after a cancel, with an outcome that throws.
     *
     * @param done receives the outcome
     * @return an action that cancels the remote work (idempotent), or {@code null} if nothing was
     * started and the engine must run {@link #call()} on a thread instead
     * @throws RuntimeException what the task would throw had it failed at once; nothing was
     *                          started and {@code done} is never called
     */
    Runnable start(Consumer<Callable<R>> done);
}
