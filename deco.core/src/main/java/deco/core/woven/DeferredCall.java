package deco.core.woven;

import deco.core.Sync;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.Callable;

/**
 * What one woven call site does with a {@code @Concurrent} result: a call of {@code consumer}
 * (a store such as {@code Map.put}, an array store, or any call whose result the program
 * discards) with the converted result at {@code position}, deferred to the next
 * synchronization event.
 */
final class DeferredCall {

    private final MethodHandle consumer;   // (Object[])Object, spread over the inputs
    private final int position;
    private final MethodHandle conversion; // (Object)Object, the casts between call and store
    private final boolean arrayStore;

    DeferredCall(MethodHandle consumer, int position, MethodHandle conversion, boolean arrayStore) {
        this.consumer = consumer;
        this.position = position;
        this.conversion = conversion;
        this.arrayStore = arrayStore;
    }

    /** Target of the call site: takes the inputs (the task at {@code position}) and the Sync. */
    void register(Object[] inputs, Sync sync) {
        Callable<?> task = (Callable<?>) inputs[position];
        inputs[position] = null;
        Callable<?> run = task;
        if (arrayStore && inputs[0] != null && inputs[1] instanceof Integer index) {
            int length = java.lang.reflect.Array.getLength(inputs[0]);
            if (index < 0 || index >= length) {
                // serially the store throws once the call has returned: the call's outcome is that
                // exception, unless the call itself fails first
                run = () -> {
                    task.call();
                    throw new ArrayIndexOutOfBoundsException("Index " + index + " out of bounds for length " + length);
                };
            }
        }
        sync.then(run, result -> apply(task, inputs, result));
    }

    private void apply(Callable<?> task, Object[] inputs, Object result) {
        RecordingTask.replayIfRecording(task);
        try {
            inputs[position] = (Object) conversion.invokeExact(result);
            Object ignored = (Object) consumer.invokeExact(inputs);
        } catch (Throwable t) {
            throw Sneaky.<RuntimeException>rethrow(t);
        }
    }
}
