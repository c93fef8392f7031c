package deco.core.engine.structured;

import deco.core.engine.ForkRefusedException;
import java.util.concurrent.Callable;
import java.util.concurrent.StructureViolationException;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.ThreadFactory;

/**
 * Forks into one {@link StructuredTaskScope} and says when a fork can never run (decision 040).
 * The scope refuses a fork made under other {@code ScopedValue} bindings than it was opened with
 * ({@link StructureViolationException}); and when the binding it was opened in ends while it is
 * open, the JDK closes its threads, after which a fork is taken and silently never started. Both
 * become a {@link ForkRefusedException} that says what to do instead, so nothing waits for a
 * thread that will never run.
 *
 * <p>The scope must be opened with {@link #factory()}. Not thread-safe: the scope's owner only,
 * as the scope requires.
 */
final class ScopeForks {

    static final String OTHER_BINDINGS = "deco cannot run this call: it was made under other ScopedValue "
            + "bindings than the first call of its synchronization event, whose StructuredTaskScope runs the "
            + "event's tasks with the bindings it was opened with. Make every call of an event under the same "
            + "bindings (bind outside the Sync), or read the value before the call and pass it in "
            + "(docs/decisions/040-scoped-value-bindings.md)";
    static final String SCOPE_ENDED = "deco cannot run this call: the ScopedValue binding in which its "
            + "synchronization event's first call was made has ended, and the JDK closed the event's "
            + "StructuredTaskScope with it. Bind outside the Sync, or synchronize before the binding ends "
            + "(docs/decisions/040-scoped-value-bindings.md)";

    private final ThreadFactory virtual = Thread.ofVirtual().factory();
    /** The thread the scope asked for in the last fork, or null if it asked for none. */
    private Thread made;

    /** {@return the thread factory to open the scope with} virtual threads, each remembered */
    ThreadFactory factory() {
        return runnable -> made = virtual.newThread(runnable);
    }

    /**
     * Forks {@code task} into {@code scope}.
     *
     * @return the subtask, whose thread has started
     * @throws ForkRefusedException if the task can never run
     */
    <T, U extends T> Subtask<U> fork(StructuredTaskScope<T, ?> scope, Callable<? extends U> task) {
        Began<U> began = new Began<>(task);
        made = null;
        Subtask<U> subtask;
        try {
            subtask = scope.fork(began);
        } catch (StructureViolationException otherBindings) {
            throw new ForkRefusedException(OTHER_BINDINGS, otherBindings);
        }
        Thread thread = made;
        // no thread asked for: the scope is cancelled, and the subtask reads as cancelled. A
        // thread that is not alive either ended, and then it began, or never started (its end
        // happens-before isAlive returns false)
        if (thread != null && !thread.isAlive() && !began.began) {
            throw new ForkRefusedException(SCOPE_ENDED, null);
        }
        return subtask;
    }

    /** The task, noting that its thread began running it. */
    private static final class Began<U> implements Callable<U> {
        private final Callable<? extends U> task;
        volatile boolean began;

        Began(Callable<? extends U> task) {
            this.task = task;
        }

        @Override
        public U call() throws Exception {
            began = true;
            return task.call();
        }
    }
}
