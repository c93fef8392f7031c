package deco.core;

import deco.core.engine.Batch;
import deco.core.engine.BatchTimeoutException;
import deco.core.engine.Engine;
import deco.core.engine.TaskHandle;
import deco.core.internal.StoreTargets;
import deco.core.internal.WovenSyncs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A synchronization scope: tasks run concurrently, and what the serial program would have done
 * with their results happens at the next synchronization event, on the owner thread, in call
 * order. Obtained from {@link Deco#synchronize()}; the explicit form of a {@link Synchronized}
 * method.
 *
 * {@snippet :
 * Map<Integer, Double> results = new HashMap<>();
 * try (Sync sync = Deco.synchronize()) {
 *     for (int i = 0; i < 100; i++) {
 *         int n = i;
 *         sync.put(results, n, () -> simulate(n)); // returns at once
 *     }
 * } // synchronization event: all 100 puts happen here, in call order
 * }
 *
 * <h2>Synchronization events</h2>
 * {@link #sync()} and {@link #close()} are synchronization events. At an event the owner waits
 * for every task started since the previous event, then performs the deferred stores and calls in
 * the order they were made, so the result is exactly the serial program's (a later store to the
 * same place wins). Until then, targets are untouched by deco.
 *
 * <h2>Failure</h2>
 * When a task fails, the event cancels the tasks started after it, waits for the ones started
 * before it (one of them may fail too, and the serial program would have met that one first),
 * applies <em>none</em> of its deferred stores and throws the first failure in call order:
 * unchecked exceptions and errors as they are,
 * checked exceptions wrapped in {@link ConcurrentException}; failures of later tasks are added as
 * suppressed exceptions. A store that itself throws (an index out of range, a read-only map) stops
 * the event there, as the serial program would have stopped: earlier stores stay done, later ones
 * are not made, and the exception is thrown. A {@linkplain Deco#synchronize(Duration) timeout}
 * cancels every task of the event and throws {@link SyncTimeoutException}; an interrupt of the
 * owner while it waits cancels every task, keeps the interrupt status and throws a
 * {@link ConcurrentException} caused by {@link InterruptedException}. In every case the
 * {@code Sync} stays usable for the next event.
 *
 * <h2>Threads and nesting</h2>
 * A {@code Sync} belongs to the thread that created it; any other thread gets a
 * {@link WrongThreadException} and changes nothing. A task may open its own {@code Sync}
 * (nesting). Syncs on one thread nest like {@code try} blocks: a {@code Sync} whose tasks started
 * before those of another {@code Sync} on the same thread cannot synchronize until that other one
 * has (an {@link IllegalStateException} says so and changes nothing).
 *
 * <p>Tasks run on other threads: a task that takes a lock the owner holds (a monitor the owner
 * entered around the {@code Sync}, a {@code ReentrantLock}) waits for the owner, and an owner that
 * waits for it in an event never returns. Take such locks inside the task only. (Woven code is
 * guarded: a call under a monitor its caller holds is made on the caller's thread, decision 039.)
 *
 * <p>{@code ScopedValue} bindings (decision 040): under the structured engine a task sees the
 * bindings in force at its event's first call; under the virtual-thread engine it sees none (Java
 * 25 offers no way to carry them outside {@code StructuredTaskScope}). Read a scoped value on the
 * owner and capture it, or bind outside the {@code Sync}. On the structured engine a call made
 * inside a binding entered after its event's first call fails at the event with an
 * {@link IllegalStateException} and the event stores nothing (unless a runner was free to take it,
 * in which case it runs under the event's bindings); an event whose first call was made inside a
 * binding that has ended cannot start more calls, which fail the same way; nothing ever waits for
 * a thread that cannot start. An event may be synchronized inside a binding entered after it began.
 *
 * <h2>Memory-consistency effects</h2>
 * Actions of the owner before it starts a task happen-before the task runs; every action of a
 * task happens-before the stores of its event and whatever the owner does after the event.
 *
 * <p>Not thread-safe by design: one owner thread.
 */
public final class Sync implements AutoCloseable {

    /** The Sync whose batch was opened last on this thread and is still open. */
    private static final ThreadLocal<Sync> INNERMOST = new ThreadLocal<>();
    /** The Sync of the innermost woven method this thread runs, set from open to close. */
    private static final ThreadLocal<Sync> WOVEN_METHOD = new ThreadLocal<>();

    static {
        WovenSyncs.register(new WovenFactory());
    }

    /** Opens a woven method's Sync; a class, not a lambda: it is made on the first event's path. */
    private static final class WovenFactory implements WovenSyncs.Factory {
        @Override
        public Sync get() {
            Sync opened = new Sync(Engine.current(), null, true);
            opened.wovenCaller = WOVEN_METHOD.get();
            WOVEN_METHOD.set(opened);
            return opened;
        }

        @Override
        public boolean perRun(int question, BooleanSupplier answer) {
            Sync method = WOVEN_METHOD.get();
            if (method == null) {
                return answer.getAsBoolean();
            }
            Boolean[] state = method.callerState();
            Boolean known = state[question];
            if (known == null) {
                known = answer.getAsBoolean();
                state[question] = known;
            }
            return known;
        }

        @Override
        public void held(int question) {
            Sync method = WOVEN_METHOD.get();
            if (method == null) {
                return;
            }
            method.callerState()[question] = Boolean.TRUE;
        }

        @Override
        public Sync wovenMethod() {
            return WOVEN_METHOD.get();
        }

        @Override
        public StoreTargets storeTargets(Sync sync) {
            return sync.storeTargets;
        }

        @Override
        public void refused(RuntimeException refusal) {
            Sync innermost = INNERMOST.get(); // the woven method's, if its event has begun
            if (innermost != null && innermost.woven) {
                innermost.failAtCall(refusal);
            }
        }
    }

    private final Engine engine;
    private final Duration timeout;
    private final Thread owner;
    /**
     * A woven method's scope: no call starts once an earlier one is known to have failed, and its
     * tasks arrive already placed (the call site handed them to a remote engine, if any).
     */
    private final boolean woven;

    private Batch batch;
    private Sync enclosing;
    private ArrayList<Deferred> deferred = new ArrayList<>();
    /** The arrays this event's deferred stores write into (a woven method's, decision 054). */
    private final StoreTargets storeTargets = new StoreTargets();
    /** Whether a call of the current event was refused at the call (a failed handle): the batch does not know it. */
    private boolean refusedCall;
    private boolean closed;
    /** A woven method's: the Sync of the woven method that was running when this one opened. */
    private Sync wovenCaller;
    /**
     * A woven method's: the answers about its thread that a call asked, by {@link WovenSyncs}'
     * question (ScopedValue bindings, decision 040; monitors and locks held, decision 047).
     */
    private Boolean[] callerState;

    /** {@return {@link #callerState}, made on first use} */
    private Boolean[] callerState() {
        if (callerState == null) {
            callerState = new Boolean[WovenSyncs.QUESTIONS];
        }
        return callerState;
    }

    Sync(Engine engine, Duration timeout) {
        this(engine, timeout, false);
    }

    /**
     * @param woven {@code false} for the API's Sync: failures surface at the event, and each task
     *              is placed (in this JVM or on a remote engine) when it is given.
     *              {@code true} for a woven method's: a call made once an earlier task is known
     *              to have failed does not start; the event happens there and throws (the
     *              serial program never got that far, and a loop the failure would have ended
     *              serially must not run on); its tasks come placed from the call site
     */
    Sync(Engine engine, Duration timeout, boolean woven) {
        this.engine = engine;
        this.timeout = timeout;
        this.owner = Thread.currentThread();
        this.woven = woven;
    }

    /**
     * Runs {@code task} concurrently; at the next event, {@code target.put(key, result)}.
     *
     * @param target the map to store into
     * @param key    the key to store under
     * @param task   computes the value
     * @param <K>    the key type
     * @param <V>    the value type
     * @throws NullPointerException  if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException  if called from a thread other than the owner
     * @throws IllegalStateException if this Sync is closed
     */
    public <K, V> void put(Map<? super K, ? super V> target, K key, Callable<? extends V> task) {
        Checks.notNull(target, "target");
        defer("Sync.put", task, (V value) -> target.put(key, value), null);
    }

    /**
     * Runs {@code task} concurrently; at the next event, {@code target.set(index, result)}. The
     * index is checked then, against the list as it is at that point of the event.
     *
     * @param target the list to store into
     * @param index  the index to set
     * @param task   computes the element
     * @param <E>    the element type
     * @throws NullPointerException  if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException  if called from a thread other than the owner
     * @throws IllegalStateException if this Sync is closed
     */
    public <E> void set(List<? super E> target, int index, Callable<? extends E> task) {
        Checks.notNull(target, "target");
        defer("Sync.set", task, (E value) -> target.set(index, value), null);
    }

    /**
     * Runs {@code task} concurrently; at the next event, {@code target.add(result)}.
     *
     * @param target the collection to add to
     * @param task   computes the element
     * @param <E>    the element type
     * @throws NullPointerException  if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException  if called from a thread other than the owner
     * @throws IllegalStateException if this Sync is closed
     */
    public <E> void add(Collection<? super E> target, Callable<? extends E> task) {
        Checks.notNull(target, "target");
        defer("Sync.add", task, (E value) -> target.add(value), null);
    }

    /**
     * Runs {@code task} concurrently; at the next event, {@code target[index] = result}.
     *
     * @param target the array to store into
     * @param index  the index to set
     * @param task   computes the element
     * @param <E>    the element type
     * @throws NullPointerException  if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException  if called from a thread other than the owner
     * @throws IllegalStateException if this Sync is closed
     */
    public <E> void set(E[] target, int index, Callable<? extends E> task) {
        Checks.notNull(target, "target");
        defer("Sync.set", task, (E value) -> target[index] = value, null);
    }

    /**
     * Runs {@code task} concurrently; at the next event, {@code target[index] = result}; a
     * {@code null} result throws {@link NullPointerException} there.
     *
     * @param target the array to store into
     * @param index  the index to set
     * @param task   computes the element
     * @throws NullPointerException  if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException  if called from a thread other than the owner
     * @throws IllegalStateException if this Sync is closed
     */
    public void set(int[] target, int index, Callable<Integer> task) {
        Checks.notNull(target, "target");
        defer("Sync.set", task, (Integer value) -> target[index] = value, null);
    }

    /**
     * Runs {@code task} concurrently; at the next event, {@code target[index] = result}; a
     * {@code null} result throws {@link NullPointerException} there.
     *
     * @param target the array to store into
     * @param index  the index to set
     * @param task   computes the element
     * @throws NullPointerException  if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException  if called from a thread other than the owner
     * @throws IllegalStateException if this Sync is closed
     */
    public void set(long[] target, int index, Callable<Long> task) {
        Checks.notNull(target, "target");
        defer("Sync.set", task, (Long value) -> target[index] = value, null);
    }

    /**
     * Runs {@code task} concurrently; at the next event, {@code target[index] = result}; a
     * {@code null} result throws {@link NullPointerException} there.
     *
     * @param target the array to store into
     * @param index  the index to set
     * @param task   computes the element
     * @throws NullPointerException  if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException  if called from a thread other than the owner
     * @throws IllegalStateException if this Sync is closed
     */
    public void set(double[] target, int index, Callable<Double> task) {
        Checks.notNull(target, "target");
        defer("Sync.set", task, (Double value) -> target[index] = value, null);
    }

    /**
     * Runs {@code task} concurrently; at the next event, calls {@code action} with its result on
     * the owner thread (deco's deferred {@code print(f(x))}).
     *
     * @param task   computes the value
     * @param action what to do with it at the event
     * @param <R>    the result type
     * @throws NullPointerException  if {@code task} or {@code action} is null (nothing is started)
     * @throws WrongThreadException  if called from a thread other than the owner
     * @throws IllegalStateException if this Sync is closed
     */
    public <R> void then(Callable<? extends R> task, Consumer<? super R> action) {
        Checks.notNull(action, "action");
        defer("Sync.then", task, action, null);
    }

    /**
     * Runs {@code task} concurrently; its result is available from the returned {@link Pending}
     * after the next event.
     *
     * @param task computes the value
     * @param <R>  the result type
     * @return the pending result
     * @throws NullPointerException  if {@code task} is null (nothing is started)
     * @throws WrongThreadException  if called from a thread other than the owner
     * @throws IllegalStateException if this Sync is closed
     */
    public <R> Pending<R> fork(Callable<? extends R> task) {
        Pending<R> pending = new Pending<>();
        defer("Sync.fork", task, pending::complete, pending);
        return pending;
    }

    // ---- the same, for a task written at the call: Java picks these overloads for a lambda or a
    // ---- method reference, which makes it Serializable, so a cluster engine can ship it

    /**
     * As {@link #put(Map, Object, Callable)}; picked for a lambda written at the call, which is
     * then {@link java.io.Serializable} (see {@link SerializableCallable}).
     *
     * @param target the map to store into
     * @param key    the key to store under
     * @param task   computes the value
     * @param <K>    the key type
     * @param <V>    the value type
     * @throws NullPointerException     if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException     if called from a thread other than the owner
     * @throws IllegalStateException    if this Sync is closed
     * @throws IllegalArgumentException if a cluster engine is configured and cannot ship the task
     *                                  (it captured something not serializable); nothing is started
     */
    public <K, V> void put(Map<? super K, ? super V> target, K key, SerializableCallable<? extends V> task) {
        put(target, key, (Callable<? extends V>) task);
    }

    /**
     * As {@link #set(List, int, Callable)}, for a lambda written at the call.
     *
     * @param target the list to store into
     * @param index  the index to set
     * @param task   computes the element
     * @param <E>    the element type
     * @throws NullPointerException     if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException     if called from a thread other than the owner
     * @throws IllegalStateException    if this Sync is closed
     * @throws IllegalArgumentException if a cluster engine cannot ship the task; nothing is started
     */
    public <E> void set(List<? super E> target, int index, SerializableCallable<? extends E> task) {
        set(target, index, (Callable<? extends E>) task);
    }

    /**
     * As {@link #add(Collection, Callable)}, for a lambda written at the call.
     *
     * @param target the collection to add to
     * @param task   computes the element
     * @param <E>    the element type
     * @throws NullPointerException     if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException     if called from a thread other than the owner
     * @throws IllegalStateException    if this Sync is closed
     * @throws IllegalArgumentException if a cluster engine cannot ship the task; nothing is started
     */
    public <E> void add(Collection<? super E> target, SerializableCallable<? extends E> task) {
        add(target, (Callable<? extends E>) task);
    }

    /**
     * As {@link #set(Object[], int, Callable)}, for a lambda written at the call.
     *
     * @param target the array to store into
     * @param index  the index to set
     * @param task   computes the element
     * @param <E>    the element type
     * @throws NullPointerException     if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException     if called from a thread other than the owner
     * @throws IllegalStateException    if this Sync is closed
     * @throws IllegalArgumentException if a cluster engine cannot ship the task; nothing is started
     */
    public <E> void set(E[] target, int index, SerializableCallable<? extends E> task) {
        set(target, index, (Callable<? extends E>) task);
    }

    /**
     * As {@link #set(int[], int, Callable)}, for a lambda written at the call.
     *
     * @param target the array to store into
     * @param index  the index to set
     * @param task   computes the element
     * @throws NullPointerException     if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException     if called from a thread other than the owner
     * @throws IllegalStateException    if this Sync is closed
     * @throws IllegalArgumentException if a cluster engine cannot ship the task; nothing is started
     */
    public void set(int[] target, int index, SerializableCallable<Integer> task) {
        set(target, index, (Callable<Integer>) task);
    }

    /**
     * As {@link #set(long[], int, Callable)}, for a lambda written at the call.
     *
     * @param target the array to store into
     * @param index  the index to set
     * @param task   computes the element
     * @throws NullPointerException     if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException     if called from a thread other than the owner
     * @throws IllegalStateException    if this Sync is closed
     * @throws IllegalArgumentException if a cluster engine cannot ship the task; nothing is started
     */
    public void set(long[] target, int index, SerializableCallable<Long> task) {
        set(target, index, (Callable<Long>) task);
    }

    /**
     * As {@link #set(double[], int, Callable)}, for a lambda written at the call.
     *
     * @param target the array to store into
     * @param index  the index to set
     * @param task   computes the element
     * @throws NullPointerException     if {@code target} or {@code task} is null (nothing is started)
     * @throws WrongThreadException     if called from a thread other than the owner
     * @throws IllegalStateException    if this Sync is closed
     * @throws IllegalArgumentException if a cluster engine cannot ship the task; nothing is started
     */
    public void set(double[] target, int index, SerializableCallable<Double> task) {
        set(target, index, (Callable<Double>) task);
    }

    /**
     * As {@link #then(Callable, Consumer)}, for a lambda written at the call (the action always
     * runs here, on the owner thread).
     *
     * @param task   computes the value
     * @param action what to do with it at the event
     * @param <R>    the result type
     * @throws NullPointerException     if {@code task} or {@code action} is null (nothing is started)
     * @throws WrongThreadException     if called from a thread other than the owner
     * @throws IllegalStateException    if this Sync is closed
     * @throws IllegalArgumentException if a cluster engine cannot ship the task; nothing is started
     */
    public <R> void then(SerializableCallable<? extends R> task, Consumer<? super R> action) {
        then((Callable<? extends R>) task, action);
    }

    /**
     * As {@link #fork(Callable)}, for a lambda written at the call.
     *
     * @param task computes the value
     * @param <R>  the result type
     * @return the pending result
     * @throws NullPointerException     if {@code task} is null (nothing is started)
     * @throws WrongThreadException     if called from a thread other than the owner
     * @throws IllegalStateException    if this Sync is closed
     * @throws IllegalArgumentException if a cluster engine cannot ship the task; nothing is started
     */
    public <R> Pending<R> fork(SerializableCallable<? extends R> task) {
        return fork((Callable<? extends R>) task);
    }

    /**
     * A synchronization event: waits for the tasks started since the last one and applies their
     * stores in call order (see the class description for failures).
     *
     * @throws WrongThreadException  if called from a thread other than the owner
     * @throws IllegalStateException if this Sync is closed, or another Sync on this thread has
     *                               tasks that started after this one's (nothing changes)
     * @throws SyncTimeoutException  if the tasks ran past the timeout
     * @throws ConcurrentException    if a task failed with a checked exception, or the owner was
     *                                interrupted while waiting
     * @throws RuntimeException       a task's unchecked exception, or a store's, as it is
     */
    public void sync() {
        checkOwner();
        checkOpen();
        synchronizeEvent();
    }

    /**
     * The last synchronization event, then releases this Sync. Closing a closed Sync does
     * nothing. If the event throws, this Sync is closed all the same (unless another Sync on this
     * thread must synchronize first, see {@link #sync()}).
     *
     * @throws WrongThreadException  if called from a thread other than the owner
     * @throws IllegalStateException if another Sync on this thread has tasks that started after
     *                               this one's; this Sync stays open
     * @throws SyncTimeoutException  as for {@link #sync()}
     * @throws ConcurrentException    as for {@link #sync()}
     */
    @Override
    public void close() {
        checkOwner();
        if (closed) {
            return;
        }
        if (woven && WOVEN_METHOD.get() == this) {
            // the woven method ends here, whatever close throws (even a refusal that keeps this Sync open)
            WOVEN_METHOD.set(wovenCaller);
        }
        checkInnermost();
        closed = true;
        synchronizeEvent();
    }

    /**
     * {@return how many tasks were started since the last synchronization event}
     * @throws WrongThreadException if called from a thread other than the owner
     */
    public int pendingCount() {
        checkOwner();
        return deferred.size();
    }

    /**
     * {@return {@code true} once {@link #close()} was called}
     */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Sync[owner=" + owner.getName() + ", engine=" + engine.name()
                + (timeout == null ? "" : ", timeout=" + timeout)
                + (closed ? ", closed" : "") + "]";
    }

    private <R> void defer(String origin, Callable<? extends R> task, Consumer<? super R> store, Pending<R> pending) {
        Checks.notNull(task, "task");
        checkOwner();
        checkOpen();
        if (!woven) {
            try {
                task = Placement.place(task, origin);
            } catch (RuntimeException refused) {
                abandonEvent(refused);
                throw refused;
            }
        }
        if (woven && batch != null && batch.hasFailure()) {
            synchronizeEvent(); // throws: an earlier call failed, the serial program stopped there
        }
        Batch current = batch;
        if (current == null) {
            current = openBatch();
        }
        TaskHandle<R> handle = current.fork(task);
        deferred.add(new Deferred(handle, store, pending));
    }

    private Batch openBatch() {
        Batch opened = engine.open("deco-sync-" + owner.threadId(), timeout);
        enclosing = INNERMOST.get();
        INNERMOST.set(this);
        batch = opened;
        return opened;
    }

    private void synchronizeEvent() {
        Batch current = batch;
        if (current == null) {
            return;
        }
        checkInnermost();
        ArrayList<Deferred> event = deferred;
        deferred = new ArrayList<>();
        storeTargets.clear();
        boolean refused = refusedCall;
        refusedCall = false;
        batch = null;
        InterruptedException interrupted = null;
        boolean timedOut = false;
        try {
            current.join();
        } catch (InterruptedException e) {
            interrupted = e;
        } catch (BatchTimeoutException e) {
            timedOut = true;
        } finally {
            current.close();
            leaveEvent();
        }
        if (interrupted != null) {
            Thread.currentThread().interrupt();
            ConcurrentException failure = Failures.interrupted(interrupted, event.size());
            discardAll(event, 0, failure);
            throw failure;
        }
        if (timedOut) {
            int unfinished = 0;
            for (Deferred d : event) {
                if (d.handle.outcome() != TaskHandle.Outcome.SUCCEEDED) {
                    unfinished++;
                }
            }
            SyncTimeoutException failure = new SyncTimeoutException(timeout, unfinished);
            discardAll(event, 0, failure);
            throw failure;
        }
        // the batch knows whether any of its tasks failed, and this Sync whether a call was
        // refused: the common case reads no handle
        Throwable failed = current.hasFailure() || refused ? Failures.firstInCallOrder(handles(event)) : null;
        if (failed == null) {
            applyInOrder(event, event.size(), null);
            return;
        }
        int throwingStore = woven ? storeThrowingBeforeFailure(event) : -1;
        if (throwingStore < 0) {
            discardAll(event, 0, failed);
            throw Failures.propagate(failed);
        }
        // the serial program made the stores before that one and threw at it: it never made the
        // call that failed
        applyInOrder(event, throwingStore + 1, failed);
        // reached only if the forecast was wrong (the store did not throw): the call's failure
        discardAll(event, throwingStore + 1, failed);
        throw Failures.propagate(failed);
    }

    /**
     * Applies the stores of {@code event} before {@code end} in call order; the first that throws
     * ends the event, with the later ones discarded.
     *
     * @param laterFailure a failure of a later call, added to a store's exception as suppressed,
     *                     or null
     */
    private static void applyInOrder(List<Deferred> event, int end, Throwable laterFailure) {
        int i = 0;
        try {
            for (; i < end; i++) {
                event.get(i).apply();
            }
        } catch (Throwable storeFailed) {
            if (laterFailure != null && laterFailure != storeFailed) {
                storeFailed.addSuppressed(laterFailure);
            }
            discardAll(event, i + 1, new CancellationException(
                    "an earlier deferred store of this event threw " + storeFailed));
            throw storeFailed;
        }
    }

    /**
     * A woven event with a failed call: the first store before that call that is known to throw
     * ({@link Deferred#storeWouldThrow}), or -1. Every call before the first failed one succeeded
     * (a failure cancels only later calls). None of the event's stores is made yet, so a list's
     * size is the one the serial program's store saw until a store that may change it
     * ({@link deco.core.internal.ListSizes}).
     */
    private static int storeThrowingBeforeFailure(List<Deferred> event) {
        deco.core.internal.ListSizes sizes = new deco.core.internal.ListSizes();
        for (int i = 0; i < event.size() && event.get(i).handle.outcome() == TaskHandle.Outcome.SUCCEEDED; i++) {
            Deferred store = event.get(i);
            if (store.storeWouldThrow(sizes)) {
                return i;
            }
            store.noteResizes(sizes);
        }
        return -1;
    }

    /** The event is over: the enclosing Sync's event, if any, is the innermost again. */
    private void leaveEvent() {
        if (enclosing == null) {
            INNERMOST.remove();
        } else {
            INNERMOST.set(enclosing);
        }
        enclosing = null;
    }

    /**
     * A call of this explicit Sync's event was refused at the call (a remote engine could not ship
     * it, or could not reach its cluster): the event is abandoned — its tasks are cancelled and none of its
     * stores is applied — so the refusal thrown at the call leaves no partial store. The
     * refusal says so in a suppressed exception.
     */
    private void abandonEvent(RuntimeException refusal) {
        Batch current = batch;
        if (current == null) {
            return;
        }
        ArrayList<Deferred> event = deferred;
        deferred = new ArrayList<>();
        storeTargets.clear();
        refusedCall = false;
        batch = null;
        try {
            current.close();
        } finally {
            leaveEvent();
        }
        CancellationException abandoned = new CancellationException("the " + event.size() + " earlier call(s) of "
                + "this synchronization event were cancelled and none of their results was stored");
        refusal.addSuppressed(abandoned);
        discardAll(event, 0, abandoned);
    }

    /**
     * A woven call of this event was refused at the call: the event fails at that place in call
     * order (an earlier call's failure still comes first), so none of its stores is applied. The
     * event is not abandoned at once: the innermost woven Sync may belong to a method that called
     * the refusing one, and a failure it meets at its event is loud where a dropped event would not
     * be. The refusal says so in a suppressed exception.
     */
    private void failAtCall(RuntimeException refusal) {
        if (batch == null) {
            return;
        }
        refusal.addSuppressed(new CancellationException("the " + deferred.size() + " earlier call(s) of this "
                + "synchronization event store nothing: the event fails with this exception"));
        deferred.add(new Deferred(TaskHandle.failed(refusal), null, null));
        refusedCall = true;
    }

    private static List<TaskHandle<?>> handles(List<Deferred> event) {
        List<TaskHandle<?>> handles = new ArrayList<>(event.size());
        for (Deferred d : event) {
            handles.add(d.handle);
        }
        return handles;
    }

    private static void discardAll(List<Deferred> event, int from, Throwable reason) {
        for (int i = from; i < event.size(); i++) {
            event.get(i).discard(reason);
        }
    }

    private void checkOwner() {
        Thread current = Thread.currentThread();
        if (current != owner) {
            throw new WrongThreadException("this Sync belongs to thread \"" + owner.getName()
                    + "\" (id " + owner.threadId() + ") and cannot be used from thread \""
                    + current.getName() + "\" (id " + current.threadId() + ")");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Sync is closed; open a new one with Deco.synchronize()");
        }
    }

    private void checkInnermost() {
        if (batch != null && INNERMOST.get() != this) {
            throw new IllegalStateException("another Sync on this thread, " + INNERMOST.get()
                    + ", started tasks after this one did: synchronize or close it first");
        }
    }
}
