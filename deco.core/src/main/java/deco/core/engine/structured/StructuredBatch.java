package deco.core.engine.structured;

import deco.core.engine.Batch;
import deco.core.engine.BatchTimeoutException;
import deco.core.engine.TaskHandle;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * One {@link StructuredTaskScope} per batch, with the joiner that waits for all tasks and cancels
 * the scope at the first failure. The scope's own rules give the structured guarantees: forks only
 * from the owner or its subtasks, join and close only by the owner, no thread outlives close.
 */
final class StructuredBatch implements Batch {

    private final StructuredTaskScope<Object, Void> scope;
    private boolean joined;

    StructuredBatch(String name, Duration timeout) {
        Joiner<Object, Void> joiner = Joiner.awaitAllSuccessfulOrThrow();
        this.scope = timeout == null
                ? StructuredTaskScope.open(joiner, config -> config.withName(name))
                : StructuredTaskScope.open(joiner, config -> config.withName(name).withTimeout(timeout));
    }

    @Override
    public <R> TaskHandle<R> fork(Callable<? extends R> task) {
        return new SubtaskHandle<>(scope.fork(task));
    }

    @Override
    public void join() throws InterruptedException {
        joined = true;
        try {
            scope.join();
        } catch (StructuredTaskScope.FailedException failed) {
            // the handles carry the failures; the caller picks the first in call order
        } catch (StructuredTaskScope.TimeoutException timedOut) {
            throw new BatchTimeoutException();
        }
    }

    @Override
    public void close() {
        if (joined) {
            scope.close();
            return;
        }
        try {
            scope.close(); // cancels and waits for every thread, then complains about the missing join
        } catch (IllegalStateException closedWithoutJoin) {
            // closing without join is how deco cancels a batch: the complaint is expected
        }
    }

    /** Adapts a {@link Subtask}; an unavailable subtask of a closed scope was cancelled. */
    private record SubtaskHandle<R>(Subtask<? extends R> subtask) implements TaskHandle<R> {

        @Override
        public Outcome outcome() {
            return switch (subtask.state()) {
                case SUCCESS -> Outcome.SUCCEEDED;
                case FAILED -> Outcome.FAILED;
                case UNAVAILABLE -> Outcome.CANCELLED;
            };
        }

        @Override
        public R result() {
            return subtask.get();
        }

        @Override
        public Throwable failure() {
            return subtask.exception();
        }
    }
}
