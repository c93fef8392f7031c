package deco.memory;

import deco.memory.store.HashedStore;
import java.nio.file.Files;

/**
 * The {@link DiskList} operations that write more than one element, written so that a process
 * killed in the middle leaves enough on disk for the next one to finish or undo them
 * ({@link #finishInterrupted}): the list is then as it was before the operation or after it.
 *
 * <ul>
 *   <li>{@code add(i, e)} stores {@code e} under the key {@link #INSERTING} first, records the
 *       shift in {@link ListSize}, moves the elements from the end down to {@code i} up by one —
 *       each move repeatable, since it reads a position not yet written — recording the next
 *       position after each, places {@code e} and commits. Finished forward.</li>
 *   <li>{@code remove(i)} moves the elements after {@code i} down by one the same way, from
 *       {@code i} up, then removes the last. Finished forward.</li>
 *   <li>appends ({@code add(e)}, {@code addAll}) write past the committed size: undone.</li>
 *   <li>{@code clear()}: finished.</li>
 * </ul>
 *
 * <p>Not thread-safe: the caller holds the list's lock (or, for {@link #finishInterrupted}, the
 * collection's structure lock, alone).
 */
final class ListMutations {

    /** The key under which an insert keeps its element until it is in place; never a position. */
    static final long INSERTING = -1L;

    private ListMutations() {
    }

    /** Appends stored elements at the end. */
    static void append(HashedStore store, ListSize size, Object... stored) {
        long at = size.get();
        size.begin(at + stored.length);
        for (Object element : stored) {
            store.put(at++, element);
        }
        size.commit(at);
    }

    /** Inserts a stored element at {@code index}, moving the elements from there up by one. */
    static void insert(HashedStore store, ListSize size, int index, Object stored) {
        long n = size.get();
        size.begin(n + 1);
        store.put(INSERTING, stored);
        size.shifted(index, n);
        shiftUp(store, size, index, n);
        place(store, index);
        size.commit(n + 1);
    }

    /** Removes the element at {@code index}, moving the later ones down by one; returns it (stored). */
    static Object remove(HashedStore store, ListSize size, int index) {
        long n = size.get();
        Object removed = store.get((long) index);
        size.begin(n - 1);
        size.shifted(index, index);
        shiftDown(store, size, index, index, n);
        store.remove(n - 1);
        size.commit(n - 1);
        return removed;
    }

    /** Removes every element. */
    static void clear(HashedStore store, ListSize size) {
        size.begin(0);
        store.clear();
        size.commit(0);
    }

    /**
     * Finishes or undoes the mutation a killed process left, if any. Only by a process that has the
     * list open alone, before anyone reads it.
     *
     * @param store the list's store
     */
    static void finishInterrupted(HashedStore store) {
        if (!Files.exists(store.directory().resolve(ListSize.FILE))) {
            return; // a new list, or damage that ListSize.open reports
        }
        try (ListSize size = ListSize.map(store.directory())) {
            long committed = size.get();
            long target = size.target();
            int index = size.shiftIndex();
            if (target < 0) {
                store.remove(INSERTING);
            } else if (index >= 0 && target == committed + 1) {
                shiftUp(store, size, index, size.shiftStep());
                place(store, index);
                size.commit(target);
            } else if (index >= 0 && target == committed - 1) {
                shiftDown(store, size, index, size.shiftStep(), committed);
                store.remove(committed - 1);
                size.commit(target);
            } else if (target > committed) { // appends, or an insert that had not begun to shift
                for (long at = committed; at < target; at++) {
                    store.remove(at);
                }
                store.remove(INSERTING);
                size.commit(committed);
            } else if (target == 0 && index < 0) {
                store.clear();
                size.commit(0);
            } else { // committed already (the size is written first), or a remove that had not begun
                size.commit(committed);
            }
        }
    }

    /** Moves elements {@code index .. step - 1} up by one, from the top, recording each step. */
    private static void shiftUp(HashedStore store, ListSize size, int index, long step) {
        for (long at = step; at > index; at--) {
            store.put(at, store.get(at - 1));
            size.shifted(index, at - 1);
        }
    }

    /** Moves elements {@code step + 1 .. n - 1} down by one, from the bottom, recording each step. */
    private static void shiftDown(HashedStore store, ListSize size, int index, long step, long n) {
        for (long at = step; at < n - 1; at++) {
            store.put(at, store.get(at + 1));
            size.shifted(index, at + 1);
        }
    }

    /** Moves the inserted element from {@link #INSERTING} to its position, if it is not there yet. */
    private static void place(HashedStore store, int index) {
        Object inserted = store.get(INSERTING);
        if (inserted != null) {
            store.put((long) index, inserted);
            store.remove(INSERTING);
        }
    }
}
