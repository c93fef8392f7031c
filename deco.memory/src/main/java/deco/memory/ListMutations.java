package deco.memory;

import deco.memory.store.HashedStore;
import java.nio.file.Files;
import java.util.function.LongFunction;

/**
 * The {@link DiskList} operations that write more than one element or overwrite one, written so
 * that a process killed in the middle leaves enough on disk for the next one to finish or undo them
 * ({@link #finishInterrupted}): the list is then as it was before the operation or after it. An
 * element being overwritten when the process died may be lost with it (Chronicle Map updates in
 * place, and its recovery drops an entry whose checksum the kill left stale), so no operation
 * overwrites the only copy of an element:
 *
 * <ul>
 *   <li>{@code add(i, e)} and {@code addAll(i, c)} of {@code k} elements store them under the keys
 *       {@link #INSERTING}, {@code -2} ... {@code -k} first ({@link #staged}), record the shift in
 *       {@link ListSize} (its distance is the target size less the size), move the elements from
 *       the end down to {@code i} up by {@code k} — each move repeatable, since it reads a
 *       position not yet written — recording the next position after each, place the staged
 *       elements, remove their staged copies from the last, and commit: {@code n - i + k} writes,
 *       not {@code k × (n - i)}. Finished forward. Staged keys are always {@code -1 .. -m} for
 *       some {@code m}.</li>
 *   <li>{@code remove(i)} moves the elements after {@code i} down by one the same way, from
 *       {@code i} up, then removes the last; {@code subList(i, j).clear()} moves them down by
 *       {@code j - i} at once and removes the last {@code j - i}. Finished forward.</li>
 *   <li>{@code set(i, e)} stores {@code e} under {@link #INSERTING}, records position {@code i}
 *       in {@code size.shift} (the size is not touched), writes it there and clears the record,
 *       leaving the staged copy (a later insert or set overwrites it). Finished forward.</li>
 *   <li>appends ({@code add(e)}, {@code addAll}) write past the committed size: undone.</li>
 *   <li>{@code removeIf} (and {@code removeAll}, {@code retainAll}) evaluates its predicate over
 *       every element first, then stages the elements kept after the first one removed, records
 *       the operation ({@link #REPLACING}), places them and removes the tail ({@link #replace});
 *       {@code replaceAll} and {@code sort} stage every element's replacement the same way.
 *       Finished forward; before the record, undone.</li>
 *   <li>{@code clear()}: finished.</li>
 * </ul>
 *
 * <p>Not thread-safe: the caller holds the list's writer lock (shared by every writer in every
 * process, {@link deco.memory.store.WriterLock}), or, for {@link #finishInterrupted}, the
 * collection's structure lock, alone.
 */
final class ListMutations {

    /**
     * What {@code size.shift} records as the next position of a {@link #replace} in progress:
     * no shift writes it (positions are below 2^31).
     */
    static final long REPLACING = 0xffffffffL;

    /** The key under which an insert or set keeps its (first) element until it is in place; never a position. */
    static final long INSERTING = -1L;

    /** {@return the key under which an insert keeps its {@code j}-th element (from 0) until it is in place} */
    static long staged(long j) {
        return INSERTING - j;
    }

    /** What {@link #finish} found cut short and did. */
    enum Finished {
        /** nothing was in progress */
        NOTHING("nothing was cut short"),
        /** an insert was finished */
        INSERT("an add(index, element) cut short was finished"),
        /** a remove was finished */
        REMOVE("a remove(index) cut short was finished"),
        /** a removeIf, removeAll, retainAll, replaceAll or sort was finished */
        REPLACE("a removeIf, removeAll, retainAll, replaceAll or sort cut short was finished"),
        /** a set was finished */
        SET("a set(index, element) cut short was finished"),
        /** what an add or addAll wrote past the committed size was removed */
        APPENDS("an add or addAll cut short was undone"),
        /** a clear was finished */
        CLEAR("a clear() cut short was finished");

        private final String description;

        Finished(String description) {
            this.description = description;
        }

        /** {@return what was done, in words} */
        String description() {
            return description;
        }
    }

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

    /** Inserts stored elements at {@code index}, in their order, moving the elements from there up by as many. */
    static void insert(HashedStore store, ListSize size, int index, Object... stored) {
        long n = size.get();
        int count = stored.length;
        size.begin(n + count);
        for (int j = 0; j < count; j++) {
            store.put(staged(j), stored[j]);
        }
        size.shifted(index, n);
        shiftUp(store, size, index, n, count);
        place(store, index, count);
        size.commit(n + count);
    }

