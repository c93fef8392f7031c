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
 * readable only its live parts are read. Otherwise every part file is read, newest first, and a key
 * already saved is not overwritten: hash parts deepest first, then deco 0.1 parts, newest first
 * (a conversion copied them into the hash parts). A file that a newer file replaced (a part whose
 * split left children, a deco 0.1 part beside converted parts) may hold keys removed since; the
 * entries saved only from such files are counted and reported, not dropped, since without the
 * layout nothing tells a removed key from one a cut-short split had not copied yet.
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
        /** left out and counted as lost, for a reason the sink added to the problems (it does not decode, ...) */
        LOST
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
     * @return what was saved and lost
     */
    public static Tally salvage(Path directory, Class<?> keyClass, Class<?> valueClass, Sink sink,
                                 List<String> problems) {
        ChronicleValueClasses.prepareJvm();
        Path dir = directory.toAbsolutePath().normalize();
        Manifest manifest = Manifest.read(dir);
        Path marker = dir.resolve(OpenStores.DAMAGED);
        String damageFound = null;
        if (Files.exists(marker)) {
            try {
                damageFound = Files.readString(marker).strip();
            } catch (IOException e) {
                damageFound = marker + " cannot be read: " + e;
            }
            problems.add(damageFound);
        }
        List<Source> sources = sources(dir, manifest, problems);
        PartSizing sizing = PartSizing.of(manifest);
        long saved = 0;
        long superseded = 0;
        long fromReplaced = 0;
        long lost = 0;
        long incomplete = 0;
        if (damageFound != null) { // the recovery at the open that found the damage dropped those entries
            String report = damageFound;
            long named = sources.stream().filter(s -> report.contains(s.file().getName())).count();
            incomplete += Math.max(1, named);
            problems.add("the entries dropped when the damage was found are lost; their number is not known (see"
                    + " the report above)");
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("deco-salvage");
        } catch (IOException e) {
            throw StorageErrors.io("cannot create a temporary directory", e);
        }
        try {
            for (Source from : sources) {
                File source = from.file();
                Path copy = scratch.resolve(source.getName());
                RecoveryReport report = new RecoveryReport();
                long length;
                try {
                    Files.copy(source.toPath(), copy, StandardCopyOption.REPLACE_EXISTING);
                    length = Files.size(copy);
                } catch (IOException e) {
                    problems.add(source.getName() + ": cannot be read (" + e + "); its entries are lost");
                    incomplete++;
                    continue;
                }
                if (length == 0) { // Chronicle's recovery would take it for a new, empty map
                    problems.add(source.getName() + ": truncated to nothing; its entries are lost");
                    incomplete++;
                    continue;
                }
                try (ChronicleMap<Object, Object> part = creation(from, manifest, sizing, keyClass, valueClass)
                        .recoverPersistedTo(copy.toFile(), true, c -> report.add(source.getName() + ": " + c.message()))) {
                    long needed = Files.size(copy); // the recovery maps what the header says, extending a short file
                    if (needed > length) {
                        problems.add(source.getName() + ": truncated (" + length + " of " + needed + " bytes); the"
                                + " entries saved from it are those before the cut, the rest are lost");
                        incomplete++;
                    }
                    for (Map.Entry<Object, Object> entry : part.entrySet()) {
                        switch (sink.keep(entry.getKey(), entry.getValue())) {
                            case SAVED -> {
                                saved++;
                                fromReplaced += from.replaced() ? 1 : 0;
                            }
                            case SUPERSEDED -> superseded++;
                            case LOST -> lost++;
                        }
                    }
                } catch (IOException | RuntimeException | Error e) {
                    problems.add(source.getName() + ": cannot be recovered (" + e + "); its entries are lost");
                    incomplete++;
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
        if (fromReplaced > 0) {
            problems.add(fromReplaced + " entries were saved from part files that newer ones replaced (split parts"
                    + " not yet deleted, or deco 0.1 parts left by a conversion), and from no newer file: their keys"
                    + " may have been removed since (the layout, which would tell, cannot be used); check them");
        }
        return new Tally(saved, lost, (int) incomplete);
    }

    /**
     * What a salvage saved and lost.
     *
     * @param saved           entries saved
     * @param lost            entries found and left out
     * @param incompleteParts part files read in part or not at all (their losses cannot be counted)
     */
    public record Tally(long saved, long lost, int incompleteParts) {
    }

    /**
     * A part file to read.
     *
     * @param file     the file
     * @param id       the hash part its name names, or null (a deco 0.1 part)
     * @param replaced whether a newer file in the directory replaced it (read only without a layout)
     */
    private record Source(File file, PartId id, boolean replaced) {
    }

    private static List<Source> sources(Path dir, Manifest manifest, List<String> problems) {
        List<Source> sources = new ArrayList<>();
        if (manifest.version() >= 2) {
            try (Layout layout = Layout.open(dir.resolve(Layout.FILE), manifest.id())) {
                for (PartId id : layout.parts(layout.epoch())) {
                    sources.add(new Source(dir.resolve(id.fileName(manifest.id())).toFile(), id, false));
                }
                return sources;
            } catch (RuntimeException unreadable) {
                problems.add("the layout cannot be used (" + unreadable.getMessage() + "); every part file is read");
            }
        }
        List<Source> files = new ArrayList<>();
        List<PartId> hashParts = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "part-*.cm")) {
            for (Path file : listing) {
                String name = file.getFileName().toString();
                PartId id = PartId.ofFileName(name);
                if (id != null && manifest.version() == 1) {
                    problems.add(name + ": left out, written by a conversion to the current format that did not"
                            + " finish (the deco 0.1 parts are still the collection)");
                    continue;
                }
                if (id != null && !id.fileName(manifest.id()).equals(name)) {
                    problems.add(name + ": left out, a part of another collection (this one's id is "
                            + Long.toHexString(manifest.id()) + ")");
                    continue;
                }
                files.add(new Source(file.toFile(), id, false));
                if (id != null) {
                    hashParts.add(id);
                }
            }
        } catch (IOException e) {
            throw StorageErrors.io("cannot list " + dir, e);
        }
        for (Source file : files) {
            PartId id = file.id();
            boolean replaced = id != null ? hashParts.stream().anyMatch(newer -> newer.descendsFrom(id))
                    : !hashParts.isEmpty();
            sources.add(new Source(file.file(), id, replaced));
        }
        sources.sort(Comparator.comparingInt(Salvager::newness).reversed());
        return sources;
    }

    /**
     * The configuration a part file was created with, from its name: Chronicle's recovery rewrites
     * a damaged header from it, so it must give the geometry the entries were written with.
     */
    private static ChronicleMapBuilder<Object, Object> creation(Source source, Manifest manifest, PartSizing sizing,
                                                              Class<?> keyClass, Class<?> valueClass) {
        if (source.id() != null) {
            return PartFiles.builder(manifest, keyClass, valueClass, sizing.entries(source.id()));
        }
        int legacy = LegacyParts.indexOf(source.file().getName()); // also a leftover beside converted parts: the conversion
        if (legacy >= 0) {                      // keeps deco 0.1's sizes in the new manifest
            return LegacyParts.builder(manifest, legacy, keyClass, valueClass);
        }
        return PartFiles.builder(manifest, keyClass, valueClass, manifest.initialCapacity());
    }

    /**
     * How new the entries of a part file are, from its name: a hash part ({@code part-ID-DEPTH-BITS.cm})
     * by its depth, above every deco 0.1 part ({@code part-I.cm}), which go by their index.
     */
    private static int newness(Source source) {
        return source.id() != null ? Integer.MAX_VALUE / 2 + source.id().depth()
                : LegacyParts.indexOf(source.file().getName());
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
