package deco.core.woven;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Callable;

/**
 * A woven call made while the calling thread holds the monitor of the call's receiver, of one of
 * its arguments or of the callee's class is made at once, on the calling thread: the serial
 * program made it holding that monitor, and a task on another thread that took it ({@code
 * synchronized} methods, {@code synchronized} blocks, {@code Collections.synchronizedList}) would
 * wait for the caller while the caller waits for it at the next event. The call's outcome, its
 * result or exception and any writes it recorded, is then reported by its task in call order, as a
 * task's would be (decision 039).
 *
 * <p>The weaver refuses {@code @Concurrent} calls inside a {@code synchronized} block or method of
 * the {@code @Synchronized} method itself; this covers monitors taken by the method's callers.
 */
final class CallerHeldMonitors {

    private static final MethodHandle HOLDS_LOCK;
    private static final MethodHandle MAKE_HERE;

    static {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            HOLDS_LOCK = lookup.findStatic(CallerHeldMonitors.class, "holds",
                    MethodType.methodType(boolean.class, Object.class));
            MAKE_HERE = lookup.findStatic(CallerHeldMonitors.class, "makeHere",
                    MethodType.methodType(Callable.class, Callable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CallerHeldMonitors() {
    }

    /**
     * @param factory        {@code (receiver?, arguments...)Callable}: makes the task of a call
     * @param declaringClass the callee's class, whose monitor a static {@code synchronized} callee takes
     * @return a factory that, when the calling thread holds the monitor of the class or of any
     * reference among the captured values, makes the call at once and returns a task that reports
     * its outcome; otherwise the task as {@code factory} makes it
     */
    static MethodHandle guard(MethodHandle factory, Class<?> declaringClass) {
        MethodType type = factory.type();
        MethodHandle held = MethodHandles.dropArguments(HOLDS_LOCK.bindTo(declaringClass), 0, type.parameterList());
        for (int i = 0; i < type.parameterCount(); i++) {
            Class<?> captured = type.parameterType(i);
            if (captured.isPrimitive()) {
                continue;
            }
            MethodHandle holdsThis = MethodHandles.permuteArguments(
                    HOLDS_LOCK.asType(MethodType.methodType(boolean.class, captured)),
                    type.changeReturnType(boolean.class), i);
            held = MethodHandles.guardWithTest(holdsThis,
                    MethodHandles.dropArguments(MethodHandles.constant(boolean.class, true), 0, type.parameterList()),
                    held);
        }
        return MethodHandles.guardWithTest(held,
                MethodHandles.filterReturnValue(factory, MAKE_HERE), factory);
    }

    /** Whether this thread holds the monitor of {@code value}; a null (a call that will throw) holds none. */
    private static boolean holds(Object value) {
        return value != null && Thread.holdsLock(value);
    }

    /** Makes the call now, on this thread; returns a task that reports its outcome. */
    private static Callable<?> makeHere(Callable<?> task) {
        return task instanceof RecordingTask<?> recording ? recording.madeHere() : CallOutcome.of(task);
    }
}
