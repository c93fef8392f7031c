package deco.core.woven;

import deco.core.internal.LockPath;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Whether the calling thread holds a lock a woven call's task could wait for: the monitor of the
 * call's receiver, of one of its arguments or (a static {@code synchronized} callee) of the
 * callee's class, a {@code ReentrantLock} or {@code ReentrantReadWriteLock} among them, or one of
 * the objects the weaver found the callee may lock (decision 044, {@link LockPath}: what a path from
 * a static field's object, the receiver or an argument reaches through fields and every element of
 * arrays on the way, or a class's monitor; or, for an object it could not name, any monitor or any
 * lock the thread holds: {@link AnyLockHeld}, decision 047). The serial program made the call holding that lock, and a task on another thread that
 * took it ({@code synchronized} methods and blocks, {@code Collections.synchronizedList},
 * {@code lock()}) would wait for the caller while the caller waits for it at the next event; so
 * such a call is made at once ({@link CallsMadeAtOnce}, decision 039).
 *
 * <p>The weaver refuses {@code @Concurrent} calls inside a {@code synchronized} block or method of
 * the {@code @Synchronized} method itself; this covers monitors taken by the method's callers. A
 * named lock this class cannot read (a field it has no access to) makes every call at once: the
 * serial program.
 */
final class CallerHeldMonitors {

    /** Values nobody locks: their identity is the JDK's to share (interned, cached). */
    private static final Set<Class<?>> NOT_CHECKED = Set.of(String.class, Integer.class,
            Long.class, Short.class, Byte.class, Character.class, Boolean.class, Double.class, Float.class);

    private static final MethodHandle HOLDS_LOCK;
    private static final MethodHandle HOLDS_ALONG;
    private static final MethodHandle HOLDS_ANY_MONITOR;
    private static final MethodHandle HOLDS_ANY_LOCK;
    /** The most array elements a path reaches that are checked per call; more make every call at once. */
    static final int MOST_ELEMENTS_CHECKED = 1024;
    private static final MethodHandle ALWAYS = MethodHandles.constant(boolean.class, true);

