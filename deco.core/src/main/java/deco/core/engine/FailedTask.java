package deco.core.engine;

/**
 * The handle of a task that never ran because it could not be started, and counts as failed at
 * its place in fork or call order.
 *
 * @param failure why it could not be started
 */
record FailedTask(Throwable failure) implements TaskHandle<Object> {

    @Override
    public Outcome outcome() {
        return Outcome.FAILED;
    }

    @Override
    public Object result() {
        throw new IllegalStateException("task did not succeed: " + Outcome.FAILED);
    }
}
