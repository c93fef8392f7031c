package deco.core.engine.structured;

import deco.core.engine.Batch;
import deco.core.engine.BatchTimeoutException;
import deco.core.engine.BriefSpin;
import deco.core.engine.ForkRefusedException;
import deco.core.engine.TaskHandle;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.StructureViolationException;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * One {@link StructuredTaskScope} per batch, with a {@link ForkOrderJoiner}: it waits for all
 * tasks, and on a failure cancels the scope once every task forked before the failed one is done.
 * The scope's own rules give the structured guarantees: forks only from the owner, join and close
 * only by the owner, no thread outlives close. A task the scope can never run ({@link ScopeForks},
 * decision 040) fails at its place in fork order with a {@link ForkRefusedException}.
 */
final class StructuredBatch implements Batch {

    private final ForkOrderJoiner joiner = new ForkOrderJoiner();
    private final StructuredTaskScope<Object, Void> scope;
    private final ScopeForks forks = new ScopeForks();
    private boolean joined;

    StructuredBatch(String name, Duration timeout) {
        this.scope = timeout == null
                ? StructuredTaskScope.open(joiner, config -> config.withName(name).withThreadFactory(forks.factory()))
                : StructuredTaskScope.open(joiner, config -> config.withName(name).withThreadFactory(forks.factory())
                        .withTimeout(timeout));
    }

    @Override
    public <R> TaskHandle<R> fork(Callable<? extends R> task) {
        ForkOrderJoiner.Indexed<R> indexed = joiner.task(task);
        try {
            return new SubtaskHandle<>(forks.fork(scope, indexed.task()), indexed.index(), joiner);
        } catch (ForkRefusedException refused) {
            joiner.refused(indexed.index());
            return TaskHandle.failed(refused);
        }
    }

    @Override
    public void join() throws InterruptedException {
        joined = true;
        BriefSpin.until(joiner::allCompleted);
        try {
            scope.join(); // the handles carry the failures; the caller picks the first in call order
        } catch (StructuredTaskScope.TimeoutException timedOut) {
            throw new BatchTimeoutException();
        }
    }

    @Override
    public boolean hasFailure() {
        return joiner.hasFailure();
    }

    @Override
    public void close() {
        try {
            scope.close(); // without join: cancels and waits for every thread, then complains
        } catch (StructureViolationException closedInsideLaterBinding) {
            // closed after every thread ended, as in ScopeThreads.close (decision 040)
        } catch (IllegalStateException closedWithoutJoin) {
            if (joined) {
                throw closedWithoutJoin;
            }
            // closing without join is how deco cancels a batch: the complaint is expected
        }
    }

    /**
     * Adapts a {@link Subtask}; an unavailable subtask of a closed scope was cancelled, and so was
     * one forked after the earliest failed task, whatever it did (it may have been interrupted).
     */
    private record SubtaskHandle<R>(Subtask<? extends R> subtask, int index, ForkOrderJoiner joiner)
            implements TaskHandle<R> {

        @Override
        public Outcome outcome() {
            if (joiner.isAfterFailure(index)) {
                return Outcome.CANCELLED;
            }
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

        @Override
        public Throwable thrown() {
            return subtask.state() == Subtask.State.FAILED ? subtask.exception() : null;
        }
    }
}
