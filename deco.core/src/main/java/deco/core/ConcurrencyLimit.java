package deco.core;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * A cap on how many tasks run at once: the explicit-API form of
 * {@link Concurrent#parallelism()}.
 *
 * <p>{@link #wrap(Callable)} returns a task that takes a permit on its own thread before it runs
 * and gives it back when it ends, so forking a wrapped task never blocks the caller; the permits
 * are handed out first come, first served. One limit may be shared by any number of {@link Sync}s
 * and threads. {@link #forMethod} and {@link #of(Method)} return the same instance for the same
 * method every time, so every call of one {@code @Concurrent} method, woven or explicit, shares
 * one cap.
 *
 * {@snippet :
 * ConcurrencyLimit two = ConcurrencyLimit.of(2);
 * try (Sync sync = Deco.synchronize()) {
 *     for (int i = 0; i < 20; i++) {
 *         int n = i;
 *         sync.add(results, two.wrap(() -> download(n))); // at most 2 downloads at once
 *     }
 * }
 * }
 *
 * <p>Thread-safe. Memory-consistency effects: the end of a wrapped task happens-before the start
 * of the wrapped task that receives its permit.
 */
public final class ConcurrencyLimit {

    private static final ConcurrencyLimit UNLIMITED = new ConcurrencyLimit(0);
    private static final Map<Method, ConcurrencyLimit> BY_METHOD = new ConcurrentHashMap<>();

    private final int maxConcurrent;
    private final Semaphore permits;

    private ConcurrencyLimit(int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
        this.permits = maxConcurrent == 0 ? null : new Semaphore(maxConcurrent, true);
    }

    /**
     * A new limit of {@code maxConcurrent} tasks at once.
     *
     * @param maxConcurrent the cap, 1 or more
     * @return the limit
     * @throws IllegalArgumentException if {@code maxConcurrent < 1}
     */
    public static ConcurrencyLimit of(int maxConcurrent) {
        return new ConcurrencyLimit(Checks.positive(maxConcurrent, "maxConcurrent"));
    }

    /**
     * The limit that never makes a task wait.
     *
     * @return the shared unlimited instance
     */
    public static ConcurrencyLimit unlimited() {
        return UNLIMITED;
    }

    /**
     * The limit of a {@link Concurrent} method: {@link Concurrent#parallelism()} permits, or
     * {@link #unlimited()} for {@code 0}. The same method always gives the same instance.
     *
     * @param method a method annotated {@code @Concurrent}
     * @return the method's limit
     * @throws NullPointerException     if {@code method} is null
     * @throws IllegalArgumentException if the method is not annotated {@code @Concurrent}, or its
     *                                  parallelism is negative
     */
    public static ConcurrencyLimit of(Method method) {
        Checks.notNull(method, "method");
        ConcurrencyLimit known = BY_METHOD.get(method);
        if (known != null) {
            return known;
        }
        Concurrent concurrent = method.getAnnotation(Concurrent.class);
        if (concurrent == null) {
            throw new IllegalArgumentException(method + " is not annotated @Concurrent");
        }
        int parallelism = concurrent.parallelism();
        if (parallelism < 0) {
            throw new IllegalArgumentException("@Concurrent(parallelism = " + parallelism + ") on "
                    + method + ": parallelism must be 0 or more");
        }
        return BY_METHOD.computeIfAbsent(method,
                m -> parallelism == 0 ? UNLIMITED : new ConcurrencyLimit(parallelism));
    }

    /**
     * The limit of the {@link Concurrent} method {@code name(parameterTypes)} declared by
     * {@code type}, as {@link #of(Method)}.
     *
     * @param type           the class that declares the method
     * @param name           the method's name
     * @param parameterTypes the method's parameter types
     * @return the method's limit
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if there is no such method, or it is not {@code @Concurrent}
     */
    public static ConcurrencyLimit forMethod(Class<?> type, String name, Class<?>... parameterTypes) {
        Checks.notNull(type, "type");
        Checks.notNull(name, "name");
        Checks.notNull(parameterTypes, "parameterTypes");
        try {
            return of(type.getDeclaredMethod(name, parameterTypes));
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("no method " + name + Arrays.toString(parameterTypes)
                    .replace('[', '(').replace(']', ')') + " in " + type.getName(), e);
        }
    }

    /**
     * {@return the cap, or {@code 0} for unlimited}
     */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /**
     * Wraps {@code task} so that it runs only while holding one of this limit's permits.
     *
     * @param task the task
     * @param <R>  its result type
     * @return the wrapped task ({@code task} itself when unlimited)
     * @throws NullPointerException if {@code task} is null
     */
    public <R> Callable<R> wrap(Callable<R> task) {
        Checks.notNull(task, "task");
        if (permits == null) {
            return task;
        }
        return new Limited<>(this, task);
    }

    /**
     * As {@link #wrap(Callable)}; a lambda written at this call is {@link java.io.Serializable},
     * so that a cluster engine can ship the wrapped task (the permit is held on the caller's
     * side while the task runs remotely).
     *
     * @param task the task
     * @param <R>  its result type
     * @return the wrapped task ({@code task} itself when unlimited)
     * @throws NullPointerException if {@code task} is null
     */
    public <R> Callable<R> wrap(SerializableCallable<R> task) {
        return wrap((Callable<R>) task);
    }

    /**
     * A task that holds a permit while it runs. A class, not a lambda: placing a task on a remote
     * engine ships the inner task and keeps the permit here ({@link Placement}).
     */
    static final class Limited<R> implements Callable<R> {
        private final ConcurrencyLimit limit;
        private final Callable<R> task;

        Limited(ConcurrencyLimit limit, Callable<R> task) {
            this.limit = limit;
            this.task = task;
        }

        Callable<R> task() {
            return task;
        }

        /** @return this limit around {@code other} */
        Callable<R> around(Callable<R> other) {
            return new Limited<>(limit, other);
        }

        @Override
        public R call() throws Exception {
            limit.permits.acquire();
            try {
                return task.call();
            } finally {
                limit.permits.release();
            }
        }
    }

    @Override
    public String toString() {
        return maxConcurrent == 0 ? "ConcurrencyLimit[unlimited]" : "ConcurrencyLimit[" + maxConcurrent + "]";
    }
}