    /** Removes the element at {@code index}, moving the later ones down by one; returns it (stored). */
    static Object remove(HashedStore store, ListSize size, int index) {
        Object removed = store.get((long) index);
        remove(store, size, index, 1);
        return removed;
    }

    /** Removes {@code count} elements from {@code index}, moving the later ones down by as many at once. */
    static void remove(HashedStore store, ListSize size, int index, long count) {
        long n = size.get();
        size.begin(n - count);
        size.shifted(index, index);
        shiftDown(store, size, index, index, n, count);
        removeTail(store, n - count, n);
        size.commit(n - count);
    }

    /**
     * Replaces the positions from {@code from} on with {@code count} stored elements that
     * {@code elements} gives in order (it may read positions: none is written before it has given
     * all), and removes the positions past {@code from + count}: the elements are staged under -1,
     * -2, ..., the operation recorded ({@link #REPLACING}), then they are placed and the tail
     * removed. About three writes per element; no element's only copy is overwritten. If
     * {@code elements} throws, the staged copies are removed and nothing has changed.
     */
    static void replace(HashedStore store, ListSize size, int from, long count, LongFunction<Object> elements) {
        long n = size.get();
        long target = from + count;
        size.begin(target); // a kill while staging: the next writer finds it in progress and undoes it
        try {
            for (long j = 0; j < count; j++) {
                store.put(staged(j), elements.apply(j));
            }
        } catch (RuntimeException | Error e) {
            removeStaged(store);
            size.commit(n);
            throw e;
        }
        size.shifted(from, REPLACING);
        place(store, from, count);
        removeTail(store, target, n);
        size.commit(target);
    }

