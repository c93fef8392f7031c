package deco.core.woven;

import java.util.concurrent.Callable;

/**
 * The outcome of a call already made ({@link CallerHeldMonitors}): a task that returns its result
 * or throws its exception, checked or not, as it is.
 *
 * @param <R> the result type
 */
final class CallOutcome<R> implements Callable<R> {

    private final R result;
    private final Throwable failure;

    private CallOutcome(R result, Throwable failure) {
        this.result = result;
        this.failure = failure;
    }

    /** Makes {@code call} now, on this thread, and keeps what it returned or threw. */
    static <R> CallOutcome<R> of(Callable<R> call) {
        try {
            return new CallOutcome<>(call.call(), null);
        } catch (Throwable e) {
            return new CallOutcome<>(null, e);
        }
    }

    @Override
    public R call() {
        if (failure != null) {
            throw Sneaky.<RuntimeException>rethrow(failure);
        }
        return result;
    }
}
