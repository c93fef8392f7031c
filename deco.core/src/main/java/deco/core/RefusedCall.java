package deco.core;

import deco.core.engine.TaskHandle;

/**
 * The handle of a woven {@code @Concurrent} call that a remote engine refused at the call: it
 * never ran and counts as failed at its place in call order, so its event fails — earlier calls'
 * failures first, as serially — and applies no store.
 *
 * @param refusal what the engine threw at the call
 */
record RefusedCall(Throwable refusal) implements TaskHandle<Object> {

    @Override
    public Outcome outcome() {
        return Outcome.FAILED;
    }

    @Override
    public Object result() {
        throw new IllegalStateException("task did not succeed: " + Outcome.FAILED);
    }

    @Override
    public Throwable failure() {
        return refusal;
    }
}
