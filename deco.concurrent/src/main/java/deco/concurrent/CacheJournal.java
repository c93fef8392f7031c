package deco.concurrent;

import deco.concurrent.log.RecordLog;
import deco.concurrent.log.Records;
import deco.memory.Codec;
import deco.memory.io.WholeFile;
import deco.memory.jvm.JvmSetup;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link Cache}'s journal: every computed (key, value) appended to a queue in a directory of its
 * function's version ({@code v-ID} inside the journal's directory), which a cache of the same
 * version opened on the same directory (after a restart, or in another JVM at the same time) reads
 * instead of computing again (decision 042). The journal's directory records its codecs and that
 * results are kept by version ({@code deco-journal.properties}), and refuses other codecs and
 * journals written before versions. Thread-safe: appends are the log's, reading is synchronized.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class CacheJournal<K, V> {

    private static final String IDENTITY = "deco-journal.properties";
    /** The identity's last line: results live in one directory per function version. */
    private static final String BY_VERSION = "results=by-function-version\n";

    final RecordLog log;
    final Codec<K> keys;
    final Codec<V> values;
    final FunctionVersion version;
    private final RecordLog.Reader reader;

    CacheJournal(Path directory, FunctionVersion version, Codec<K> keys, Codec<V> values) {
        JvmSetup.requireChronicleQueue(); // before any file is made
        checkIdentity(directory, "keyCodec=" + keys.id() + "\nvalueCodec=" + values.id() + "\n");
        this.log = RecordLog.open(directory.resolve(version.directoryName()));
        this.version = version;
        this.keys = keys;
        this.values = values;
        this.reader = log.reader();
    }

    /**
     * The journal's codecs, written when it is created and compared on every open. Two processes
     * may create the journal at once: the file is created once ({@link WholeFile#createOnce}), and
     * each compares what is there with its own codecs.
     */
    private static void checkIdentity(Path directory, String codecs) {
        String identity = codecs + BY_VERSION;
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
            if (!stored.endsWith(BY_VERSION) && stored.startsWith("keyCodec=")) {
                throw new deco.memory.DiskFormatException(directory + " is a journal written before deco kept results"
                        + " by the function's version, so nobody can tell which function computed them: move it away"
                        + " or delete it, and a new journal is made there; nothing was read or changed");
            }
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
