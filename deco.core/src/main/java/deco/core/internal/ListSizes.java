package deco.core.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Which lists' sizes the stores of a woven event made so far may have changed, as a failed
 * event asks its stores in call order whether they would throw ({@link FallibleStore}). A list
 * whose size no earlier store may have changed has the size the serial program's store saw.
 *
 * <p>An {@code add} into a JDK list that holds its own storage ({@code ArrayList}, ...) changes
 * that list's size only; anything else (an {@code add} into a view, a user's collection, a
 * deferred call of application code) may change any list's. Not thread-safe: one event's owner
 * uses it.
 */
public final class ListSizes {

    private boolean anyChanged;
    private final Set<Object> changed = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * @param list a list a store would write by index
     * @return whether its size is still the one the serial program's store saw
     */
    public boolean unchanged(Object list) {
        return !anyChanged && (changed.isEmpty() || OwnStorageCollections.is(list) && !changed.contains(list));
    }

    /**
     * A store may change the size of {@code list}: of that list only if it holds its own storage
     * ({@link OwnStorageCollections}), else of any list (it may be a view of another).
     *
     * @param list the list it grows or shrinks
     */
    public void mayChange(Object list) {
        if (OwnStorageCollections.is(list)) {
            changed.add(list);
        } else {
            anyChanged = true;
        }
    }

    /** A store may change any list's size. */
    public void mayChangeAny() {
        anyChanged = true;
    }
}
