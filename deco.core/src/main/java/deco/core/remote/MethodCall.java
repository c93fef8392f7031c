package deco.core.remote;

import deco.core.woven.RecordedCalls;
import deco.core.woven.Write;
import java.io.Serial;
import java.io.Serializable;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A woven {@code @Concurrent} call described as method + arguments, as a remote engine ships it:
 * the declaring class, name and descriptor of the method, its receiver (for an instance method)
 * and its arguments. Serializable when they are.
 *
 * <p>On the member, {@link #invoke(ClassLoader)} runs the method and returns its result with the
 * index-based writes it made to its arguments (decision 004), each naming its argument by
 * position; on the owner, {@link #recordWrites(List)} records those writes against the owner's own
 * argument objects, so the caller's event replays them in call order exactly as for a local call.
 *
 * <p>Not thread-safe; made on the owner thread at the call, then only read.
 */
public final class MethodCall implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The binary name of the class that declares the method. */
    private final String declaringClass;
    /** The method's name. */
    private final String name;
    /** The method's descriptor, which picks it among overloads. */
    private final String descriptor;
    /** The receiver, {@code null} for a static method. */
    private final Object receiver;
    /** The arguments, boxed. */
    private final Object[] arguments;
    /** Whether the woven method records index-based writes to its arguments. */
    private final boolean recordsWrites;
    /** The method, on the side that made or resolved the call. */
    private transient Method method;

    private MethodCall(Method method, Object receiver, Object[] arguments, boolean recordsWrites) {
        this.declaringClass = method.getDeclaringClass().getName();
        this.name = method.getName();
        this.descriptor = MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                .toMethodDescriptorString();
        this.receiver = receiver;
        this.arguments = arguments;
        this.recordsWrites = recordsWrites;
        this.method = method;
    }

    /**
     * Describes a call; made at the call site, on the owner thread.
     *
     * @param method        the {@code @Concurrent} method
     * @param receiver      its receiver, {@code null} for a static method
     * @param arguments     its arguments, boxed; the array is kept, not copied
     * @param recordsWrites whether the woven method records index-based writes to its arguments
     * @return the call
     */
    public static MethodCall of(Method method, Object receiver, Object[] arguments, boolean recordsWrites) {
        if (Modifier.isStatic(method.getModifiers()) != (receiver == null)) {
            throw new IllegalArgumentException("receiver " + receiver + " does not fit " + method);
        }
        return new MethodCall(method, receiver, arguments, recordsWrites);
    }

    /** {@return the method, as the owner made the call} */
    public Method method() {
        return method;
    }

    /** {@return the receiver, {@code null} for a static method} */
    public Object receiver() {
        return receiver;
    }

    /** {@return the arguments (the call's own array)} */
    public Object[] arguments() {
        return arguments;
    }

    /** {@return how the call reads in messages: {@code Climate.process(int, int)}} */
    public String describe() {
        String simple = declaringClass.substring(declaringClass.lastIndexOf('.') + 1);
        String parameters = method != null
                ? Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
                : descriptor.substring(1, descriptor.indexOf(')'));
        return simple + "." + name + "(" + parameters + ")";
    }

    /**
     * How parameter {@code index} reads in messages: its name when the class was compiled with
     * {@code -parameters}, else its position, with its declared type.
     *
     * @param index the parameter's position, 0-based
     * @return e.g. {@code "parameter grid (double[][])"} or {@code "parameter 2 (double[][])"}
     */
    public String describeParameter(int index) {
        java.lang.reflect.Parameter parameter = method.getParameters()[index];
        String label = parameter.isNamePresent() ? parameter.getName() : String.valueOf(index + 1);
        return "parameter " + label + " (" + parameter.getType().getTypeName() + ")";
    }

    /**
     * Runs the call in this JVM, on a member: resolves the method through {@code loader}, invokes
     * it, and, if it records writes, collects them.
     *
     * @param loader where the application's classes are
     * @return the result and the writes to the arguments
     * @throws Exception             what the method threw, as it is, or {@link ReflectiveOperationException}
     *                               if the method is not found
     * @throws IllegalStateException if the method should record its writes but this JVM's copy of
     *                               its class is not woven (its writes would be lost)
     */
    public Result invoke(ClassLoader loader) throws Exception {
        Method resolved = resolve(loader);
        if (!recordsWrites) {
            return new Result(call(resolved), List.of());
        }
        RecordedCalls.Recorded recorded = RecordedCalls.run(() -> call(resolved));
        if (!recorded.claimed()) {
            throw new IllegalStateException(describe() + " writes its arguments by index, but this JVM's "
                    + declaringClass + " is not woven, so the writes would be lost: give the members the "
                    + "woven classes (the offline weaver's output) or run them with -javaagent:deco.core.jar");
        }
        List<ArgumentWrite> writes = new ArrayList<>(recorded.writes().size());
        for (Write write : recorded.writes()) {
            writes.add(new ArgumentWrite(argumentIndex(write.target()), write.to(null)));
        }
        return new Result(recorded.result(), writes);
    }

    /**
     * On the owner, after the member ran the call: records each write against the owner's own
     * argument, in the log of the forked call running on this thread, to be replayed at the event.
     *
     * @param writes the writes the member returned
     */
    public void recordWrites(List<ArgumentWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        List<Write> own = new ArrayList<>(writes.size());
        for (ArgumentWrite write : writes) {
            own.add(write.write().to(arguments[write.argument()]));
        }
        RecordedCalls.recordAll(own);
    }

    private int argumentIndex(Object target) {
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i] == target) {
                return i;
            }
        }
        throw new IllegalStateException(describe() + " recorded a write to an object that is not one of "
                + "its arguments");
    }

    private Object call(Method resolved) throws Exception {
        try {
            return resolved.invoke(receiver, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    private Method resolve(ClassLoader loader) throws ReflectiveOperationException {
        if (method == null) {
            Class<?> type = Class.forName(declaringClass, false, loader);
            MethodType signature = MethodType.fromMethodDescriptorString(descriptor, loader);
            Method found = type.getDeclaredMethod(name, signature.parameterArray());
            found.setAccessible(true);
            method = found;
        }
        return method;
    }

    @Override
    public String toString() {
        return "MethodCall[" + describe() + "]";
    }

    /**
     * What a call returned on the member.
     *
     * @param value  the method's result ({@code null} for {@code void})
     * @param writes the writes it made to its arguments, in order
     */
    public record Result(Object value, List<ArgumentWrite> writes) implements Serializable {
    }

    /**
     * One write to argument {@code argument} of the call; its {@link Write#target()} is
     * {@code null} in transit.
     *
     * @param argument the argument's position
     * @param write    the write
     */
    public record ArgumentWrite(int argument, Write write) implements Serializable {
    }
}
