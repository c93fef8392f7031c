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
         * {@return whether the current thread runs under {@code ScopedValue} bindings} Every woven
         * call of one {@code @Synchronized} method run is made under the same bindings, so the
         * answer is kept by that run's Sync: {@code stack} is asked once per run (and for every
         * call made outside a woven method).
         *
         * @param stack reads the answer off the current thread's stack
         */
        boolean underBindings(BooleanSupplier stack);
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
     * @param stack reads the answer off the current thread's stack
     * @return see {@link Factory#underBindings(BooleanSupplier)}
     */
    public static boolean underBindings(BooleanSupplier stack) {
        return factory().underBindings(stack);
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
