package deco.core.internal;

import deco.core.Sync;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How woven code gets its {@link Sync} without a public constructor: {@code Sync} registers its
 * factory here when it is initialised, and {@link deco.core.woven.WovenRuntime} opens through it.
 * This package is not exported, so only deco.core can reach it.
 *
 * <p>A woven method's Sync differs from {@link deco.core.Deco#synchronize()}'s in one way: it fails
 * fast. A {@code @Concurrent} call made once an earlier call is known to have failed does not
 * start; the event happens there and throws that failure. The serial program stopped at the
 * failed call, so a loop that only a failure ends (say, one that runs until an index is out of
 * range) must not run on.
 */
public final class WovenSyncs {

    private static volatile Factory factory;

    /** A question of {@link Factory#perRun}: whether the thread runs under {@code ScopedValue} bindings (decision 040). */
    public static final int BINDINGS = 0;
    /**
     * A question of {@link Factory#perRun}: whether the thread holds any monitor (decision 047).
     * A woven method takes none around its calls (the weaver refuses calls inside its
     * {@code synchronized} blocks), so its callers' monitors are all there are.
     */
    public static final int MONITORS = 1;
    /**
     * A question of {@link Factory#perRun}: whether the thread holds any monitor or
     * {@code java.util.concurrent.locks} lock (decision 047), asked at the run's first call that
     * needs it; yes from where the woven method takes a lock itself ({@link Factory#held}, decision 048).
     */
    public static final int LOCKS = 2;
    /** How many questions {@link Factory#perRun} answers. */
    public static final int QUESTIONS = 3;

    /** What {@code Sync} gives woven code. */
    public interface Factory extends Supplier<Sync> {

        /** {@return a new Sync for a woven {@code @Synchronized} method, owned by the current thread} */
        @Override
        Sync get();

        /**
         * A {@code @Concurrent} call of the current thread's woven method was refused at the call
         * (a remote engine could not ship it): the innermost open woven event fails at that place
         * in call order, so nothing of it is stored.
         *
         * @param refusal the exception about to be thrown at the call
         */
        void refused(RuntimeException refusal);

        /**
         * {@return the answer to {@code question} about the thread running the current woven
         * {@code @Synchronized} method} Every woven call of one run of that method is made in the
         * same state ({@link #BINDINGS}, {@link #MONITORS}), so the answer is kept by that run's
         * Sync: {@code answer} is asked once per run, and for every call made outside a woven method.
         *
         * @param question {@link #BINDINGS}, {@link #MONITORS} or {@link #LOCKS}
         * @param answer   reads the answer off the current thread
         */
        boolean perRun(int question, BooleanSupplier answer);

        /**
         * The current thread's woven {@code @Synchronized} method may now hold what
         * {@code question} asks about (it took a lock itself, decision 048): the answer is yes for
         * the rest of its run. Outside a woven method, nothing happens.
         *
         * @param question {@link #LOCKS}
         */
        void held(int question);

        /**
         * {@return the Sync of the innermost woven {@code @Synchronized} method the current thread
         * runs, from its first event to its close, or {@code null} outside one}
         */
        Sync wovenMethod();

        /**
         * {@return the arrays the pending deferred stores of {@code sync}, a woven method's, write
         * into (decision 054)} The same object until {@code sync} closes; emptied at each event.
         *
         * @param sync a woven method's Sync
         */
        StoreTargets storeTargets(Sync sync);
    }

    private WovenSyncs() {
    }

    /**
     * Called once, by {@code Sync}'s static initialiser.
     *
     * @param sync opens a woven method's Sync
     */
    public static void register(Factory sync) {
        factory = Objects.requireNonNull(sync);
    }

    /** @return a new Sync for a woven {@code @Synchronized} method, owned by the current thread */
    public static Sync open() {
        return factory().get();
    }

    /**
     * A woven {@code @Concurrent} call was refused at the call: see {@link Factory#refused}.
     *
     * @param refusal the exception about to be thrown at the call
     */
    public static void refused(RuntimeException refusal) {
        factory().refused(refusal);
    }

    /**
     * @param question {@link #BINDINGS}, {@link #MONITORS} or {@link #LOCKS}
     * @param answer   reads the answer off the current thread
     * @return see {@link Factory#perRun(int, BooleanSupplier)}
     */
    public static boolean perRun(int question, BooleanSupplier answer) {
        return factory().perRun(question, answer);
    }

    /**
     * @param question {@link #LOCKS}
     * @see Factory#held(int)
     */
    public static void held(int question) {
        factory().held(question);
    }

    /** @return see {@link Factory#wovenMethod()} */
    public static Sync wovenMethod() {
        return factory().wovenMethod();
    }

    /**
     * @param sync a woven method's Sync
     * @return see {@link Factory#storeTargets(Sync)}
     */
    public static StoreTargets storeTargets(Sync sync) {
        return factory().storeTargets(sync);
    }

    private static Factory factory() {
        Factory sync = factory;
        if (sync == null) {
            initialise();
            sync = factory;
        }
        return sync;
    }

    private static void initialise() {
        try {
            Class.forName(Sync.class.getName(), true, Sync.class.getClassLoader());
        } catch (ClassNotFoundException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
