package deco.core.internal;

import java.util.IdentityHashMap;

/**
 * The arrays and collections a woven method's pending deferred stores write into, by identity,
 * until the next event (decisions 054, 061): a load of an array that reaches only its own
 * elements, or of a collection that holds its own storage, needs the event only if it is one of
 * them. Most loops store into one target, so the first is kept apart and a set is made only for a
 * second. Not thread-safe: only the woven method's thread uses it.
 */
public final class StoreTargets {

    private Object first;
    private IdentityHashMap<Object, Boolean> more;
    /**
     * Whether a store's target is not known before the event (it is a task's result), or may write
     * any other (a view, a user's collection): every load then meets the stores.
     */
    private boolean unknown;

    /** A deferred store of the current event writes into {@code target}; {@code null}: not known (any). */
    public void add(Object target) {
        if (target == null) {
            unknown = true;
            return;
        }
        if (target == first) {
            return;
        }
        if (first == null) {
            first = target;
            return;
        }
        if (more == null) {
            more = new IdentityHashMap<>();
        }
        more.put(target, Boolean.TRUE);
    }

    /** {@return whether a deferred store of the current event writes into {@code array}} */
    public boolean contains(Object array) {
        return array != null && (unknown || array == first || (more != null && more.containsKey(array)));
    }

    /** The event happened (or was abandoned): no store is pending. */
    public void clear() {
        first = null;
        more = null;
        unknown = false;
    }
}
