package deco.concurrent;

import deco.memory.Codec;
import deco.memory.io.WholeFile;
import deco.memory.jvm.JvmSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A {@link Buffer}'s queue directory (docs/format.md): prepared for a producer (claimed, checked
 * empty, its codec written), checked before a consumer attaches, and deleted when it was temporary.
 *
 * @param directory the queue directory
 * @param temporary whether the buffer made it and deletes it on close
 * @param claim     the producer's claim, or null for a consumer
 */
record QueueDirectory(Path directory, boolean temporary, ProducerClaim claim) {

    static final String METADATA = "deco-buffer.properties";

    /**
     * Prepares a directory for a producer: a new temporary one if {@code queue} is null.
     *
     * @throws IllegalStateException if another producer has it, or it holds files
     * @throws UncheckedIOException  if it cannot be created or written
     */
    static QueueDirectory forProducer(Path queue, Codec<?> codec) {
        JvmSetup.requireChronicleQueue(); // before any file is made
        Path directory = queue;
        ProducerClaim claim = null;
        boolean lockExisted = true;
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("deco-buffer");
            } else {
                Files.createDirectories(directory);
            }
            lockExisted = Files.exists(directory.resolve(ProducerClaim.FILE));
            claim = ProducerClaim.claim(directory); // before the emptiness check: one producer wins, always
            try (Stream<Path> files = Files.list(directory)) {
                if (files.anyMatch(f -> !f.getFileName().toString().equals(ProducerClaim.FILE))) {
                    throw new IllegalStateException(directory + " already holds files: a producing Buffer "
                            + "needs an empty queue directory (use Buffer.attach to read an existing one)");
                }
            }
            // whole or not at all: a consumer attaching meanwhile never reads it half written
            WholeFile.createOnce(directory.resolve(METADATA), ("codec=" + codec.id() + "\n").getBytes(StandardCharsets.UTF_8));
            return new QueueDirectory(directory, queue == null, claim);
        } catch (IOException | RuntimeException e) {
            if (claim != null) {
                claim.close();
                if (!lockExisted) { // a refused producer leaves the directory as it found it
                    try {
                        Files.deleteIfExists(directory.resolve(ProducerClaim.FILE));
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot prepare the queue directory " + directory + ": " + e, io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Checks a directory a consumer attaches to.
     *
     * @throws IllegalStateException    if it holds no Buffer
     * @throws IllegalArgumentException if its elements were written with another codec
     */
    static QueueDirectory forConsumer(Path directory, Codec<?> codec) {
        JvmSetup.requireChronicleQueue();
        Path metadata = directory.resolve(METADATA);
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(directory + (Files.exists(directory) ? " is not a directory" : " does not exist")
                    + ": it holds no deco Buffer (the producer's JVM makes it when it builds its Buffer on it)");
        }
        if (!Files.isRegularFile(metadata)) {
            throw new IllegalStateException(directory + " holds no deco Buffer (no " + METADATA + ")");
        }
        String written;
        try (var in = Files.newBufferedReader(metadata, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(in);
            written = properties.getProperty("codec", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metadata + ": " + e, e);
        }
        if (written.isEmpty()) {
            throw new IllegalStateException(directory + " holds no deco Buffer: its " + METADATA + " names no codec");
        }
        if (!written.equals(codec.id())) {
            throw new IllegalArgumentException(directory + " holds elements written with codec " + written
                    + ", not " + codec.id());
        }
        return new QueueDirectory(directory, false, null);
    }

    /** Releases the producer's claim and deletes a temporary directory; after the queue is closed. */
    void release() {
        try {
            if (claim != null) {
                claim.close();
            }
        } finally {
            if (temporary) {
                try (Stream<Path> walk = Files.walk(directory)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
