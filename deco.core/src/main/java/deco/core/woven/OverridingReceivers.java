package deco.core.woven;

import deco.core.Sync;
import deco.core.internal.WovenSyncs;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Which receivers' classes override the {@code @Concurrent} method a call site names (decision
 * 067). The weaver proved the call safe from the method's own code; a receiver of a subclass that
 * overrides it runs other code, which the weaver never read. Such a call runs alone: the woven
 * loop waits for every pending call first, then the call is made at once on the caller's thread,
 * its outcome reported in call order. Receivers of the declaring class, or of subclasses that
 * inherit the method, run as tasks as before; the answer is kept per class.
 *
 * <p>Thread-safe: one instance per call site, read by whichever thread runs the woven method.
 */
final class OverridingReceivers extends ClassValue<Boolean> {

    private static final MethodHandle OVERRIDES;
    private static final MethodHandle ALONE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OVERRIDES = lookup.findVirtual(OverridingReceivers.class, "overrides",
                    MethodType.methodType(boolean.class, Object.class));
            ALONE = lookup.findStatic(OverridingReceivers.class, "alone",
                    MethodType.methodType(Callable.class, Callable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Class<?> declaring;
    /** The methods a receiver's class must not override: the callee's name and parameter types first. */
    private final Set<Signature> analysed;
    /**
     * Whether {@link #analysed} holds every method the callee may call on its receiver; if the JVM
     * could not list them, every receiver of a subclass makes its call alone.
     */
    private final boolean listed;

    /** A method as overriding sees it: its name and parameter types. */
    private record Signature(String name, List<Class<?>> parameters) {
        static Signature of(Method method) {
            return new Signature(method.getName(), List.of(method.getParameterTypes()));
        }
    }

    /** For the call site calling {@code name(parameters)} of {@code declaring}; package-private for tests. */
    OverridingReceivers(Class<?> declaring, String name, Class<?>[] parameters) {
        this.declaring = declaring;
        this.analysed = new HashSet<>();
        analysed.add(new Signature(name, List.of(parameters)));
        this.listed = listed(declaring, analysed);
    }

    /**
     * Adds what {@link #overridable} finds; {@return false if the JVM could not list the methods:
     * the callee's calls on its receiver were resolved among them, so a subclass may override any}
     */
    private static boolean listed(Class<?> declaring, Set<Signature> into) {
        try {
            overridable(declaring, into, new HashSet<>());
            return true;
        } catch (LinkageError unreadable) {
            return false;
        }
    }

    /**
     * Adds the instance methods {@code type}, its superclasses and its interfaces declare that a
     * subclass may override ({@code Object}'s aside: decision 013's assumption 2). The weaver
     * resolved the callee's calls on its own receiver among them.
     */
    private static void overridable(Class<?> type, Set<Signature> into, Set<Class<?>> seen) {
        if (type == null || type == Object.class || !seen.add(type)) {
            return;
        }
        for (Method method : type.getDeclaredMethods()) {
            int modifiers = method.getModifiers();
            if (!Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers) && !Modifier.isFinal(modifiers)) {
                into.add(Signature.of(method));
            }
        }
        overridable(type.getSuperclass(), into, seen);
        for (Class<?> anInterface : type.getInterfaces()) {
            overridable(anInterface, into, seen);
        }
    }

    /**
     * @param analysed {@code (receiver, arguments...)Callable}: makes the task of the call the
     *                 weaver analysed, made nowhere else
     * @param factory  the call site's factory for receivers that do not override the callee
     * @param callee   the {@code @Concurrent} instance method the call names
     * @return a factory that, for a receiver whose class overrides {@code callee} or a method its
     * class declares (which the callee may call on its receiver), waits for the woven method's
     * pending calls, makes the call at once and returns a task reporting its outcome; for any
     * other receiver (and {@code null}, whose call fails as serially), {@code factory}
     */
    static MethodHandle guard(MethodHandle analysed, MethodHandle factory, MethodHandleInfo callee) {
        OverridingReceivers receivers = new OverridingReceivers(callee.getDeclaringClass(), callee.getName(),
                callee.getMethodType().parameterArray());
        MethodHandle test = MethodHandles.dropArguments(OVERRIDES.bindTo(receivers), 1,
                factory.type().parameterList().subList(1, factory.type().parameterCount()));
        test = test.asType(test.type().changeParameterType(0, factory.type().parameterType(0)));
        return MethodHandles.guardWithTest(test, MethodHandles.filterReturnValue(analysed, ALONE), factory);
    }

    /** Whether {@code receiver}'s class runs other code than the weaver analysed. */
    private boolean overrides(Object receiver) {
        return receiver != null && receiver.getClass() != declaring && get(receiver.getClass());
    }

    @Override
    protected Boolean computeValue(Class<?> type) {
        if (!listed) {
            return true; // (asked only of classes other than the declaring one)
        }
        try {
            for (Class<?> c = type; c != null && c != declaring; c = c.getSuperclass()) {
                if (declares(c)) {
                    return true;
                }
            }
            if (declaring.isInterface()) { // a more specific default method overrides it too
                Deque<Class<?>> interfaces = new ArrayDeque<>();
                Set<Class<?>> seen = new HashSet<>();
                for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                    interfaces.addAll(Arrays.asList(c.getInterfaces()));
                }
                while (!interfaces.isEmpty()) {
                    Class<?> next = interfaces.pop();
                    if (next != declaring && seen.add(next)) {
                        if (declaring.isAssignableFrom(next) && declares(next)) {
                            return true;
                        }
                        interfaces.addAll(Arrays.asList(next.getInterfaces()));
                    }
                }
            }
            return false;
        } catch (LinkageError unreadable) {
            return true; // its methods cannot be listed: it may override
        }
    }

    /** Whether {@code c} declares an instance method overriding one the weaver analysed. */
    private boolean declares(Class<?> c) {
        for (Method method : c.getDeclaredMethods()) {
            int modifiers = method.getModifiers();
            if (!Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers) && !Modifier.isAbstract(modifiers)
                    && analysed.contains(Signature.of(method))) {
                return true;
            }
        }
        return false;
    }

    /** After every pending call of the woven method, makes the call now; returns a task reporting its outcome. */
    private static Callable<?> alone(Callable<?> task) {
        Sync method = WovenSyncs.wovenMethod();
        if (method != null) {
            WovenRuntime.sync(method);
        }
        return CallsMadeAtOnce.makeHere(task);
    }
}
