package deco.core.woven;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Callable;

/**
 * Woven calls made at once, on the calling thread, when running them as tasks could not give the
 * serial result: the caller holds a monitor the callee takes ({@link CallerHeldMonitors}, decision
 * 039), or the callee may read {@code ScopedValue} bindings that the engine cannot carry to a task
 * ({@link OwnerBindings}, decision 040). The call's outcome — its result or exception, and any
 * writes it recorded — is then reported by its task in call order, as a task's would be.
 */
final class CallsMadeAtOnce {

    private static final MethodHandle MAKE_HERE;
    private static final MethodHandle TRUE = MethodHandles.constant(boolean.class, true);

    static {
        try {
            MAKE_HERE = MethodHandles.lookup().findStatic(CallsMadeAtOnce.class, "makeHere",
                    MethodType.methodType(Callable.class, Callable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CallsMadeAtOnce() {
    }

    /**
     * @param factory {@code (receiver?, arguments...)Callable}: makes the task of a call
     * @param when    {@code (receiver?, arguments...)boolean}: whether to make the call at once;
     *                null for never
     * @return a factory that makes the call at once when {@code when} holds, and returns a task
     * that reports its outcome; otherwise {@code factory} itself
     */
    static MethodHandle guard(MethodHandle factory, MethodHandle when) {
        return when == null ? factory
                : MethodHandles.guardWithTest(when, MethodHandles.filterReturnValue(factory, MAKE_HERE), factory);
    }

    /** {@return a test of the factory's inputs that always holds} */
    static MethodHandle always(MethodType factory) {
        return MethodHandles.dropArguments(TRUE, 0, factory.parameterList());
    }

    /** {@return a test that holds when either holds, {@code first} tried first} Either may be null (never). */
    static MethodHandle either(MethodHandle first, MethodHandle second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return MethodHandles.guardWithTest(first,
                MethodHandles.dropArguments(TRUE, 0, first.type().parameterList()), second);
    }

    /** Makes the call now, on this thread; returns a task that reports its outcome. */
    static Callable<?> makeHere(Callable<?> task) {
        return task instanceof RecordingTask<?> recording ? recording.madeHere() : CallOutcome.of(task);
    }
}
