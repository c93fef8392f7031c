package deco.core.engine;

import java.util.concurrent.Callable;

/**
 * Tasks forked by one owner thread and joined by it at one synchronization event.
 *
 * <p>The lifecycle is strictly {@code fork* → join → close} (close may come without join, which
 * cancels). After {@link #close()} returns, no thread of the batch is running, so every handle is
 * settled and every effect of every task happens-before the return of {@code close()}.
 *
 * <p>Not thread-safe: only the owner thread, or a thread running a task of this batch, forks; only
 * the owner joins and closes.
 */
public interface Batch extends AutoCloseable {

    /**
     * Starts {@code task} on a thread of the batch; tasks start in fork order.
     *
     * @param task the work; its result or failure is kept in the returned handle
     * @param <R>  the result type
     * @return the handle, settled once the batch is closed
     * @throws IllegalStateException if the batch was already joined or closed
     */
    <R> TaskHandle<R> fork(Callable<? extends R> task);

    /**
     * Waits until every task has completed, or until a task failed and every task forked before
     * it has completed; the tasks forked after the earliest failed one are cancelled (they may
     * still be running when this returns, until {@link #close()}). So the first failure in fork
     * order is always known after join, as a serial run would meet it. A failure is not thrown:
     * the caller reads the handles.
     *
     * @throws InterruptedException  if the owner was interrupted while waiting; tasks are cancelled
     * @throws BatchTimeoutException if the batch's deadline passed; tasks are cancelled
     */
    void join() throws InterruptedException;

    /**
     * Whether a task of this batch has failed so far. Once {@code true}, stays {@code true}. May
     * be called by the owner at any time; it does not wait.
     *
     * @return {@code true} if a task failed
     */
    boolean hasFailure();

    /**
     * Cancels whatever still runs and waits until every thread of the batch has finished.
     * Idempotent. If interrupted while waiting, keeps waiting and restores the interrupt status.
     */
    @Override
    void close();
}
