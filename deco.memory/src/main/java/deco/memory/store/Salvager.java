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
import java.util.function.BiPredicate;
import net.openhft.chronicle.map.ChronicleMap;

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

    /**
     * @param directory  the damaged collection
     * @param keyClass   the stored key class
     * @param valueClass the stored value class
     * @param sink       takes a stored key and value; returns false if it could not keep them
     * @param problems   collects what was reported
     * @return the entries offered and kept, and those lost: {@code {saved, lost}}
     */
    public static long[] salvage(Path directory, Class<?> keyClass, Class<?> valueClass,
                                 BiPredicate<Object, Object> sink, List<String> problems) {
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
                PartId id = PartId.ofFileName(source.getName()); // the header may have to be rewritten from it
                long entries = id == null ? manifest.initialCapacity() : sizing.entries(id);
                try (ChronicleMap<Object, Object> part = PartFiles.builder(manifest, keyClass, valueClass, entries)
                        .recoverPersistedTo(copy.toFile(), true, c -> report.add(source.getName() + ": " + c.message()))) {
                    for (Map.Entry<Object, Object> entry : part.entrySet()) {
                        if (sink.test(entry.getKey(), entry.getValue())) {
                            saved++;
                        } else {
                            lost++;
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

    /** The depth in a part file name ({@code part-ID-DEPTH-BITS.cm}), or the index of a deco 0.1 part ({@code part-I.cm}). */
    private static int depthOf(String name) {
        PartId part = PartId.ofFileName(name);
        if (part != null) {
            return part.depth();
        }
        try {
            return Integer.parseInt(name.substring("part-".length(), name.length() - ".cm".length()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return -1;
        }
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
