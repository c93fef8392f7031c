package deco.core;

import deco.core.engine.TaskHandle;
import deco.core.internal.InitializerFailures;

/** How a failed synchronization event reports its tasks' failures: one rule for Sync and map. */
final class Failures {

    private Failures() {
    }

    /**
     * The first failure in call order, with the failures of later tasks added as suppressed;
     * {@code null} when no task failed. Cancelled tasks are not failures.
     */
    static Throwable firstInCallOrder(Iterable<? extends TaskHandle<?>> handles) {
        java.util.List<Throwable> failures = new java.util.ArrayList<>();
        for (TaskHandle<?> handle : handles) {
            if (handle.outcome() == TaskHandle.Outcome.FAILED) {
                failures.add(handle.failure());
            }
        }
        if (!failures.isEmpty() && InitializerFailures.uninitializedClass(failures.getFirst()) != null) {
            // a later call, counted as cancelled, may have reached the class first (decision 068)
            for (TaskHandle<?> handle : handles) {
                Throwable initializer = InitializerFailures.firstUse(failures.getFirst(), handle.thrown());
                if (initializer != failures.getFirst()) {
                    failures.remove(initializer);
                    failures.addFirst(initializer);
                    break;
                }
            }
        }
        return first(failures);
    }

    /**
     * The first non-null failure, with the later ones added to it as suppressed; {@code null} if
     * there is none.
     */
    static Throwable first(Iterable<Throwable> failures) {
        Throwable first = null;
        for (Throwable failure : failures) {
            if (failure == null) {
                continue;
            }
            if (first == null) {
                first = failure;
            } else if (failure != first) {
                first.addSuppressed(failure);
            }
        }
        return first;
    }

    /**
     * Errors and unchecked exceptions as they are (errors are thrown from here), checked ones
     * wrapped in {@link ConcurrentException}. Use as {@code throw Failures.propagate(t)}.
     */
    static RuntimeException propagate(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof RuntimeException unchecked) {
            return unchecked;
        }
        return new ConcurrentException("concurrent task failed: " + failure, failure);
    }

    /** What the owner gets when it was interrupted while waiting for {@code count} tasks. */
    static ConcurrentException interrupted(InterruptedException cause, int count) {
        return new ConcurrentException("interrupted while waiting for " + count
                + " concurrent task(s): all were cancelled and no store was applied", cause);
    }
}
