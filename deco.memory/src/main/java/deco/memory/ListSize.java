package deco.memory;

import deco.memory.io.MappedCounter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link DiskList}'s size, shared by processes: {@code size} holds it, {@code size.pending} the
 * size a mutation in progress is heading for (0 when none), and {@code size.shift} how far the shift
 * of an {@code add(i, e)} or {@code remove(i)} in progress has come, or which position a
 * {@code set(i, e)} in progress writes (0 when none). A mutation sets
 * the target, writes its elements, then commits; {@link ListMutations} finishes or undoes one that
 * a killed process left. On open the stored element count must equal the size, or lie between the
 * size and an uncommitted target (a writer is still writing in another process); anything else — a
 * size file deleted, lowered or raised — is damage.
 */
final class ListSize implements AutoCloseable {

    static final String FILE = "size";
    static final String PENDING = "size.pending";
    static final String SHIFT = "size.shift";
    private static final long SIZE_MAGIC = 0x6465636f53495a45L; // "decoSIZE"
    private static final long PENDING_MAGIC = 0x6465636f50454e44L; // "decoPEND"
    private static final long SHIFT_MAGIC = 0x6465636f53484654L; // "decoSHFT"

    private final MappedCounter size;
    private final MappedCounter pending;
    private final MappedCounter shift;

    private ListSize(MappedCounter size, MappedCounter pending, MappedCounter shift) {
        this.size = size;
        this.pending = pending;
        this.shift = shift;
    }

    /**
     * Maps the counters without checking them, creating those that are missing.
     *
     * @param directory the list's directory
     * @return the counters
     */
    static ListSize map(Path directory) {
        MappedCounter size = MappedCounter.open(directory.resolve(FILE), SIZE_MAGIC, 0);
        MappedCounter pending = null;
        try {
            pending = MappedCounter.open(directory.resolve(PENDING), PENDING_MAGIC, 0);
            return new ListSize(size, pending, MappedCounter.open(directory.resolve(SHIFT), SHIFT_MAGIC, 0));
        } catch (RuntimeException e) {
            size.close();
            if (pending != null) {
                pending.close();
            }
            throw e;
        }
    }

    /**
     * Reads the counters without changing them (a salvage leaves the damaged list as it was).
     *
     * @param directory the list's directory
     * @return their values
     * @throws DiskFormatException          if {@code size} is missing or a file is not a deco counter
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    static State read(Path directory) {
        Path file = directory.resolve(FILE);
        long committed = MappedCounter.read(file, SIZE_MAGIC, -1);
        if (committed < 0) {
            throw new DiskFormatException(file + (Files.exists(file) ? " holds a negative size" : " is missing"));
        }
        return new State(committed, MappedCounter.read(directory.resolve(PENDING), PENDING_MAGIC, 0) - 1,
                MappedCounter.read(directory.resolve(SHIFT), SHIFT_MAGIC, 0));
    }

    /** {@return the counters' values now} */
    State state() {
        return new State(size.get(), target(), shift.get());
    }

    /**
     * Sets the counters to values read from another list (a salvage carries on its mutation).
     *
     * @param state the values
     */
    void restore(State state) {
        size.set(state.committed());
        shift.set(state.shift());
        pending.set(state.target() + 1);
    }

    /**
     * Maps the counters and checks them against the stored elements.
     *
     * @param directory the list's directory
     * @param entries   how many elements are stored
     * @return the size
     * @throws DiskFormatException if the counters do not agree with the stored elements
     */
    static ListSize open(Path directory, long entries) {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file) && entries > 0) {
            throw new DiskFormatException(file + " is missing, but the list holds " + entries
                    + " stored elements: its size is lost; run DiskList.recover to save them");
        }
        ListSize listSize = map(directory);
        long committed = listSize.get();
        if (!listSize.state().agreesWith(entries, 0)) {
            listSize.close();
            Path recovered = directory.resolve(deco.memory.store.OpenStores.RECOVERED);
            throw new DiskFormatException(file + " says the list has " + committed + " elements, but " + entries
                    + " are stored" + (Files.exists(recovered) && entries < committed ? " (" + recovered + " lists"
                    + " entries that the recovery after a killed process dropped)" : ": the size is damaged")
                    + "; run DiskList.recover to save them");
        }
        return listSize;
    }

    long get() {
        return size.get();
    }

    /** @return the size the mutation in progress leads to, or -1 if none is */
    long target() {
        return pending.get() - 1;
    }

    /** {@return whether the counters record a mutation or a set in progress} */
    boolean inProgress() {
        return pending.get() != 0 || shift.get() != 0;
    }

    /** @param target the size the mutation about to start leads to */
    void begin(long target) {
        pending.set(target + 1);
    }

    /** Records that no shift or set is in progress. */
    void shiftEnded() {
        shift.set(0);
    }

    /**
     * Records how far a shift has come: the next position it writes.
     *
     * @param index the position the insert, remove or set is at
     * @param step  the next position the shift writes (for a set, {@code index})
     */
    void shifted(int index, long step) {
        shift.set((long) (index + 1) << 32 | step);
    }

    /** @param target the size the mutation led to */
    void commit(long target) {
        size.set(target);
        shift.set(0);
        pending.set(0);
    }

    @Override
    public void close() {
        try {
            size.close();
        } finally {
            try {
                pending.close();
            } finally {
                shift.close();
            }
        }
    }

    /**
     * The values of a list's counters.
     *
     * @param committed the size
     * @param target    the size the mutation in progress leads to, or -1 if none is
     * @param shift     {@code (i + 1) << 32 | next position written} of an insert, remove or set in progress, or 0
     */
    record State(long committed, long target, long shift) {

        /** {@return the position of the insert, remove or set in progress, or -1 if none is} */
        int shiftIndex() {
            return (int) (shift >>> 32) - 1;
        }

        /** {@return the next position the shift in progress writes} */
        long shiftStep() {
            return shift & 0xffffffffL;
        }

        /**
         * Whether this many stored positions can go with these counters: the size, or (while a
         * mutation is in progress) anything between the size and its target.
         *
         * @param positions how many positions hold an element
         * @param missing   how many fewer may be stored (elements a kill cut short, dropped by recovery)
         * @return whether they agree
         */
        boolean agreesWith(long positions, long missing) {
            long low = target < 0 ? committed : Math.min(committed, target);
            long high = Math.max(committed, target);
            return positions >= low - missing && positions <= high;
        }
    }
}
