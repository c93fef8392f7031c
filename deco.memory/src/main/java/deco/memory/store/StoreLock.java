package deco.memory.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The locks of one collection directory in this JVM.
 *
 * <ul>
 *   <li>The <em>structure lock</em> ({@link #lockStructure()}): a lock of this JVM, then an exclusive
 *       file lock on {@code lock}. Held while a process opens the collection, splits a part or
 *       clears it. The operating system releases the file lock of a process that dies, so a
 *       waiter never waits on a dead process; it waits only while another process changes the
 *       structure.</li>
 *   <li>The <em>users lock</em>: a shared file lock on {@code users.lock}, held by every process
 *       that has the collection open. A process that could take it exclusively, under the
 *       structure lock, is alone: it may recover files a killed process left.</li>
 * </ul>
 *
 * <p>File locks belong to the whole JVM, so one {@code StoreLock} serves every instance of the
 * collection in this JVM ({@link HashedStore} shares it). A file lock's channel is closed when a
 * thread blocked on it is interrupted; the structure lock therefore opens a channel for each hold,
 * and the users lock is never waited for.
 */
final class StoreLock {

    static final String LOCK = "lock";
    static final String USERS = "users.lock";

    private final Path directory;
    private final ReentrantLock jvm = new ReentrantLock();
    private FileChannel usersChannel;
    private FileLock usersLock;

    StoreLock(Path directory) {
        this.directory = directory;
    }

    /** A hold of the structure lock; {@link #close()} releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for the structure lock: first this JVM's, then the file lock. Reentrant.
     *
     * @return the hold
     * @throws java.io.UncheckedIOException if the lock file cannot be opened or locked
     */
    Held lockStructure() {
        jvm.lock();
        if (jvm.getHoldCount() > 1) {
            return jvm::unlock; // this thread holds the file lock already
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            FileChannel held = channel;
            return () -> {
                try {
                    lock.release();
                    held.close();
                } catch (IOException e) {
                    throw StorageErrors.io("cannot release " + directory.resolve(LOCK), e);
                } finally {
                    jvm.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            } finally {
                jvm.unlock();
            }
            throw e instanceof IOException io ? StorageErrors.io("cannot lock " + directory.resolve(LOCK), io)
                    : (RuntimeException) e;
        }
    }

    /**
     * Takes this JVM's shared users lock. Under the structure lock, once per JVM.
     *
     * @return whether no other process had the collection open (this one may recover)
     */
    boolean join() {
        try {
            usersChannel = FileChannel.open(directory.resolve(USERS), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock exclusive = usersChannel.tryLock();
            boolean alone = exclusive != null;
            if (exclusive != null) {
                exclusive.release();
            }
            usersLock = usersChannel.lock(0, Long.MAX_VALUE, true);
            return alone;
        } catch (IOException e) {
            leave();
            throw StorageErrors.io("cannot lock " + directory.resolve(USERS), e);
        }
    }

    /**
     * Under the structure lock, after {@link #join()}: whether this is the only process that has
     * the collection open.
     *
     * @return whether no other process holds the users lock
     */
    boolean alone() {
        try {
            usersLock.release();
            FileLock exclusive = usersChannel.tryLock();
            if (exclusive != null) {
                exclusive.release();
            }
            usersLock = usersChannel.lock(0, Long.MAX_VALUE, true);
            return exclusive != null;
        } catch (IOException e) {
            throw StorageErrors.io("cannot lock " + directory.resolve(USERS), e);
        }
    }

    /** Releases this JVM's users lock. */
    void leave() {
        try {
            if (usersLock != null && usersLock.isValid()) {
                usersLock.release();
            }
            if (usersChannel != null) {
                usersChannel.close();
            }
        } catch (IOException e) {
            throw StorageErrors.io("cannot release " + directory.resolve(USERS), e);
        } finally {
            usersLock = null;
            usersChannel = null;
        }
    }
}
