package deco.core;

import deco.core.remote.RemoteEngine;
import deco.core.remote.RemoteEngines;
import java.util.concurrent.Callable;

/**
 * Where a task of the explicit API runs: in this JVM, or, when a remote engine is configured,
 * shipped by it. A {@link ConcurrencyLimit} wrapper stays here (its permit is held by the owner's
 * side while the inner task runs remotely); the task inside it is shipped.
 */
final class Placement {

    private Placement() {
    }

    /**
     * @param task   the task as the user gave it
     * @param origin where it was given, for messages
     * @return the task the local engine runs
     * @throws IllegalArgumentException if a remote engine is configured and cannot ship the task
     */
    static <R> Callable<R> place(Callable<R> task, String origin) {
        RemoteEngine remote = RemoteEngines.current();
        if (remote == null) {
            return task;
        }
        if (task instanceof ConcurrencyLimit.Limited<R> limited) {
            return limited.around(place(limited.task(), origin));
        }
        return remote.ship(task, origin);
    }

    /** @return whether tasks of this JVM run on a remote engine */
    static boolean remote() {
        return RemoteEngines.current() != null;
    }
}
