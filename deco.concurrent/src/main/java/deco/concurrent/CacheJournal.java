package deco.concurrent;

import deco.concurrent.log.RecordLog;
import deco.concurrent.log.Records;
import deco.memory.Codec;
import deco.memory.io.WholeFile;
import deco.memory.jvm.JvmSetup;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link Cache}'s journal: every computed (key, value) appended to a queue in a directory, which
 * a cache opened on the same directory (after a restart, or in another JVM at the same time) reads
 * instead of computing again. The directory records its codecs ({@code deco-journal.properties})
 * and refuses others. Thread-safe: appends are the log's, reading is synchronized.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class CacheJournal<K, V> {

    private static final String IDENTITY = "deco-journal.properties";

    final RecordLog log;
    final Codec<K> keys;
    final Codec<V> values;
    private final RecordLog.Reader reader;

    CacheJournal(Path directory, Codec<K> keys, Codec<V> values) {
        JvmSetup.requireChronicleQueue(); // before any file is made
        checkIdentity(directory, "keyCodec=" + keys.id() + "\nvalueCodec=" + values.id() + "\n");
        this.log = RecordLog.open(directory);
        this.keys = keys;
        this.values = values;
        this.reader = log.reader();
    }

    /**
     * The journal's codecs, written when it is created and compared on every open. Two processes
     * may create the journal at once: the file is created once ({@link WholeFile#createOnce}), and
     * each compares what is there with its own codecs.
     */
    private static void checkIdentity(Path directory, String identity) {
        Path file = directory.resolve(IDENTITY);
        try {
            java.nio.file.Files.createDirectories(directory);
            if (!java.nio.file.Files.exists(file)) {
                try (var files = java.nio.file.Files.list(directory)) {
                    if (files.anyMatch(f -> !WholeFile.isBeingCreated(f, IDENTITY))) {
                        throw new deco.memory.DiskFormatException(directory + " holds files but no " + IDENTITY
                                + ": not a deco Cache journal");
                    }
                }
                WholeFile.createOnce(file, identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String stored = java.nio.file.Files.readString(file);
            if (!stored.equals(identity)) {
                throw new IllegalArgumentException(directory + " is a journal of other types: it holds "
                        + stored.strip().replace('\n', ' ') + ", not " + identity.strip().replace('\n', ' ')
                        + "; nothing was read or changed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot prepare the journal " + directory + ": " + e, e);
        }
    }

    void append(K key, V value) {
        byte[] k = keys.encode(key);
        byte[] v = values.encode(value);
        log.append(Records.ENTRY, Records.entry(k, v));
    }

    /** Reads records appended since the last call; {@code true} if there were any. */
    synchronized boolean catchUp(Map<K, V> into) {
        boolean any = false;
        RecordLog.Record record;
        while ((record = reader.next()) != null) {
            byte[][] entry = Records.entryParts(record.payload());
            into.putIfAbsent(keys.decode(entry[0]), values.decode(entry[1]));
            any = true;
        }
        return any;
    }

    synchronized void close() {
        reader.close();
        log.close();
    }
}
