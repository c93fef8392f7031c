package deco.cluster.engine;

import deco.cluster.ClusterSettings;
import deco.cluster.TaskNotSerializableException;
import deco.core.remote.MethodCall;
import deco.core.remote.RemoteEngine;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;

/**
 * deco's engine on a Hazelcast cluster, found by deco.core as a {@link RemoteEngine} service and
 * used when {@link ClusterSettings#configured()}. Connects on the first task (at the call, so a
 * cluster that cannot be reached fails that call), as a Hazelcast client.
 *
 * <p>At each call it serialises the task — a woven call's receiver and arguments, or an explicit
 * task with what it captured — so that anything that cannot travel fails there, naming the
 * method, the parameter and the type, before anything of the call runs. Thread-safe.
 */
public final class ClusterEngine implements RemoteEngine {

    private final Object connectLock = new Object();
    /** The application's code as each class loader of the program's calls sees it. */
    private final Map<ClassLoader, ApplicationCode> applicationCode = new ConcurrentHashMap<>();
    private volatile OwnerClient client;

    /** Created by the service loader. */
    public ClusterEngine() {
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public boolean configured() {
        return ClusterSettings.configured();
    }

    @Override
    public <R> Callable<R> ship(MethodCall call) {
        String what = "@Concurrent " + call.describe();
        checkResultType(call.method(), what);
        Set<Class<?>> classes = new HashSet<>();
        classes.add(call.method().getDeclaringClass());
        byte[] payload;
        try {
            payload = Payloads.write(call, classes);
        } catch (IOException e) {
            throw new TaskNotSerializableException(what + " cannot run on the cluster: " + culprit(call)
                    + " (" + e + "); make it Serializable, or run without deco.cluster", e);
        }
        return remoteCall(payload, classes, call, loaderOf(call.method().getDeclaringClass()), what);
    }

    @Override
    public <R> Callable<R> ship(Callable<R> task, String origin) {
        String what = "the task given to " + origin;
        if (!(task instanceof Serializable)) {
            throw new TaskNotSerializableException(what + " cannot run on the cluster: it is a "
                    + task.getClass().getName() + ", which is not Serializable. Write the lambda at the call "
                    + "(deco then takes it as a SerializableCallable) or make the class Serializable", null);
        }
        Set<Class<?>> classes = new HashSet<>();
        byte[] payload;
        try {
            payload = Payloads.write(task, classes);
        } catch (IOException e) {
            throw new TaskNotSerializableException(what + " cannot run on the cluster: it captures something "
                    + "that is not Serializable (" + e + ")", e);
        }
        return remoteCall(payload, classes, null, loaderOf(task.getClass()), what);
    }

    /** The shipped task, with the fingerprint of the code it can run (decision 041). */
    private <R> RemoteCall<R> remoteCall(byte[] payload, Set<Class<?>> classes, MethodCall call, ClassLoader loader,
                                         String what) {
        List<String> roots = ApplicationCode.roots(classes);
        ApplicationCode.Fingerprint code = applicationCode.computeIfAbsent(loader, ApplicationCode::new).of(roots);
        return new RemoteCall<>(client(), payload, roots, code, call, loader, what);
    }

    /** A declared result type that can never travel fails at the call, not at the event. */
    private static void checkResultType(Method method, String what) {
        Class<?> type = method.getReturnType();
        if (!type.isPrimitive() && !type.isInterface() && Modifier.isFinal(type.getModifiers())
                && !Serializable.class.isAssignableFrom(type)) {
            throw new TaskNotSerializableException(what + " cannot run on the cluster: its result type "
                    + type.getName() + " is not Serializable", null);
        }
    }

    /** Names the receiver or the first argument that does not serialise. */
    private static String culprit(MethodCall call) {
        if (call.receiver() != null && !serialises(call.receiver())) {
            return "its receiver (this) is a " + call.receiver().getClass().getName() + ", which is not Serializable";
        }
        Object[] arguments = call.arguments();
        for (int i = 0; i < arguments.length; i++) {
            if (!serialises(arguments[i])) {
                return call.describeParameter(i) + " is a " + arguments[i].getClass().getName()
                        + ", which is not Serializable or holds something that is not";
            }
        }
        return "its arguments do not serialise";
    }

    private static boolean serialises(Object value) {
        try {
            Payloads.write(value);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ClassLoader loaderOf(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    private OwnerClient client() {
        OwnerClient connected = client;
        if (connected == null) {
            synchronized (connectLock) {
                connected = client;
                if (connected == null) {
                    connected = OwnerClient.connect(ClusterSettings.fromSystemProperties());
                    client = connected;
                }
            }
        }
        return connected;
    }

    @Override
    public String toString() {
        return "ClusterEngine[" + (client == null ? "not connected" : client.settings()) + "]";
    }
}
