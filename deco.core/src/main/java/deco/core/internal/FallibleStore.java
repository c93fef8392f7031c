package deco.core.internal;

import java.util.function.Consumer;

/**
 * What a woven call site does with its call's result at the synchronization event, when it can
 * tell in advance, without side effects, that doing it would throw: a cast or unboxing of the
 * result that fails, a reference array that does not accept it, a {@code null} result used as a
 * receiver.
 *
 * <p>A woven event uses this to throw the serial program's exception. The serial program stops
 * at the first exception in program order, a store's as much as a call's: when a later call of
 * the event failed, but an earlier call's store would itself have thrown, the store's exception
 * is the one the serial program threw (and the later call never ran). Stores that can fail only
 * by being attempted (a {@code List.set} out of range, an unmodifiable map) are not foreseen.
 */
public interface FallibleStore extends Consumer<Object> {

    /**
     * Decides, without changing anything, whether {@link #accept} would throw for this result.
     *
     * @param result the call's result
     * @return {@code true} if storing it would throw
     */
    boolean wouldThrow(Object result);
}
