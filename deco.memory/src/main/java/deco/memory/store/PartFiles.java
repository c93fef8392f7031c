package deco.memory.store;

import deco.memory.DiskFormatException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * The Chronicle Map files of one collection's parts: their names, their sizing, and how they are
 * created, opened, recovered and deleted. Every part of a collection has the same configuration,
 * so a part's file can be opened by any process from the manifest alone.
 */
final class PartFiles {

    /** Extra segment tiers a part may allocate, as a multiple of its segments. */
    static final double MAX_BLOAT = 4.0;
    /**
     * At least this many segments: a part splits once it uses a quarter as many extra tiers as it
     * has segments (lookups in extra tiers are slower, decision 027), so 60 writes would have to
     * allocate a tier at the same instant for Chronicle Map to refuse one.
     */
    static final int MIN_SEGMENTS = 16;

    private final Path directory;
    private final long id;
    private final Class<?> keyClass;
    private final Class<?> valueClass;
    private final Manifest manifest;
    private final PartSizing sizing;

    PartFiles(Path directory, Manifest manifest, Class<?> keyClass, Class<?> valueClass) {
        this.directory = directory;
        this.id = manifest.id();
        this.keyClass = keyClass;
        this.valueClass = valueClass;
        this.manifest = manifest;
        this.sizing = PartSizing.of(manifest);
    }

    File file(PartId part) {
        return directory.resolve(part.fileName(id)).toFile();
    }

    boolean exists(PartId part) {
        return file(part).isFile();
    }

    private ChronicleMapBuilder<Object, Object> builder(PartId part) {
        return builder(manifest, keyClass, valueClass, sizing.entries(part)).name(directory.getFileName() + "/" + part);
    }

    /**
     * @param entries the entries the part is created for ({@link PartSizing})
     * @return the configuration of a part of a collection with this manifest
     */
    static ChronicleMapBuilder<Object, Object> builder(Manifest manifest, Class<?> keyClass, Class<?> valueClass,
                                                      long entries) {
        return ofStored(manifest, keyClass, valueClass)
                .entries(entries)
                .minSegments(MIN_SEGMENTS)
                .maxBloatFactor(MAX_BLOAT)
                .checksumEntries(true);
    }

    /**
     * @return a Chronicle Map configuration for these stored classes, with the manifest's average
     * sizes for the variable-size ones: what every part file of every deco version starts from
     */
    @SuppressWarnings("unchecked")
    static ChronicleMapBuilder<Object, Object> ofStored(Manifest manifest, Class<?> keyClass, Class<?> valueClass) {
        ChronicleMapBuilder<Object, Object> builder = ChronicleMapBuilder
                .of((Class<Object>) keyClass, (Class<Object>) valueClass);
        if (variableSize(keyClass)) {
            builder.averageKeySize(manifest.averageKeySize());
        }
        if (variableSize(valueClass)) {
            builder.averageValueSize(manifest.averageValueSize());
        }
        return builder;
    }

    /** @return whether Chronicle stores values of this stored class in a variable number of bytes */
    static boolean variableSize(Class<?> storedClass) {
        return storedClass == byte[].class || storedClass == String.class;
    }

    /**
     * Creates a part file that must not exist yet (a leftover of an interrupted split is deleted
     * before).
     *
     * @param part the part
     * @return the open, empty part
     */
    ChronicleMap<Object, Object> create(PartId part) {
        File file = file(part);
        try {
            Files.deleteIfExists(file.toPath());
            return detached(builder(part).createPersistedTo(file));
        } catch (IOException | RuntimeException | Error e) {
            throw StorageErrors.partFile("create", file, e);
        }
    }

    /**
     * Opens an existing part, never creating one.
     *
     * @param part the part
     * @return the open part, or null if the file does not exist
     */
    ChronicleMap<Object, Object> open(PartId part) {
        File file = file(part);
        if (!file.isFile()) {
            return null;
        }
        if (file.length() == 0) { // Chronicle would make a new, empty map of it
            throw new DiskFormatException(file + " is empty: the part was truncated; run DiskDict.recover to save"
                    + " the other parts");
        }
        try {
            return detached(builder(part).createPersistedTo(file));
        } catch (IOException | RuntimeException | Error e) {
            if (!file.isFile()) {
                return null;
            }
            throw StorageErrors.partFile("open", file, e);
        }
    }

    /**
     * Opens an existing part with Chronicle Map's recovery (locks of a killed process cleared,
     * every entry's checksum verified). Only when no other process has the collection open.
     *
     * @param part    the part
     * @param report  collects what Chronicle reports
     * @return the open part
     * @throws DiskFormatException if the file is missing or cannot be recovered
     */
    ChronicleMap<Object, Object> recover(PartId part, RecoveryReport report) {
        File file = file(part);
        if (!file.isFile()) {
            throw new DiskFormatException(file + " is missing: the collection at " + directory + " lost "
                    + part + " (its layout names it)");
        }
        if (file.length() == 0) {
            throw new DiskFormatException(file + " is empty: the part was truncated; run DiskDict.recover to save"
                    + " the other parts");
        }
        try {
            // mapped once without recovery first: that checks the file's length against its header
            builder(part).createPersistedTo(file).close();
        } catch (IOException | RuntimeException | Error e) {
            throw StorageErrors.partFile("open", file, e);
        }
        try {
            return detached(builder(part).recoverPersistedTo(file, true,
                    corruption -> report.add(file.getName() + ": " + corruption.message()
                            + (corruption.segmentIndex() >= 0 ? " (segment " + corruption.segmentIndex() + ")" : ""))));
        } catch (IOException | RuntimeException | Error e) {
            throw StorageErrors.partFile("recover", file, e);
        }
    }

    /** A part of a live collection is left mapped when the JVM exits ({@link ExitHook#detach}). */
    private static ChronicleMap<Object, Object> detached(ChronicleMap<Object, Object> part) {
        ExitHook.detach(part);
        return part;
    }

    /** @param part a part whose file is to go (a retired part, or a leftover child) */
    void delete(PartId part) {
        try {
            Files.deleteIfExists(file(part).toPath());
        } catch (IOException e) {
            throw StorageErrors.io("cannot delete " + file(part), e);
        }
    }

    /**
     * @param map an open part
     * @return whether it uses a quarter as many extra tiers as it has segments: time to split
     */
    static boolean splitDue(ChronicleMap<Object, Object> map) {
        int segments = map.segments();
        return map.remainingAutoResizes() <= MAX_BLOAT * segments - segments / 4;
    }

    /**
     * @param map an open part
     * @return the largest key plus value, in bytes, one entry of it may take
     */
    static long maxEntryBytes(ChronicleMap<Object, Object> map) {
        VanillaChronicleHash<?, ?, ?, ?> hash = (VanillaChronicleHash<?, ?, ?, ?>) map;
        return hash.chunkSize * hash.maxChunksPerEntry - 16;
    }

    /** @return the names of files in the directory that look like parts of another collection */
    List<String> foreignParts() {
        List<String> foreign = new ArrayList<>();
        String ours = "part-" + Long.toHexString(id) + "-";
        File[] files = directory.toFile().listFiles();
        if (files != null) {
            for (File f : files) {
                if (f.getName().startsWith("part-") && f.getName().endsWith(".cm") && !f.getName().startsWith(ours)) {
                    foreign.add(f.getName());
                }
            }
        }
        return foreign;
    }
}
