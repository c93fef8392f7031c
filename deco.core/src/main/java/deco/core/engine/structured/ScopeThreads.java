package deco.core.engine.structured;

import deco.core.engine.ForkRefusedException;
import deco.core.engine.RunnerThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.StructureViolationException;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;

/**
 * A batch's runners as the subtasks of one {@link StructuredTaskScope} opened by the batch's
 * owner: the scope's rules give the structured guarantees (only the owner forks, joins and
 * closes; no thread outlives close; thread dumps show the runners under the owner). The batch
 * keeps each task's outcome itself, so the scope only waits for all its subtasks. A runner that
 * starts a spare opens a scope of its own for it ({@link #nested()}), nested in the owner's.
 */
final class ScopeThreads implements RunnerThreads {

    private final String name;
    private final StructuredTaskScope<Object, Void> scope;
    private final ScopeForks forks = new ScopeForks();

    ScopeThreads(String name) {
        this.name = name;
        this.scope = StructuredTaskScope.open(Joiner.<Object>awaitAll(),
                config -> config.withName(name).withThreadFactory(forks.factory()));
    }

    /**
     * @throws ForkRefusedException if the runner can never run: the caller's ScopedValue
     *                              bindings changed since the scope opened, or the scope ended
     *                              with the binding it was opened in (decision 040)
     */
    @Override
    public void start(Runnable runner) {
        forks.fork(scope, Executors.callable(runner));
    }

    @Override
    public RunnerThreads nested() {
        return new ScopeThreads(name); // opened by the calling runner, a subtask: the scopes nest
    }

    @Override
    public void close() {
        boolean interrupted = false;
        try {
            scope.join(); // the owner's scope: its runners have returned; a runner's own: waits for its spare
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            try {
                scope.close();
            } catch (StructureViolationException closedInsideLaterBinding) {
                // the owner closes inside a ScopedValue binding it entered after opening: the JDK
                // closed the scope and waited for every thread before it complained, so the outcomes
                // are all known and the owner's bindings are as they were (decision 040)
            } catch (IllegalStateException closedWithoutJoin) {
                // join was interrupted: close still waited for every thread; nothing is lost
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
