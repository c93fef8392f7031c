package deco.concurrent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A producing {@link Buffer}'s exclusive claim on its queue directory: an exclusive file lock on
 * {@code producer.lock}, taken before anything is written there and held until the buffer closes.
 * A second producer on the directory — in this JVM or another — cannot take it and gets a clear
 * error, every time. Consumers in other JVMs use the same lock as the producer's liveness signal:
 * the operating system releases it when the producer's JVM dies, so a lock they can take means
 * the producer is gone.
 */
final class ProducerClaim implements AutoCloseable {

    static final String FILE = "producer.lock";
    /** Directories claimed by producers of this JVM: file locks are per JVM. */
    private static final Set<Path> CLAIMED_HERE = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private ProducerClaim(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param directory an existing queue directory
     * @return the claim
     * @throws IllegalStateException if another producer holds it
     * @throws UncheckedIOException  if the lock file cannot be made
     */
    static ProducerClaim claim(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!CLAIMED_HERE.add(dir)) {
            throw taken(dir);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw taken(dir);
            }
            return new ProducerClaim(dir, channel, lock);
        } catch (IOException | RuntimeException e) {
            CLAIMED_HERE.remove(dir);
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot claim " + dir + " for a producer: " + io, io);
            }
            throw (RuntimeException) e;
        }
    }

    private static IllegalStateException taken(Path dir) {
        return new IllegalStateException(dir + " already has a producing Buffer (in this or another JVM): a queue"
                + " directory takes one producer; use Buffer.attach to read it");
    }

    /**
     * Whether the producer that claimed {@code directory} still holds its claim. For consumers
     * attached from another JVM; cheap enough to call every few hundred milliseconds of waiting.
     *
     * @param directory a queue directory
     * @return false if no producer holds it (it closed, or its JVM died)
     */
    static boolean producerAlive(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (CLAIMED_HERE.contains(dir)) {
            return true;
        }
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return true;
        } catch (IOException e) {
            return true; // cannot tell: keep waiting rather than fail a live producer's consumers
        }
    }

    /** Releases the claim. Idempotent: the producer may give it up early, close() again. */
    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + directory.resolve(FILE), e);
        } finally {
            CLAIMED_HERE.remove(directory);
        }
    }
}
