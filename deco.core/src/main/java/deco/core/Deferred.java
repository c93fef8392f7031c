package deco.core;

import deco.core.engine.TaskHandle;
import deco.core.internal.FallibleStore;
import deco.core.internal.ListSizes;
import java.util.function.Consumer;

/**
 * One concurrent call of a {@link Sync} and what the owner does with its result at the
 * synchronization event: a store ({@code map.put}, {@code list.set}, ...), a deferred call, or
 * completing a {@link Pending}.
 */
final class Deferred {

    final TaskHandle<?> handle;
    private final Consumer<Object> store;
    private final Pending<?> pending;

    @SuppressWarnings("unchecked")
    Deferred(TaskHandle<?> handle, Consumer<?> store, Pending<?> pending) {
        this.handle = handle;
        this.store = (Consumer<Object>) store;
        this.pending = pending;
    }

    /** The event succeeded: perform the store with the task's result. */
    void apply() {
        store.accept(handle.result());
    }

    /**
     * {@return whether the call succeeded and its store is known, without trying it, to throw}
     * ({@link FallibleStore}; other stores are not foreseen)
     */
    boolean storeWouldThrow(ListSizes sizes) {
        return handle.outcome() == TaskHandle.Outcome.SUCCEEDED
                && store instanceof FallibleStore fallible && fallible.wouldThrow(handle.result(), sizes);
    }

    /** Notes which lists' sizes this store may change ({@link FallibleStore#noteResizes}); any, if not foreseen. */
    void noteResizes(ListSizes sizes) {
        if (store instanceof FallibleStore fallible) {
            fallible.noteResizes(sizes);
        } else {
            sizes.mayChangeAny();
        }
    }

    /** The event failed: nothing is stored; a Pending learns why. */
    void discard(Throwable reason) {
        if (pending == null) {
            return;
        }
        if (handle.outcome() == TaskHandle.Outcome.FAILED) {
            pending.fail(handle.failure());
        } else {
            pending.cancel(reason);
        }
    }
}
