package deco.memory.store;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Reads what is intact from a damaged collection without changing it: each part file is copied
 * to a temporary directory, the copy opened with Chronicle Map's recovery (entries whose checksum
 * fails are dropped and reported), and every remaining entry offered to a sink. If the layout is
 * readable only its live parts are read; otherwise every part file, deepest (newest) first, and a
 * key already saved is not overwritten.
 */
public final class Salvager {

    private Salvager() {
    }

    /** What a sink did with one salvaged entry. */
    public enum Kept {
        /** stored in the new collection */
        SAVED,
        /** left out: a part read before (a newer one) gave the key its value */
        SUPERSEDED,
        /** left out: it does not decode */
        UNREADABLE
    }

    /** Takes the salvaged entries. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param key   a stored key
         * @param value its stored value
         * @return what became of the entry
         */
        Kept keep(Object key, Object value);
    }

    /**
     * Saves an entry into the new collection unless its key is there already: a key keeps the
     * value of the first part read (the newest), as reads did.
     *
     * @param into  the new collection
     * @param key   a stored key that decodes
     * @param value its stored value, which decodes
     * @return {@link Kept#SAVED} or {@link Kept#SUPERSEDED}
     */
    public static Kept keepFirst(HashedStore into, Object key, Object value) {
        return into.putIfAbsent(key, value) == null ? Kept.SAVED : Kept.SUPERSEDED;
    }

    /**
     * @param directory  the damaged collection
     * @param keyClass   the stored key class
     * @param valueClass the stored value class
     * @param sink       takes each stored key and value, newest part first
     * @param problems   collects what was reported
     * @return the entries saved, and those lost: {@code {saved, lost}}
     */
    public static long[] salvage(Path directory, Class<?> keyClass, Class<?> valueClass, Sink sink,
                                 List<String> problems) {
        ChronicleValueClasses.prepareJvm();
        Path dir = directory.toAbsolutePath().normalize();
        Manifest manifest = Manifest.read(dir);
        Path marker = dir.resolve(OpenStores.DAMAGED);
        if (Files.exists(marker)) {
            try { // recovery at the open that found the damage already dropped these entries
                problems.add(Files.readString(marker).strip());
            } catch (IOException e) {
                problems.add(marker + " cannot be read: " + e);
            }
        }
        List<File> sources = sources(dir, manifest, problems);
        PartSizing sizing = PartSizing.of(manifest);
        long saved = 0;
        long superseded = 0;
        long lost = 0;
        Path scratch;
        try {
            scratch = Files.createTempDirectory("deco-salvage");
        } catch (IOException e) {
            throw StorageErrors.io("cannot create a temporary directory", e);
        }
        try {
            for (File source : sources) {
                Path copy = scratch.resolve(source.getName());
                RecoveryReport report = new RecoveryReport();
                try {
                    Files.copy(source.toPath(), copy, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    problems.add(source.getName() + ": cannot be read (" + e.getMessage() + ")");
                    continue;
                }
                try (ChronicleMap<Object, Object> part = creation(source.getName(), manifest, sizing, keyClass, valueClass)
                        .recoverPersistedTo(copy.toFile(), true, c -> report.add(source.getName() + ": " + c.message()))) {
                    for (Map.Entry<Object, Object> entry : part.entrySet()) {
                        switch (sink.keep(entry.getKey(), entry.getValue())) {
                            case SAVED -> saved++;
                            case SUPERSEDED -> superseded++;
                            case UNREADABLE -> lost++;
                        }
                    }
                } catch (IOException | RuntimeException | Error e) {
                    problems.add(source.getName() + ": cannot be recovered (" + e + ")");
                }
                lost += report.damages().size();
                problems.addAll(report.damages());
            }
        } finally {
            deleteTree(scratch);
        }
        if (superseded > 0) {
            problems.add(superseded + " entries of older parts were left out: a newer part gave their keys the"
                    + " values saved (as reads did)");
        }
        return new long[] {saved, lost};
    }

    private static List<File> sources(Path dir, Manifest manifest, List<String> problems) {
        List<File> sources = new ArrayList<>();
        if (manifest.version() >= 2) {
            try (Layout layout = Layout.open(dir.resolve(Layout.FILE), manifest.id())) {
                for (PartId id : layout.parts(layout.epoch())) {
                    sources.add(dir.resolve(id.fileName(manifest.id())).toFile());
                }
                return sources;
            } catch (RuntimeException unreadable) {
                problems.add("the layout cannot be used (" + unreadable.getMessage() + "); every part file is read");
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "part-*.cm")) {
            for (Path file : files) {
                sources.add(file.toFile());
            }
        } catch (IOException e) {
            throw StorageErrors.io("cannot list " + dir, e);
        }
        sources.sort(Comparator.comparing((File f) -> depthOf(f.getName())).reversed());
        return sources;
    }

    /**
     * The configuration a part file was created with, from its name: Chronicle's recovery rewrites
     * a damaged header from it, so it must give the geometry the entries were written with.
     */
    private static ChronicleMapBuilder<Object, Object> creation(String name, Manifest manifest, PartSizing sizing,
                                                              Class<?> keyClass, Class<?> valueClass) {
        PartId id = PartId.ofFileName(name);
        if (id != null) {
            return PartFiles.builder(manifest, keyClass, valueClass, sizing.entries(id));
        }
        int legacy = LegacyParts.indexOf(name); // also a leftover beside converted parts: the conversion
        if (legacy >= 0) {                      // keeps deco 0.1's sizes in the new manifest
            return LegacyParts.builder(manifest, legacy, keyClass, valueClass);
        }
        return PartFiles.builder(manifest, keyClass, valueClass, manifest.initialCapacity());
    }

    /** The depth in a part file name ({@code part-ID-DEPTH-BITS.cm}), or the index of a deco 0.1 part ({@code part-I.cm}). */
    private static int depthOf(String name) {
        PartId part = PartId.ofFileName(name);
        return part != null ? part.depth() : LegacyParts.indexOf(name);
    }

    private static void deleteTree(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary directory; the operating system cleans it eventually
        }
    }
}
