package deco.core.internal;

import java.util.function.Consumer;

/**
 * What a woven call site does with its call's result at the synchronization event, when it can
 * tell in advance, without side effects, that doing it would throw: a cast or unboxing of the
 * result that fails, a reference array that does not accept it, a {@code null} result used as a
 * receiver, a {@code null} a JDK map refuses, a {@code List.set} past the end of a JDK list.
 *
 * <p>A woven event uses this to throw the serial program's exception. The serial program stops
 * at the first exception in program order, a store's as much as a call's: when a later call of
 * the event failed, but an earlier call's store would itself have thrown, the store's exception
 * is the one the serial program threw (and the later call never ran). The event asks the stores
 * in call order, and tells each which lists' sizes the stores before it may have changed
 * ({@link ListSizes}): a list no earlier store may have resized has the size the serial program's
 * store saw.
 * Stores that can fail only by being attempted (a user's read-only collection, a checked
 * collection's type check) are not foreseen. A store foreseen to throw that does not is harmless:
 * the event makes it, and throws the failed call's exception.
 */
public interface FallibleStore extends Consumer<Object> {

    /**
     * Decides, without changing anything, whether {@link #accept} would throw for this result.
     *
     * @param result the call's result
     * @param sizes  which lists' sizes the earlier stores of the event may have changed
     * @return {@code true} if storing it would throw
     */
    boolean wouldThrow(Object result, ListSizes sizes);

    /**
     * Notes in {@code sizes} which lists' sizes this store may change: none for an array store, or a
     * {@code put} or {@code set} into one of the JDK's maps or lists; its target's for an
     * {@code add}; any list's for a call of anything else.
     *
     * @param sizes what the event's stores so far may have changed
     */
    void noteResizes(ListSizes sizes);
}