    static {
        try {
            HOLDS_LOCK = MethodHandles.lookup().findStatic(CallerHeldMonitors.class, "holds",
                    MethodType.methodType(boolean.class, Object.class));
            HOLDS_ALONG = MethodHandles.lookup().findStatic(CallerHeldMonitors.class, "holdsAlong",
                    MethodType.methodType(boolean.class, Steps.class, Object.class));
            HOLDS_ANY_MONITOR = MethodHandles.lookup().findStatic(AnyLockHeld.class, "monitor",
                    MethodType.methodType(boolean.class));
            HOLDS_ANY_LOCK = MethodHandles.lookup().findStatic(AnyLockHeld.class, "lock",
                    MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CallerHeldMonitors() {
    }

    /**
     * @param caller  the woven class's lookup
     * @param factory the type of the call's task factory, {@code (receiver?, arguments...)Callable}
     * @param callee  the {@code @Concurrent} method, as the call names it
     * @param locks   what else the callee may lock, by the weaver's names ({@code WovenRuntime.taskTakingLocks})
     * @return {@code (receiver?, arguments...)boolean}: whether the calling thread holds the lock of
     * a captured reference (the receiver, an argument), of a static {@code synchronized} callee's
     * class, or of a named object; null if there is nothing to check. Strings and boxed primitives
     * are not checked (their identity is the JDK's to share)
     */
    static MethodHandle test(MethodHandles.Lookup caller, MethodType factory, MethodHandleInfo callee, String[] locks) {
        List<Class<?>> captured = factory.parameterList();
        MethodHandle held = null;
        if (Modifier.isStatic(callee.getModifiers()) && Modifier.isSynchronized(callee.getModifiers())) {
            held = MethodHandles.dropArguments(HOLDS_LOCK.bindTo(callee.getDeclaringClass()), 0, captured);
        }
        for (int i = 0; i < factory.parameterCount(); i++) {
            if (captured.get(i).isPrimitive() || NOT_CHECKED.contains(captured.get(i))) {
                continue;
            }
            MethodHandle holdsThis = MethodHandles.permuteArguments(
                    HOLDS_LOCK.asType(MethodType.methodType(boolean.class, captured.get(i))),
                    factory.changeReturnType(boolean.class), i);
            held = CallsMadeAtOnce.either(held, holdsThis);
        }
        boolean hasReceiver = !Modifier.isStatic(callee.getModifiers()) && !captured.isEmpty();
        for (String lock : locks) {
            held = CallsMadeAtOnce.either(held, named(caller, captured, hasReceiver, lock));
        }
        return held;
    }

    /**
     * {@code (receiver?, arguments...)boolean} for one lock the weaver named ({@link LockPath}):
     * whether this thread holds what the path reaches; always, if it cannot be read.
     */
    private static MethodHandle named(MethodHandles.Lookup caller, List<Class<?>> captured, boolean hasReceiver,
                                      String lock) {
        try {
            LockPath path = LockPath.parse(lock);
            ClassLoader loader = caller.lookupClass().getClassLoader();
            if (path.unnamed()) { // decision 047
                MethodHandle any = path.start() == LockPath.UNNAMED_MONITOR ? HOLDS_ANY_MONITOR : HOLDS_ANY_LOCK;
                return MethodHandles.dropArguments(any, 0, captured);
            }
            if (path.start() == LockPath.CLASS) {
                Class<?> owner = Class.forName(path.member().replace('/', '.'), false, loader);
                return MethodHandles.dropArguments(HOLDS_LOCK.bindTo(owner), 0, captured);
            }
            if (path.start() == LockPath.STATIC) {
                MethodHandle value = getter(caller, path.member(), true);
                MethodHandle holds = holds(caller, path);
                return MethodHandles.dropArguments(MethodHandles.filterReturnValue(
                        value.asType(MethodType.methodType(Object.class)), holds), 0, captured);
            }
            int holder; // the captured value the path starts at: the receiver, or an argument
            if (path.start() == LockPath.RECEIVER) {
                if (!hasReceiver) {
                    return null; // a receiver the call does not have: nothing the weaver names
                }
                holder = 0;
            } else if (path.start() == LockPath.ARGUMENT) {
                holder = (hasReceiver ? 1 : 0) + path.index();
            } else {
                return null; // a weaver's local: never in a call site
            }
            if (holder >= captured.size() || captured.get(holder).isPrimitive()) {
                return null; // not a name this call's weaver wrote
            }
            Class<?> holderType = captured.get(holder);
            MethodHandle onHolder = holds(caller, path).asType(MethodType.methodType(boolean.class, holderType));
            return MethodHandles.permuteArguments(onHolder, MethodType.methodType(boolean.class, captured), holder);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return MethodHandles.dropArguments(ALWAYS, 0, captured); // cannot read it: the serial program
        }
    }

    /** {@code (Object)boolean}: whether this thread holds what the path's steps reach from an object. */
    private static MethodHandle holds(MethodHandles.Lookup caller, LockPath path) throws ReflectiveOperationException {
        return path.steps().isEmpty() ? HOLDS_LOCK : HOLDS_ALONG.bindTo(Steps.of(caller, path.steps()));
    }

    /**
     * The getter of a field named {@code "owner name descriptor"} (a {@link LockPath} member or
     * step), through {@code caller} or, if the field is not accessible to it (a private static of
     * the callee's class), through a private lookup in its class. An instance getter's one
     * parameter is the field's class.
     */
    private static MethodHandle getter(MethodHandles.Lookup caller, String field, boolean isStatic)
            throws ReflectiveOperationException {
        String[] parts = field.split(" ");
        ClassLoader loader = caller.lookupClass().getClassLoader();
        Class<?> owner = Class.forName(parts[0].replace('/', '.'), false, loader);
        String name = parts[1];
        Class<?> type = MethodType.fromMethodDescriptorString("()" + parts[2], loader).returnType();
        try {
            return isStatic ? caller.findStaticGetter(owner, name, type) : caller.findGetter(owner, name, type);
        } catch (IllegalAccessException e) {
            MethodHandles.Lookup inOwner = MethodHandles.privateLookupIn(owner, caller);
            return isStatic ? inOwner.findStaticGetter(owner, name, type) : inOwner.findGetter(owner, name, type);
        }
    }

    /**
     * Whether this thread holds what {@code steps} reach from {@code start}, as {@link #holds}: a
     * null or an object not of a field's class on the way reaches nothing (the callee's own load
     * would throw, holding nothing); more than {@link #MOST_ELEMENTS_CHECKED} elements on the way
     * count as held (the call is made at once: the serial program, without a check per element
     * per call).
     */
    private static boolean holdsAlong(Steps steps, Object start) {
        return steps.holds(start, 0, new int[] {MOST_ELEMENTS_CHECKED});
    }

    /** The steps of a path, resolved once for a call site: each field's class and getter, or elements. */
    private static final class Steps {
        /** For each step, the field's class, or null for every element of an array. */
        private final Class<?>[] owners;
        /** For each field step, its getter as {@code (Object)Object}. */
        private final MethodHandle[] getters;

        private Steps(Class<?>[] owners, MethodHandle[] getters) {
            this.owners = owners;
            this.getters = getters;
        }

        static Steps of(MethodHandles.Lookup caller, List<String> steps) throws ReflectiveOperationException {
            Class<?>[] owners = new Class<?>[steps.size()];
            MethodHandle[] getters = new MethodHandle[steps.size()];
            for (int i = 0; i < owners.length; i++) {
                if (steps.get(i).equals(LockPath.ELEMENTS)) {
                    continue;
                }
                MethodHandle getter = getter(caller, steps.get(i), false);
                owners[i] = getter.type().parameterType(0);
                getters[i] = getter.asType(MethodType.methodType(Object.class, Object.class));
            }
            return new Steps(owners, getters);
        }

        boolean holds(Object value, int step, int[] budget) {
            if (value == null) {
                return false;
            }
            if (step == owners.length) {
                return CallerHeldMonitors.holds(value);
            }
            if (owners[step] != null) {
                if (!owners[step].isInstance(value)) {
                    return false;
                }
                Object next;
                try {
                    next = getters[step].invokeExact(value);
                } catch (Throwable e) { // a getter of a field the class has: it throws nothing
                    return true;
                }
                return holds(next, step + 1, budget);
            }
            if (!(value instanceof Object[] elements)) {
                return false;
            }
            budget[0] -= elements.length;
            if (budget[0] < 0) {
                return true;
            }
            for (Object element : elements) {
                if (holds(element, step + 1, budget)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Whether this thread holds {@code value}'s monitor or, for a {@code ReentrantLock} or
     * {@code ReentrantReadWriteLock} (or its write lock), the lock itself; a null (a call that will
     * throw) holds none. Another {@link Lock} — a read lock kept apart from its
     * {@code ReentrantReadWriteLock} (which one it belongs to is not public, and taking it waits
     * for that lock's writer), a {@code StampedLock}'s view, an application's lock — is held if
     * this thread holds any lock at all ({@link AnyLockHeld#lock}, asked once per run).
     */
    private static boolean holds(Object value) {
        if (value == null) {
            return false;
        }
        if (Thread.holdsLock(value)) {
            return true;
        }
        if (value instanceof ReentrantLock lock) {
            return lock.isHeldByCurrentThread();
        }
        if (value instanceof ReentrantReadWriteLock lock) {
            return lock.isWriteLockedByCurrentThread() || lock.getReadHoldCount() > 0;
        }
        if (value instanceof ReentrantReadWriteLock.WriteLock lock) {
            return lock.isHeldByCurrentThread();
        }
        return value instanceof Lock && AnyLockHeld.lock();
    }
}
