package deco.core.woven;

import deco.core.internal.WovenSyncs;
import deco.core.remote.MethodCall;
import deco.core.remote.RemoteEngine;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * A {@code @Concurrent} call site under a remote engine: each call becomes a {@link MethodCall}
 * (method + receiver + arguments), handed to the engine at the call, which captures it there.
 */
final class ShippedCallSite {

    private static final MethodHandle SHIP;

    static {
        try {
            SHIP = MethodHandles.lookup().findVirtual(ShippedCallSite.class, "ship",
                    MethodType.methodType(Callable.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Method method;
    private final boolean hasReceiver;
    private final boolean recordsWrites;
    private final RemoteEngine engine;

    private ShippedCallSite(Method method, boolean hasReceiver, boolean recordsWrites, RemoteEngine engine) {
        this.method = method;
        this.hasReceiver = hasReceiver;
        this.recordsWrites = recordsWrites;
        this.engine = engine;
    }

    /**
     * @return {@code (receiver?, arguments...)Callable} of {@code type}'s parameters
     */
    static MethodHandle factory(MethodHandles.Lookup caller, MethodHandle callee, MethodType type,
                                RemoteEngine engine, boolean recordsWrites) {
        MethodHandleInfo info = caller.revealDirect(callee);
        Method method = info.reflectAs(Method.class, caller);
        boolean hasReceiver = info.getReferenceKind() != MethodHandleInfo.REF_invokeStatic;
        ShippedCallSite site = new ShippedCallSite(method, hasReceiver, recordsWrites, engine);
        return SHIP.bindTo(site).asCollector(Object[].class, type.parameterCount())
                .asType(type.changeReturnType(Callable.class));
    }

    private Callable<?> ship(Object[] inputs) {
        Object receiver = hasReceiver ? inputs[0] : null;
        Object[] arguments = hasReceiver ? Arrays.copyOfRange(inputs, 1, inputs.length) : inputs;
        if (hasReceiver && receiver == null) {
            throw new NullPointerException("Cannot invoke \"" + method.getDeclaringClass().getName() + "."
                    + method.getName() + "\" because the receiver is null");
        }
        try {
            return engine.ship(MethodCall.of(method, receiver, arguments, recordsWrites));
        } catch (RuntimeException refused) {
            WovenSyncs.refused(refused); // no partial store: the event fails at this call
            throw refused;
        }
    }
}
