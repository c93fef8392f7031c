package deco.core.woven;

import deco.core.ConcurrencyLimit;
import deco.core.ConcurrentException;
import deco.core.Sync;
import deco.core.engine.Engine;
import deco.core.internal.InitializerFailures;
import deco.core.internal.OwnStorageCollections;
import deco.core.internal.WovenSyncs;
import deco.core.remote.RemoteEngine;
import deco.core.remote.RemoteEngines;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

/**
 * What woven code calls into. <strong>Not API</strong>: public only because classes woven by
 * deco's weaver, in any module, must reach it; its members change without notice.
 *
 * <p>A woven {@code @Synchronized} method opens a {@link Sync} on entry ({@link #open()}),
 * closes it before every return ({@link #close(Sync)}) and on every exceptional exit
 * ({@link #closeAfterThrow(Throwable, Sync)}), turns each {@code @Concurrent} call into a task
 * ({@link #task}) and each store of its result into a deferred call ({@link #defer}).
 * A woven {@code @Concurrent} method records the index-based mutations of its arguments
 * ({@link #claimLog()}, {@link #mapPut}, {@link #listSet}, the {@code store*} methods).
 */
public final class WovenRuntime {

    private static final MethodHandle REGISTER;
    private static final MethodHandle LIMIT_WRAP;
    private static final MethodHandle RECORDING;
    private static final MethodHandle RUNNABLE_TO_CALLABLE;
    private static final MethodHandle UNBOXABLE;

