package deco.memory.store;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Directories written by deco 0.1: a chain of parts {@code part-0.cm}, {@code part-1.cm}, ...
 * ({@code initialCapacity × 4^i} entries each) counted by a {@code parts} file. Converted once, by
 * the first process that opens the directory alone: every entry is copied into hash-addressed
 * parts, then a manifest of the current version is written (the commit point), then the old files are
 * deleted. A conversion that dies before the commit leaves the old files as they were; its new
 * files are deleted when it is tried again.
 */
final class LegacyParts {

    private static final Pattern OLD_PART = Pattern.compile("part-\\d+\\.cm");
    private static final String OLD_COUNT = "parts";

    private LegacyParts() {
    }

    /**
     * @return the manifest now in force (the current version)
     */
    @SuppressWarnings("unchecked")
    static Manifest migrate(Path dir, Manifest old, long id, StoreLock lock, Class<?> keyClass,
                            Class<?> valueClass) {
        deleteNewFiles(dir);
        Manifest converted = new Manifest(old.format(), old.keyType(), old.keyCodec(), old.valueType(), old.valueCodec(),
                old.averageKeySize(), old.averageValueSize(), old.initialCapacity(), Manifest.VERSION, id);
        Layout.create(dir.resolve(Layout.FILE), converted.id());
        PartFiles files = new PartFiles(dir, converted, keyClass, valueClass);
        files.create(new PartId(0, 0)).close();
        HashedStore store = new HashedStore(dir, converted, lock, Layout.open(dir.resolve(Layout.FILE),
                converted.id()), files, keyClass, valueClass);
        try {
            int parts = 0;
            while (Files.exists(dir.resolve("part-" + parts + ".cm"))) {
                parts++;
            }
            for (int i = parts - 1; i >= 0; i--) { // newest first: deco 0.1 read a key from its newest part
                File file = dir.resolve("part-" + i + ".cm").toFile();
                ChronicleMapBuilder<Object, Object> builder = builder(old, i, keyClass, valueClass);
                try (ChronicleMap<Object, Object> part = builder.recoverPersistedTo(file, true)) {
                    for (Map.Entry<Object, Object> entry : part.entrySet()) {
                        store.putIfAbsent(entry.getKey(), entry.getValue());
                    }
                } catch (IOException | RuntimeException e) {
                    throw StorageErrors.partFile("open", file, e);
                }
            }
        } finally {
            store.closeFiles();
        }
        converted.write(dir);
        deleteLeftovers(dir);
        return converted;
    }

    /**
     * The configuration deco 0.1 created its part {@code index} with, which Chronicle's recovery
     * needs to rewrite a damaged header.
     *
     * @param old   the deco 0.1 manifest
     * @param index the part's index in the chain
     */
    static ChronicleMapBuilder<Object, Object> builder(Manifest old, int index, Class<?> keyClass,
                                                      Class<?> valueClass) {
        return PartFiles.ofStored(old, keyClass, valueClass)
                .entries(Math.max(1, old.initialCapacity()) << Math.min(2 * index, 40))
                .maxBloatFactor(4.0);
    }

    /**
     * @param name a file name
     * @return the index of the deco 0.1 part it names ({@code part-I.cm}), or -1 if it names none
     */
    static int indexOf(String name) {
        if (!OLD_PART.matcher(name).matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(name.substring("part-".length(), name.length() - ".cm".length()));
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }

    /** Deletes files of a conversion that did not reach its commit point. */
    private static void deleteNewFiles(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.equals(Layout.FILE) || name.startsWith("part-") && !OLD_PART.matcher(name).matches()) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw StorageErrors.io("cannot clean " + dir, e);
        }
    }

    /** Deletes the deco 0.1 files of a converted directory (alone, under the store lock). */
    static void deleteLeftovers(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.equals(OLD_COUNT) || OLD_PART.matcher(name).matches()) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw StorageErrors.io("cannot clean " + dir, e);
        }
    }
}