    /** Replaces the element at {@code index} with a stored one; returns the one replaced (stored). */
    static Object set(HashedStore store, ListSize size, int index, Object stored) {
        // staged under -1 alone: a set runs under the writer lock, so no insert's keys are staged
        store.put(INSERTING, stored);
        size.shifted(index, index); // the size is left alone: no target in size.pending says "a set"
        Object replaced = store.put((long) index, stored);
        size.shiftEnded(); // the staged copy stays until the next insert or set overwrites it: a
        return replaced;   // removal would cost a third write; opens and salvages ignore it
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
     * @throws DiskFormatException if the size files do not agree with the elements stored
     */
    static void finishInterrupted(HashedStore store) {
        if (!Files.exists(store.directory().resolve(ListSize.FILE))) {
            return; // a new list, or damage that ListSize.open reports
        }
        try (ListSize size = ListSize.map(store.directory())) {
            ListSize.State state = size.state();
            long stored = positionsStored(store);
            if (!state.agreesWith(stored, 1)) { // one fewer: the element a kill cut short, dropped by recovery
                throw new DiskFormatException(store.directory().resolve(ListSize.FILE) + " does not agree with the"
                        + " elements stored: size " + state.committed() + (state.target() < 0 ? ""
                        : ", an operation cut short heading for " + state.target()) + ", but " + stored
                        + " elements stored; run DiskList.recover to save them");
            }
            finish(store, size);
        }
    }

    /**
     * Finishes or undoes the mutation that the counters record, if any, and commits.
     *
     * @param store the list's elements
     * @param size  the list's counters
     * @return what was cut short
     * @throws DiskFormatException if the counters record a mutation that cannot be; nothing is written
     */
    static Finished finish(HashedStore store, ListSize size) {
        ListSize.State state = size.state();
        long committed = state.committed();
        long target = state.target();
        int index = state.shiftIndex();
        long step = state.shiftStep();
        boolean possible = index < 0
                || target < 0 && step == index && index < committed // a set
                || target >= committed && index <= committed && step >= index && step <= committed
                        && (target == committed || insertStaged(store, target - committed, step > index))
                || target >= 0 && target < committed && index <= target && step >= index && step <= target // a remove
                || target > 0 && target <= committed && index < target && step == REPLACING
                        && countStaged(store) <= target - index;
        if (!possible) {
            throw new DiskFormatException(store.directory().resolve(ListSize.SHIFT) + " records a move at position "
                    + step + " for position " + index + ", which a list of " + committed + " heading for " + target
                    + " elements cannot have; run DiskList.recover to save the elements");
        }
        Finished finished;
        long after = target; // the size committed at the end
        if (target < 0) {
            finished = index >= 0 && place(store, index, 1) ? Finished.SET : Finished.NOTHING;
            after = committed;
        } else if (index >= 0 && target > committed) { // the distance is how many elements are inserted
            shiftUp(store, size, index, step, target - committed);
            place(store, index, target - committed);
            finished = Finished.INSERT;
        } else if (index >= 0 && target <= committed && step == REPLACING) {
            place(store, index, target - index); // the copies left are a prefix: those placed again
            removeTail(store, target, committed);
            finished = Finished.REPLACE;
        } else if (index >= 0 && target < committed) { // the distance is how many elements are removed
            shiftDown(store, size, index, step, committed, committed - target);
            removeTail(store, target, committed);
            finished = Finished.REMOVE;
        } else if (index >= 0) { // an insert or remove that had committed its size: nothing to place (an
            finished = Finished.NOTHING; // insert commits after removing its copies; one left is a set's)
        } else if (target > committed) { // appends, or an insert that had not begun to shift
            long written = Math.min(target, positionsStored(store) + 1); // a bound on the keys appends wrote
            for (long at = committed; at < written; at++) {
                store.remove(at);
            }
            finished = Finished.APPENDS;
            after = committed;
        } else if (target == 0 && committed > 0) {
            store.clear();
            finished = Finished.CLEAR;
        } else { // committed already (the size is written first), or a remove or set that had not begun
            finished = Finished.NOTHING;
            after = committed;
        }
        removeStaged(store); // placed, or copies no operation in progress needs
        size.commit(after);
        return finished;
    }

    /**
     * Whether an insert of {@code count} elements cut short has its staged copies: all of them while
     * it shifts ({@code shifting}), at most all once the shift is done (they are being placed and
     * removed). Fewer while it shifts means damage: placing them would leave old elements twice.
     */
    private static boolean insertStaged(HashedStore store, long count, boolean shifting) {
        long staged = countStaged(store);
        return shifting ? staged == count : staged <= count;
    }

    /** {@return how many staged copies there are: the keys -1 .. -m present} */
    private static long countStaged(HashedStore store) {
        long count = 0;
        while (store.containsKey(staged(count))) {
            count++;
        }
        return count;
    }

    /**
     * {@return how many staged copies the operation {@code state} records may have: an insert's
     * count, a {@link #replace}'s, or a set's one}
     */
    static long mostStaged(ListSize.State state) {
        if (state.target() >= 0 && state.shiftIndex() >= 0 && state.shiftStep() == REPLACING) {
            return state.target() - state.shiftIndex();
        }
        return state.target() > state.committed() ? state.target() - state.committed() : 1;
    }

    /**
     * {@return how many positions hold an element: every stored element but those staged under keys
     * -1, -2, ...} The staged keys are counted first: a writer in another process may stage or
     * remove some meanwhile, and counted in this order the result lies between the sizes before and
     * after its operation.
     */
    static long positionsStored(HashedStore store) {
        long copies = countStaged(store); // before the size, as said
        return store.size() - copies;
    }

    /**
     * Removes the staged copies, the last first, so those left by a kill stay {@code -1 .. -m}.
     *
     * @return how many there were
     */
    static long removeStaged(HashedStore store) {
        long count = countStaged(store);
        for (long j = count - 1; j >= 0; j--) {
            store.remove(staged(j));
        }
        return count;
    }

    /** Moves elements {@code index .. step - 1} up by {@code distance}, from the top, recording each step. */
    private static void shiftUp(HashedStore store, ListSize size, int index, long step, long distance) {
        for (long from = step - 1; from >= index; from--) {
            move(store, from, from + distance);
            size.shifted(index, from);
        }
    }

    /**
     * Moves elements {@code step + distance .. n - 1} down by {@code distance}, from the bottom,
     * recording after each the next position written.
     */
    private static void shiftDown(HashedStore store, ListSize size, int index, long step, long n, long distance) {
        for (long at = step; at < n - distance; at++) {
            move(store, at + distance, at);
            size.shifted(index, at + 1);
        }
    }

    /** Removes positions {@code from .. to - 1}, the last first (what a remove leaves past its new size). */
    private static void removeTail(HashedStore store, long from, long to) {
        for (long at = to - 1; at >= from; at--) {
            store.remove(at);
        }
    }

    /** Copies position {@code from} to {@code to}; a position lost to damage leaves {@code to} empty too. */
    private static void move(HashedStore store, long from, long to) {
        Object element = store.get(from);
        if (element != null) {
            store.put(to, element);
        } else {
            store.remove(to);
        }
    }

    /**
     * Moves the staged elements (up to {@code count}) to their positions from {@code index}, then
     * removes their staged copies, the last first.
     *
     * @return whether an element was staged
     */
    private static boolean place(HashedStore store, int index, long count) {
        boolean any = false;
        for (long j = 0; j < count; j++) {
            Object staged = store.get(staged(j));
            if (staged == null) {
                break; // the staged keys left are -1 .. -m: the rest were placed and removed
            }
            store.put(index + j, staged);
            any = true;
        }
        removeStaged(store);
        return any;
    }
}