    static {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            REGISTER = lookup.findVirtual(DeferredCall.class, "register",
                    MethodType.methodType(void.class, Object[].class, Sync.class));
            LIMIT_WRAP = lookup.findVirtual(ConcurrencyLimit.class, "wrap",
                    MethodType.methodType(Callable.class, Callable.class));
            RECORDING = lookup.findStatic(RecordingTask.class, "of",
                    MethodType.methodType(RecordingTask.class, Callable.class));
            RUNNABLE_TO_CALLABLE = lookup.findStatic(Executors.class, "callable",
                    MethodType.methodType(Callable.class, Runnable.class));
            UNBOXABLE = lookup.findStatic(WovenRuntime.class, "unboxable",
                    MethodType.methodType(Object.class, String.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private WovenRuntime() {
    }

    /** Flag of {@link #task}: the callee records mutations of its arguments. */
    public static final int RECORDS_MUTATIONS = 1;

    /**
     * Flag of {@link #task}: the weaver read {@code parallelism = 0} off the callee, so the call
     * site needs no {@link ConcurrencyLimit} (and no reflection on the callee's annotation, which
     * costs a first event tens of milliseconds). Without it the limit is looked up.
     */
    public static final int UNLIMITED = 2;

    /**
     * Flag of {@link #task}: the weaver found that the callee's only effects on its arguments are
     * recorded writes (no parameter is read and written, none escapes), so a remote engine may run
     * the call in another JVM. Without it the call runs in this JVM whatever the engine.
     */
    public static final int SHIPPABLE = 4;

    /**
     * Flag of {@link #task}: the weaver found that the callee reads nothing but its arguments (no
     * field, no static, no {@code ScopedValue}, no application code that may). Without it, on an
     * engine whose tasks do not see the caller's {@code ScopedValue} bindings, a call made under
     * bindings is made at once on the caller's thread (decision 040).
     */
    public static final int READS_ONLY_ARGUMENTS = 8;

    /**
     * Flag of {@link #task}: the weaver found that the callee uses a {@code ThreadLocal} (itself,
     * through application code or a lambda's body), whose value is the running thread's: every call
     * is made at once on the caller's thread, as serially, its outcome still reported in call order
     * (decision 045).
     */
    public static final int USES_THREAD_LOCALS = 16;

    /**
     * Flag of {@link #task}: the weaver found that the callee may set state the whole process
     * shares through the JDK (a system property, the default locale): the woven loop waits for every
     * pending call before the call, and the call is made at once on the caller's thread, so no call
     * runs beside it (decision 057).
     */
    public static final int SETS_PROCESS_STATE = 32;

    /**
     * Flag of {@link #task}: the callee is an instance method a subclass may override, and the
     * weaver analysed the one the call names. A receiver whose class overrides it runs code the
     * weaver never read: the woven loop waits for every pending call, and the call is made at once
     * on the caller's thread, so it runs alone, in call order, as serially (decision 067).
     */
    public static final int OVERRIDABLE = 64;

    // ---------------------------------------------------------------- @Synchronized methods

    /**
     * {@return the method's scope}
     */
    public static Sync open() {
        return WovenSyncs.open();
    }

    /**
     * The woven method took a {@code java.util.concurrent.locks} lock (or called a method that may
     * return holding one, decision 048), after an event that waited for every pending call: for
     * the rest of its run it counts as holding a lock, so calls whose callee may take a lock the
     * weaver cannot name are made at once, as serially ({@link AnyLockHeld}).
     */
    public static void lockTaken() {
        WovenSyncs.held(WovenSyncs.LOCKS);
    }

    /**
     * A synchronization event inside the method: before a read of something pending work
     * changes, and at every exit of a {@code try} block that contains {@code @Concurrent} calls.
     *
     * @param sync the method's scope
     */
    public static void sync(Sync sync) {
        event(sync, false);
    }

    /**
     * The synchronization event before a read that pending deferred stores may reach, taken only
     * if they do. An array that reaches only its own elements (a one-dimensional array of
     * primitives, {@code String}s or boxes) meets them if a pending store writes into that very
     * array (decision 054). A list or map the woven method reads only for its storage
     * ({@code get}, {@code size}, {@code containsKey}) meets them unless it is one of the JDK's
     * collections that hold their own storage ({@link OwnStorageCollections}, decision 055) and no
     * pending {@code put}, {@code set} or {@code add} writes into that very object (decision 061;
     * a store into a collection that is not one of them may write any, and counts as into all).
     *
     * @param read the array, list or map the woven method just loaded (or {@code null})
     * @param sync the method's scope
     */
    public static void syncIfStoresReach(Object read, Sync sync) {
        if (read == null) {
            return;
        }
        if (!read.getClass().isArray() && !OwnStorageCollections.is(read) || WovenSyncs.storeTargets(sync).contains(read)) {
            event(sync, false);
        }
    }

    /**
     * The synchronization event before a step of an iterator the woven method made from
     * {@code walked} ({@code for (K key : keys)}), taken only if pending deferred stores may reach
     * what it walks: unless {@code walked} is one of the JDK's collections that hold their own
     * storage ({@link OwnStorageCollections}) and no pending {@code put}, {@code set} or
     * {@code add} writes into that very object (decision 062).
     *
     * @param walked the collection the stepped iterator walks ({@code null}: not known, so the event)
     * @param sync   the method's scope
     */
    public static void syncIfWalkedStoresReach(Object walked, Sync sync) {
        if (walked == null) {
            event(sync, false);
        } else {
            syncIfStoresReach(walked, sync); // a collection, never an array: the same test
        }
    }

    /**
     * The synchronization event before a return.
     *
     * @param sync the method's scope
     */
    public static void close(Sync sync) {
        event(sync, true);
    }

    /**
     * The synchronization event of an exceptional exit. Every task still pending was called
     * before the method threw, so if one of them failed, the serial program would have stopped
     * there and never reached the method's own exception: the first failure in call order is thrown
     * and the method's exception is added to it as suppressed. Otherwise the method's exception is
     * thrown as it is.
     *
     * @param primary the exception leaving the method
     * @param sync    the method's scope
     * @return the exception to throw
     */
    public static Throwable closeAfterThrow(Throwable primary, Sync sync) {
        return eventAfterThrow(primary, sync, true);
    }

    /**
     * The synchronization event of an exception leaving a {@code try} block that contains
     * {@code @Concurrent} calls, run inside the block: as for {@link #closeAfterThrow}, a failure
     * of a pending task, called before the exception, is what the block's handlers see.
     *
     * @param thrown the exception leaving the block
     * @param sync   the method's scope
     * @return the exception the block's handlers must see
     */
    public static Throwable settle(Throwable thrown, Sync sync) {
        return eventAfterThrow(thrown, sync, false);
    }

    private static void event(Sync sync, boolean last) {
        try {
            if (last) {
                sync.close();
            } else {
                sync.sync();
            }
        } catch (ConcurrentException wrapped) {
            throw asSerial(wrapped);
        }
    }

    private static Throwable eventAfterThrow(Throwable thrown, Sync sync, boolean last) {
        try {
            event(sync, last);
        } catch (Throwable failure) {
            if (InitializerFailures.firstUse(failure, thrown) == thrown) {
                // the loop reached the class first and its initializer failed there; serially the
                // pending call's use came first and got that failure (decision 068)
                thrown.addSuppressed(failure);
                return thrown;
            }
            if (failure != thrown) {
                failure.addSuppressed(thrown);
                return failure;
            }
        }
        return thrown;
    }

    /**
     * A task's checked exception, which the serial program would have thrown at the call, is
     * thrown as it is in woven code, not wrapped: a {@code catch} of it works as serially.
     */
    private static RuntimeException asSerial(ConcurrentException wrapped) {
        Throwable cause = wrapped.getCause();
        if (wrapped.getClass() == ConcurrentException.class && cause instanceof Exception
                && !(cause instanceof RuntimeException) && !(cause instanceof InterruptedException)) {
            for (Throwable other : wrapped.getSuppressed()) {
                cause.addSuppressed(other);
            }
            throw Sneaky.<RuntimeException>rethrow(cause);
        }
        return wrapped;
    }

    /**
     * A {@code @Concurrent} call as a statement: run it, discard the result.
     *
     * @param task the call
     * @param sync the method's scope
     */
    public static void fork(Callable<?> task, Sync sync) {
        sync.then(task, new ReplayedWrites(task));
    }

    /**
     * Bootstrap of a {@code @Concurrent} call site: {@code (receiver?, arguments...)Callable}.
     * The callee's {@link deco.core.Concurrent#parallelism()} is honoured through its
     * {@link ConcurrencyLimit}.
     *
     * @param caller the woven class's lookup
     * @param name   unused
     * @param type   the captured receiver and arguments, returning {@link Callable}
     * @param callee the {@code @Concurrent} method
     * @param flags  {@link #RECORDS_MUTATIONS}, {@link #UNLIMITED}, {@link #SHIPPABLE},
     *               {@link #READS_ONLY_ARGUMENTS}, {@link #USES_THREAD_LOCALS},
     *               {@link #SETS_PROCESS_STATE} and {@link #OVERRIDABLE}, or 0
     * @return the call site
     * @throws LambdaConversionException if the callee cannot be made a task
     */
    public static CallSite task(MethodHandles.Lookup caller, String name, MethodType type,
                                MethodHandle callee, int flags) throws LambdaConversionException {
        return taskTakingLocks(caller, name, type, callee, flags);
    }

    /**
     * Bootstrap of a {@code @Concurrent} call site whose callee may lock objects the caller could
     * hold (decision 044): as {@link #task}, and the call is made at once on the calling thread
     * while it holds one of them.
     *
     * @param caller the woven class's lookup
     * @param name   unused
     * @param type   the captured receiver and arguments, returning {@link Callable}
     * @param callee the {@code @Concurrent} method
     * @param flags  as {@link #task}'s
     * @param locks  the objects the callee may lock, as paths from a static field's object, the
     *               receiver or an argument through fields and array elements, or a class's monitor
     *               ({@code LockPath}'s format, in deco.core's internal package)
     * @return the call site
     * @throws LambdaConversionException if the callee cannot be made a task
     */
    public static CallSite taskTakingLocks(MethodHandles.Lookup caller, String name, MethodType type,
                                           MethodHandle callee, int flags, String... locks)
            throws LambdaConversionException {
        RemoteEngine remote = (flags & SHIPPABLE) != 0 ? RemoteEngines.current() : null;
        MethodHandle factory = remote != null
                ? ShippedCallSite.factory(caller, callee, type, remote, (flags & RECORDS_MUTATIONS) != 0)
                : localFactory(caller, type, callee);
        if ((flags & UNLIMITED) == 0) {
            ConcurrencyLimit limit = ConcurrencyLimit.of(caller.revealDirect(callee).reflectAs(Method.class, caller));
            if (limit.maxConcurrent() > 0) {
                factory = MethodHandles.filterReturnValue(factory, LIMIT_WRAP.bindTo(limit));
            }
        }
        if ((flags & RECORDS_MUTATIONS) != 0) {
            factory = MethodHandles.filterReturnValue(factory,
                    RECORDING.asType(MethodType.methodType(Callable.class, Callable.class)));
        }
        MethodType factoryType = factory.type();
        MethodHandle analysed = factory;
        // a call in another JVM takes no monitor of this one; it sees no binding of this one either
        MethodHandle monitors = remote == null
                ? CallerHeldMonitors.test(caller, factoryType, caller.revealDirect(callee), locks) : null;
        boolean bindingsLost = remote != null || !Engine.current().carriesScopedValueBindings();
        MethodHandle bindings = bindingsLost && (flags & READS_ONLY_ARGUMENTS) == 0 ? OwnerBindings.test(factoryType) : null;
        // the caller's thread-local values, as serially; or state the whole process shares, set with
        // no call running beside it
        MethodHandle atOnce = (flags & (USES_THREAD_LOCALS | SETS_PROCESS_STATE)) != 0
                ? CallsMadeAtOnce.always(factoryType)
                : CallsMadeAtOnce.either(monitors, bindings);
        factory = CallsMadeAtOnce.guard(factory, atOnce);
        if ((flags & OVERRIDABLE) != 0) {
            factory = OverridingReceivers.guard(analysed, factory, caller.revealDirect(callee));
        }
        return new ConstantCallSite(factory.asType(type));
    }

    /** {@code (receiver?, arguments...)Callable}: a lambda that calls the callee in this JVM. */
    private static MethodHandle localFactory(MethodHandles.Lookup caller, MethodType type, MethodHandle callee)
            throws LambdaConversionException {
        boolean isVoid = callee.type().returnType() == void.class;
        MethodType captures = type.changeReturnType(isVoid ? Runnable.class : Callable.class);
        MethodHandle factory = LambdaMetafactory.metafactory(caller,
                        isVoid ? "run" : "call",
                        captures,
                        isVoid ? MethodType.methodType(void.class) : MethodType.methodType(Object.class),
                        callee,
                        isVoid ? MethodType.methodType(void.class) : MethodType.methodType(Object.class))
                .getTarget();
        return isVoid ? MethodHandles.filterReturnValue(factory, RUNNABLE_TO_CALLABLE) : factory;
    }

    /**
     * Bootstrap of a deferred store: the call site takes the consumer's inputs, with the task in
     * place of the {@code @Concurrent} result at {@code position}, then the {@link Sync}; it
     * returns the consumer's return type (a default value: the program discards it).
     *
     * @param caller      the woven class's lookup
     * @param name        unused
     * @param type        {@code (inputs..., Sync)R}
     * @param consumer    what the serial program did with the result
     * @param position    where the result goes among the consumer's inputs
     * @param conversions the descriptors of the types the result passed through between call and
     *                    consumer, concatenated, starting with the callee's return type (boxing,
     *                    unboxing, casts, primitive conversions); then, from weavers since decision
     *                    045, a space and the callee as the JVM names it in a null dereference's
     *                    message ({@code app.Model.cell(int, String)})
     * @return the call site
     */
    public static CallSite defer(MethodHandles.Lookup caller, String name, MethodType type,
                                 MethodHandle consumer, int position, String conversions) {
        int inputs = type.parameterCount() - 1;
        int last = consumer.type().parameterCount() - 1;
        MethodHandleInfo consumerInfo = caller.revealDirect(consumer);
        Write.Kind store = KnownRefusals.store(consumerInfo);
        int kind = consumerInfo.getReferenceKind();
        boolean dereferencesFirst = store == Write.Kind.ARRAY_STORE || kind == MethodHandleInfo.REF_invokeVirtual
                || kind == MethodHandleInfo.REF_invokeInterface || kind == MethodHandleInfo.REF_invokeSpecial;
        if (last == inputs && consumer.type().parameterType(last) == MutationLog.class) {
            consumer = MethodHandles.insertArguments(consumer, last, (Object) null); // owner: write through
        }
        int space = conversions.indexOf(' ');
        String descriptors = space < 0 ? conversions : conversions.substring(0, space);
        String callee = space < 0 ? null : conversions.substring(space + 1);
        Class<?>[] chain = MethodType.fromMethodDescriptorString("(" + descriptors + ")V",
                caller.lookupClass().getClassLoader()).parameterArray();
        MethodHandle conversion = conversion(chain, consumer.type().parameterType(position), callee);
        MethodHandle spread = consumer.asType(MethodType.genericMethodType(inputs))
                .asSpreader(Object[].class, inputs);
        DeferredCall call = new DeferredCall(spread, position, conversion, dereferencesFirst, store);
        MethodHandle target = REGISTER.bindTo(call).asCollector(0, Object[].class, inputs)
                .asType(type.changeReturnType(void.class));
        if (type.returnType() != void.class) {
            target = MethodHandles.filterReturnValue(target, MethodHandles.zero(type.returnType()));
        }
        return new ConstantCallSite(target);
    }

    /**
     * {@code (Object)Object}: the task's (boxed) result through each conversion in turn, as the
     * serial bytecode converts it: a cast checks the type, an unboxing of {@code null} throws
     * {@link NullPointerException} ({@code explicitCastArguments} alone would make it zero).
     */
    private static MethodHandle conversion(Class<?>[] types, Class<?> finalType, String callee) {
        MethodHandle chain = MethodHandles.identity(types[0]);
        for (int i = 1; i <= types.length; i++) {
            chain = convert(chain, i < types.length ? types[i] : finalType, callee);
        }
        return chain.asType(MethodType.methodType(Object.class, Object.class));
    }

    private static MethodHandle convert(MethodHandle chain, Class<?> to, String callee) {
        Class<?> from = chain.type().returnType();
        if (!from.isPrimitive() && to.isPrimitive()) {
            // the serial bytecode calls intValue() (or longValue() ...) on the result: its message
            String message = callee == null ? "cannot unbox the null result of a @Concurrent call"
                    : "Cannot invoke \"" + from.getName() + "." + to.getName() + "Value()\" because the return value of \""
                    + callee + "\" is null";
            chain = MethodHandles.filterReturnValue(chain,
                    MethodHandles.insertArguments(UNBOXABLE, 0, message).asType(MethodType.methodType(from, from)));
        }
        return MethodHandles.explicitCastArguments(chain, chain.type().changeReturnType(to));
    }

    /** The filter before an unboxing: {@code null} throws, as {@code intValue()} on it would serially. */
    private static Object unboxable(String message, Object value) {
        if (value == null) {
            throw new NullPointerException(message);
        }
        return value;
    }

    // ---------------------------------------------------------------- @Concurrent methods

    /**
     * Called on entry of a woven {@code @Concurrent} method that mutates its arguments.
     *
     * @return the log of the forked call this frame runs as, or {@code null} when the method runs
     * serially (not forked, or called from inside another call's task)
     */
    public static MutationLog claimLog() {
        if (!RecordingTask.LOG.isBound()) {
            return null;
        }
        MutationLog log = RecordingTask.LOG.get();
        return log.claim() ? log : null;
    }

    /**
     * {@code map.put(key, value)} on an argument.
     *
     * @param map   the argument
     * @param key   the key
     * @param value the value
     * @param log   the claimed log, or null to write through
     * @return the value before (as seen by this call)
     * @throws UnsupportedOperationException if the map is one of the JDK's read-only maps
     * @throws NullPointerException          if the map is one of the JDK's that refuse this null
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object mapPut(Map map, Object key, Object value, MutationLog log) {
        if (log == null) {
            return map.put(key, value);
        }
        KnownRefusals.checkPut(map, key, value);
        Object previous = map.get(key);
        log.record(new Write(Write.Kind.MAP_PUT, map, key, value));
        return previous;
    }

    /**
     * {@code list.set(index, value)} on an argument.
     *
     * @param list  the argument
     * @param index the index
     * @param value the element
     * @param log   the claimed log, or null to write through
     * @return the element before (as seen by this call)
     * @throws IndexOutOfBoundsException    if the index is out of range now
     * @throws UnsupportedOperationException if the list is one of the JDK's read-only lists
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object listSet(List list, int index, Object value, MutationLog log) {
        if (log == null) {
            return list.set(index, value);
        }
        KnownRefusals.checkSet(list);
        Object previous = list.get(index);
        log.record(new Write(Write.Kind.LIST_SET, list, index, value));
        return previous;
    }

    /**
     * {@code array[index] = value} ({@code int[]}) on an argument, or as a deferred store.
     *
     * @param array the array
     * @param index the index
     * @param value the value
     * @param log   the claimed log, or null to write through
     */
    public static void storeInt(int[] array, int index, int value, MutationLog log) {
        checkIndex(array.length, index);
        if (log == null) {
            array[index] = value;
        } else {
            log.record(new Write(Write.Kind.ARRAY_STORE, array, index, value));
        }
    }

    /**
     * {@code array[index] = value} ({@code long[]}).
     *
     * @param array the array
     * @param index the index
     * @param value the value
     * @param log   the claimed log, or null to write through
     */
    public static void storeLong(long[] array, int index, long value, MutationLog log) {
        checkIndex(array.length, index);
        if (log == null) {
            array[index] = value;
        } else {
            log.record(new Write(Write.Kind.ARRAY_STORE, array, index, value));
        }
    }

    /**
     * {@code array[index] = value} ({@code float[]}).
     *
     * @param array the array
     * @param index the index
     * @param value the value
     * @param log   the claimed log, or null to write through
     */
    public static void storeFloat(float[] array, int index, float value, MutationLog log) {
        checkIndex(array.length, index);
        if (log == null) {
            array[index] = value;
        } else {
            log.record(new Write(Write.Kind.ARRAY_STORE, array, index, value));
        }
    }

    /**
     * {@code array[index] = value} ({@code double[]}).
     *
     * @param array the array
     * @param index the index
     * @param value the value
     * @param log   the claimed log, or null to write through
     */
    public static void storeDouble(double[] array, int index, double value, MutationLog log) {
        checkIndex(array.length, index);
        if (log == null) {
            array[index] = value;
        } else {
            log.record(new Write(Write.Kind.ARRAY_STORE, array, index, value));
        }
    }

    /**
     * {@code array[index] = value} ({@code byte[]} or {@code boolean[]}, as {@code bastore}).
     *
     * @param array the array
     * @param index the index
     * @param value the value
     * @param log   the claimed log, or null to write through
     */
    public static void storeByte(Object array, int index, int value, MutationLog log) {
        Write store = new Write(Write.Kind.ARRAY_STORE, array, index,
                array instanceof boolean[] ? (Object) ((value & 1) != 0) : (Object) (byte) value);
        checkIndex(java.lang.reflect.Array.getLength(array), index);
        if (log == null) {
            store.apply();
        } else {
            log.record(store);
        }
    }

    /**
     * {@code array[index] = value} ({@code char[]}).
     *
     * @param array the array
     * @param index the index
     * @param value the value
     * @param log   the claimed log, or null to write through
     */
    public static void storeChar(char[] array, int index, int value, MutationLog log) {
        checkIndex(array.length, index);
        if (log == null) {
            array[index] = (char) value;
        } else {
            log.record(new Write(Write.Kind.ARRAY_STORE, array, index, (char) value));
        }
    }

    /**
     * {@code array[index] = value} ({@code short[]}).
     *
     * @param array the array
     * @param index the index
     * @param value the value
     * @param log   the claimed log, or null to write through
     */
    public static void storeShort(short[] array, int index, int value, MutationLog log) {
        checkIndex(array.length, index);
        if (log == null) {
            array[index] = (short) value;
        } else {
            log.record(new Write(Write.Kind.ARRAY_STORE, array, index, (short) value));
        }
    }

    /**
     * {@code array[index] = value} (reference arrays; the store check happens on replay as well
     * as now).
     *
     * @param array the array
     * @param index the index
     * @param value the value
     * @param log   the claimed log, or null to write through
     */
    public static void storeReference(Object[] array, int index, Object value, MutationLog log) {
        checkIndex(array.length, index);
        if (value != null && !array.getClass().getComponentType().isInstance(value)) {
            throw new ArrayStoreException(value.getClass().getName());
        }
        if (log == null) {
            array[index] = value;
        } else {
            log.record(new Write(Write.Kind.ARRAY_STORE, array, index, value));
        }
    }

    private static void checkIndex(int length, int index) {
        if (index < 0 || index >= length) {
            throw new ArrayIndexOutOfBoundsException("Index " + index + " out of bounds for length " + length);
        }
    }
}
