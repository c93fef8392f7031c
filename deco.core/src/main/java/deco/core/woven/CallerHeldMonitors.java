package deco.core.woven;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * A woven call made while the calling thread holds the monitor of the call's receiver, of one of
 * its arguments or (a static {@code synchronized} callee) of the callee's class is made at once, on the calling thread: the serial
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

    /** Values nobody locks: their identity is the JDK's to share (interned, cached). */
    private static final Set<Class<?>> NOT_CHECKED = Set.of(String.class, Integer.class,
            Long.class, Short.class, Byte.class, Character.class, Boolean.class, Double.class, Float.class);

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
     * @param factory {@code (receiver?, arguments...)Callable}: makes the task of a call
     * @param callee  the {@code @Concurrent} method, as the call names it
     * @return a factory that, when the calling thread holds the monitor of a captured reference (the
     * receiver, an argument) or, for a static {@code synchronized} callee, of its class, makes the
     * call at once and returns a task that reports its outcome; otherwise {@code factory} itself.
     * Strings and boxed primitives are not checked (their identity is the JDK's to share)
     */
    static MethodHandle guard(MethodHandle factory, MethodHandleInfo callee) {
        MethodType type = factory.type();
        MethodHandle held = null;
        if (Modifier.isStatic(callee.getModifiers()) && Modifier.isSynchronized(callee.getModifiers())) {
            held = MethodHandles.dropArguments(HOLDS_LOCK.bindTo(callee.getDeclaringClass()), 0, type.parameterList());
        }
        for (int i = 0; i < type.parameterCount(); i++) {
            Class<?> captured = type.parameterType(i);
            if (captured.isPrimitive() || NOT_CHECKED.contains(captured)) {
                continue;
            }
            MethodHandle holdsThis = MethodHandles.permuteArguments(
                    HOLDS_LOCK.asType(MethodType.methodType(boolean.class, captured)),
                    type.changeReturnType(boolean.class), i);
            held = held == null ? holdsThis : MethodHandles.guardWithTest(holdsThis,
                    MethodHandles.dropArguments(MethodHandles.constant(boolean.class, true), 0, type.parameterList()),
                    held);
        }
        return held == null ? factory
                : MethodHandles.guardWithTest(held, MethodHandles.filterReturnValue(factory, MAKE_HERE), factory);
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
