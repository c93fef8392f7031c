package deco.memory.store;

import deco.memory.io.MappedCounter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock a collection's writers hold for an operation that writes several entries and the
 * records that say how far it has come ({@code DiskList}'s shifts and size counters): one writer
 * at a time across the threads of this JVM and across processes.
 *
 * <ul>
 *   <li>In this JVM, a {@link ReentrantLock}: one {@code WriterLock} serves every instance of the
 *       collection in the JVM ({@link HashedStore} shares it).</li>
 *   <li>Across processes, a word in the shared, memory-mapped file {@code writer}: 0 when free,
 *       else the holder's <em>slot</em>. Taking and releasing it is a compare-and-set, so an
 *       operation pays no system call.</li>
 *   <li>A process that may write holds an exclusive file lock on one byte of {@code writers.lock}
 *       at the offset of its slot (random, chosen free), until it closes the collection. The
 *       operating system releases it when the process dies, so a waiter that finds that byte
 *       lockable knows the holder is dead, takes the word over and finishes what the dead
 *       writer left. A waiter never waits on a dead process, only on a live one's operation.</li>
 * </ul>
 *
 * <p>Waiting spins briefly, then parks for growing intervals (up to 1 ms), and checks the
 * holder's slot about every millisecond. It does not respond to interrupts (an operation is
 * short; the holder's is running), and it is not fair across processes: a process that writes
 * without pause may take the word again before a parked waiter of another process wakes (the
 * waiter still gets it between two of those writes, only later). Thread-safe.
 */
public final class WriterLock implements AutoCloseable {

    static final String WORD = "writer";
    static final String SLOTS = "writers.lock";
    private static final long MAGIC = 0x6465636f57525452L; // "decoWRTR"
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Path directory;
    private final ReentrantLock jvm = new ReentrantLock();
    private final MappedCounter word;
    private final FileChannel slots;
    private final FileLock mine;
    private final long slot;

    private WriterLock(Path directory, MappedCounter word, FileChannel slots, FileLock mine, long slot) {
        this.directory = directory;
        this.word = word;
        this.slots = slots;
        this.mine = mine;
        this.slot = slot;
    }

    /**
     * Maps the word and takes a free slot for this process.
     *
     * @param directory the collection's directory
     * @return the lock, not held
     * @throws java.io.UncheckedIOException if the files cannot be created or locked
     */
    static WriterLock open(Path directory) {
        MappedCounter word = MappedCounter.open(directory.resolve(WORD), MAGIC, 0);
        FileChannel slots = null;
        try {
            slots = FileChannel.open(directory.resolve(SLOTS), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            while (true) {
                long slot = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
                FileLock lock = slots.tryLock(slot, 1, false);
                if (lock != null) {
                    return new WriterLock(directory, word, slots, lock, slot);
                }
            }
        } catch (IOException | RuntimeException e) {
            word.close();
            try {
                if (slots != null) {
                    slots.close();
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof IOException io ? StorageErrors.io("cannot lock " + directory.resolve(SLOTS), io)
                    : (RuntimeException) e;
        }
    }

    /** A hold of the lock; {@link #close()} releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for the lock: this JVM's, then the shared word. Reentrant. If the holder in another
     * process died, takes it over; the records of that holder's operation are the caller's to
     * finish.
     *
     * @return the hold
     */
    public Held lock() {
        jvm.lock();
        if (jvm.getHoldCount() > 1) {
            return jvm::unlock;
        }
        try {
            acquire();
        } catch (RuntimeException | Error e) {
            jvm.unlock();
            throw e;
        }
        return this::release;
    }

    private void acquire() {
        long waited = 0;
        long nextCheck = System.nanoTime() + CHECK_NANOS;
        while (!word.compareAndSet(0, slot)) {
            long holder = word.get();
            if (holder == slot) {
                return; // a dead process had drawn the slot this one holds now: its records are the caller's
            }
            if (holder != 0 && System.nanoTime() - nextCheck >= 0) {
                if (!alive(holder) && word.compareAndSet(holder, slot)) {
                    return; // the holder died: its records are the caller's to finish
                }
                nextCheck = System.nanoTime() + CHECK_NANOS;
            }
            if (waited++ < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(Math.min(1_000_000L, 1_000L << Math.min(10, (waited - 100) / 16)));
            }
        }
    }

    /** Whether the process holding {@code holder} still holds its slot's byte. */
    private boolean alive(long holder) {
        try {
            FileLock probe = slots.tryLock(holder, 1, false);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException ours) {
            return true; // a slot of this JVM (cannot be: this JVM holds one slot per collection)
        } catch (IOException e) {
            throw StorageErrors.io("cannot check " + directory.resolve(SLOTS), e);
        }
    }

    private void release() {
        try {
            if (!word.compareAndSet(slot, 0)) {
                throw new IllegalStateException("the writer lock of " + directory + " was taken from this process"
                        + " while it held it (its slot in " + SLOTS + " was lost)");
            }
        } finally {
            jvm.unlock();
        }
    }

    /** Releases this process's slot and unmaps the word (the last instance in this JVM closed). */
    @Override
    public void close() {
        try {
            mine.release();
            slots.close();
        } catch (IOException e) {
            throw StorageErrors.io("cannot release " + directory.resolve(SLOTS), e);
        } finally {
            word.close();
        }
    }
}
