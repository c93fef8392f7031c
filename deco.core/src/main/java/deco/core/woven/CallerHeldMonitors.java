package deco.core.woven;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.Set;

/**
 * Whether the calling thread holds the monitor of a woven call's receiver, of one of its
 * arguments or (a static {@code synchronized} callee) of the callee's class. The serial program
 * made the call holding that monitor, and a task on another thread that took it ({@code
 * synchronized} methods, {@code synchronized} blocks, {@code Collections.synchronizedList}) would
 * wait for the caller while the caller waits for it at the next event; so such a call is made at
 * once ({@link CallsMadeAtOnce}, decision 039).
 *
 * <p>The weaver refuses {@code @Concurrent} calls inside a {@code synchronized} block or method of
 * the {@code @Synchronized} method itself; this covers monitors taken by the method's callers.
 */
final class CallerHeldMonitors {

    /** Values nobody locks: their identity is the JDK's to share (interned, cached). */
    private static final Set<Class<?>> NOT_CHECKED = Set.of(String.class, Integer.class,
            Long.class, Short.class, Byte.class, Character.class, Boolean.class, Double.class, Float.class);

    private static final MethodHandle HOLDS_LOCK;

    static {
        try {
            HOLDS_LOCK = MethodHandles.lookup().findStatic(CallerHeldMonitors.class, "holds",
                    MethodType.methodType(boolean.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CallerHeldMonitors() {
    }

    /**
     * @param factory the type of the call's task factory, {@code (receiver?, arguments...)Callable}
     * @param callee  the {@code @Concurrent} method, as the call names it
     * @return {@code (receiver?, arguments...)boolean}: whether the calling thread holds the monitor
     * of a captured reference (the receiver, an argument) or, for a static {@code synchronized}
     * callee, of its class; null if the call captures nothing to check. Strings and boxed
     * primitives are not checked (their identity is the JDK's to share)
     */
    static MethodHandle test(MethodType factory, MethodHandleInfo callee) {
        MethodHandle held = null;
        if (Modifier.isStatic(callee.getModifiers()) && Modifier.isSynchronized(callee.getModifiers())) {
            held = MethodHandles.dropArguments(HOLDS_LOCK.bindTo(callee.getDeclaringClass()), 0, factory.parameterList());
        }
        for (int i = 0; i < factory.parameterCount(); i++) {
            Class<?> captured = factory.parameterType(i);
            if (captured.isPrimitive() || NOT_CHECKED.contains(captured)) {
                continue;
            }
            MethodHandle holdsThis = MethodHandles.permuteArguments(
                    HOLDS_LOCK.asType(MethodType.methodType(boolean.class, captured)),
                    factory.changeReturnType(boolean.class), i);
            held = CallsMadeAtOnce.either(held, holdsThis);
        }
        return held;
    }

    /** Whether this thread holds the monitor of {@code value}; a null (a call that will throw) holds none. */
    private static boolean holds(Object value) {
        return value != null && Thread.holdsLock(value);
    }
}
