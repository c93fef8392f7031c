package deco.memory;

import deco.memory.io.MappedCounter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link DiskList}'s size, shared by processes: {@code size} holds it, and {@code size.pending}
 * the size a mutation in progress is heading for (0 when none). A mutation sets the target, writes
 * its elements, then commits. On open the stored element count must equal the size, or lie
 * between the size and an uncommitted target (a writer was interrupted, or is still writing in
 * another process); anything else — a size file deleted, lowered or raised — is damage.
 */
final class ListSize implements AutoCloseable {

    static final String FILE = "size";
    static final String PENDING = "size.pending";
    private static final long SIZE_MAGIC = 0x6465636f53495a45L; // "decoSIZE"
    private static final long PENDING_MAGIC = 0x6465636f50454e44L; // "decoPEND"

    private final MappedCounter size;
    private final MappedCounter pending;

    private ListSize(MappedCounter size, MappedCounter pending) {
        this.size = size;
        this.pending = pending;
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
        MappedCounter size = MappedCounter.open(file, SIZE_MAGIC, 0);
        MappedCounter pending;
        try {
            pending = MappedCounter.open(directory.resolve(PENDING), PENDING_MAGIC, 0);
        } catch (RuntimeException e) {
            size.close();
            throw e;
        }
        ListSize listSize = new ListSize(size, pending);
        long committed = size.get();
        long target = pending.get() - 1;
        boolean consistent = entries == committed
                || target >= 0 && entries >= Math.min(committed, target) && entries <= Math.max(committed, target);
        if (!consistent) {
            listSize.close();
            throw new DiskFormatException(file + " is damaged: it says the list has " + committed + " elements, but "
                    + entries + " are stored; run DiskList.recover to save them");
        }
        return listSize;
    }

    long get() {
        return size.get();
    }

    /** @param target the size the mutation about to start leads to */
    void begin(long target) {
        pending.set(target + 1);
    }

    /** @param target the size the mutation led to */
    void commit(long target) {
        size.set(target);
        pending.set(0);
    }

    @Override
    public void close() {
        try {
            size.close();
        } finally {
            pending.close();
        }
    }
}
