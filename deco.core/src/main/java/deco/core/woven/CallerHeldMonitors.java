package deco.core.woven;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Whether the calling thread holds a lock a woven call's task could wait for: the monitor of the
 * call's receiver, of one of its arguments or (a static {@code synchronized} callee) of the
 * callee's class, a {@code ReentrantLock} or {@code ReentrantReadWriteLock} among them, or one of
 * the objects the weaver found the callee may lock (decision 044: a static field's object, a field
 * of the receiver's or of an argument's, any element of an array such a field holds, a class's
 * monitor). The serial program made the call holding that lock, and a task on another thread that
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
    private static final MethodHandle HOLDS_AN_ELEMENT;
    /** The most elements of a named static array checked per call; a longer array makes every call at once. */
    static final int MOST_ELEMENTS_CHECKED = 1024;
    private static final MethodHandle IS_INSTANCE;
    private static final MethodHandle ALWAYS = MethodHandles.constant(boolean.class, true);
    private static final MethodHandle NEVER = MethodHandles.constant(boolean.class, false);

    static {
        try {
            HOLDS_LOCK = MethodHandles.lookup().findStatic(CallerHeldMonitors.class, "holds",
                    MethodType.methodType(boolean.class, Object.class));
            HOLDS_AN_ELEMENT = MethodHandles.lookup().findStatic(CallerHeldMonitors.class, "holdsAnElement",
                    MethodType.methodType(boolean.class, Object.class));
            IS_INSTANCE = MethodHandles.lookup().findVirtual(Class.class, "isInstance",
                    MethodType.methodType(boolean.class, Object.class));
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
     * {@code (receiver?, arguments...)boolean} for one lock the weaver named: whether this thread
     * holds it; always, if it cannot be read.
     */
    private static MethodHandle named(MethodHandles.Lookup caller, List<Class<?>> captured, boolean hasReceiver,
                                      String lock) {
        String[] parts = lock.split(" ");
        // "E" before a name: every element of the array the field holds (lock striping)
        boolean elements = parts[0].length() == 2 && parts[0].charAt(0) == 'E';
        if (elements) {
            parts[0] = parts[0].substring(1);
        }
        MethodHandle holds = elements ? HOLDS_AN_ELEMENT : HOLDS_LOCK;
        int holder = 0; // the captured value whose field it is: the receiver, or an argument
        if (parts[0].equals("P")) {
            holder = (hasReceiver ? 1 : 0) + Integer.parseInt(parts[1]);
            parts = java.util.Arrays.copyOfRange(parts, 1, parts.length);
        } else if (parts[0].equals("F") && !hasReceiver) {
            return null; // a field of a receiver the call does not have: nothing the weaver names
        }
        try {
            ClassLoader loader = caller.lookupClass().getClassLoader();
            Class<?> owner = Class.forName(parts[1].replace('/', '.'), false, loader);
            if (parts[0].equals("C")) {
                return MethodHandles.dropArguments(HOLDS_LOCK.bindTo(owner), 0, captured);
            }
            Class<?> type = MethodType.fromMethodDescriptorString("()" + parts[3], loader).returnType();
            if (parts[0].equals("S")) {
                MethodHandle value = getter(caller, owner, parts[2], type, true);
                return MethodHandles.dropArguments(MethodHandles.filterReturnValue(
                        value.asType(MethodType.methodType(Object.class)), holds), 0, captured);
            }
            if (holder >= captured.size()) {
                return null; // not a name this call's weaver wrote
            }
            Class<?> holderType = captured.get(holder);
            MethodHandle value = getter(caller, owner, parts[2], type, false)
                    .asType(MethodType.methodType(Object.class, holderType));
            MethodHandle onHolder = MethodHandles.guardWithTest(
                    IS_INSTANCE.bindTo(owner).asType(MethodType.methodType(boolean.class, holderType)),
                    MethodHandles.filterReturnValue(value, holds),
                    MethodHandles.dropArguments(NEVER, 0, holderType)); // null or not the field's class: the call will throw, holding nothing
            return MethodHandles.permuteArguments(onHolder, MethodType.methodType(boolean.class, captured), holder);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return MethodHandles.dropArguments(ALWAYS, 0, captured); // cannot read it: the serial program
        }
    }

    /**
     * The getter of a field, through {@code caller} or, if the field is not accessible to it (a
     * private static of the callee's class), through a private lookup in its class.
     */
    private static MethodHandle getter(MethodHandles.Lookup caller, Class<?> owner, String name, Class<?> type,
                                       boolean isStatic) throws ReflectiveOperationException {
        try {
            return isStatic ? caller.findStaticGetter(owner, name, type) : caller.findGetter(owner, name, type);
        } catch (IllegalAccessException e) {
            MethodHandles.Lookup inOwner = MethodHandles.privateLookupIn(owner, caller);
            return isStatic ? inOwner.findStaticGetter(owner, name, type) : inOwner.findGetter(owner, name, type);
        }
    }

    /**
     * Whether this thread holds an element of {@code array} (a static array of locks: lock
     * striping), as {@link #holds}; for an array longer than {@link #MOST_ELEMENTS_CHECKED}, always
     * (the call is made at once: the serial program, without a check per element per call).
     */
    private static boolean holdsAnElement(Object array) {
        if (!(array instanceof Object[] elements)) {
            return false; // null: the callee's load will throw, holding nothing
        }
        if (elements.length > MOST_ELEMENTS_CHECKED) {
            return true;
        }
        for (Object element : elements) {
            if (holds(element)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether this thread holds {@code value}'s monitor or, for a {@code ReentrantLock} or
     * {@code ReentrantReadWriteLock} (or its write lock), the lock itself; a null (a call that will
     * throw) holds none.
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
        return value instanceof ReentrantReadWriteLock.WriteLock lock && lock.isHeldByCurrentThread();
    }
}
