package deco.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/** The files of a collection directory, for tests that damage them. */
final class StoreFiles {

    private StoreFiles() {
    }

    /** @return the part files, sorted by name */
    static List<Path> parts(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.getFileName().toString().endsWith(".cm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a {@code DiskDict<Long, String>} directory as deco 0.1 did: a version-1 manifest and
     * a chain of parts, part {@code i} created for {@code 100 × 4^i} entries and holding the keys
     * {@code keys.apply(i)} (from inclusive, to exclusive) with values {@code "v" + key + "@" + i}.
     */
    static void writeDeco01(Path dir, int parts, IntFunction<long[]> keys) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("deco.properties"), """
                    version=1
                    format=deco.DiskDict
                    keyType=java.lang.Long
                    keyCodec=deco\\:long
                    valueType=java.lang.String
                    valueCodec=deco\\:string
                    averageKeySize=16.0
                    averageValueSize=16.0
                    initialCapacity=100
                    """);
            for (int i = 0; i < parts; i++) {
                writeDeco01Part(dir, i, keys.apply(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes part {@code index} of a deco 0.1 {@code DiskDict<Long, String>} with initialCapacity
     * 100 and averageValueSize 16 (see {@link #writeDeco01}).
     */
    static void writeDeco01Part(Path dir, int index, long[] keys) {
        try (ChronicleMap<Long, String> part = ChronicleMapBuilder.of(Long.class, String.class)
                .entries(100L << 2 * index).maxBloatFactor(4).averageValueSize(16)
                .createPersistedTo(dir.resolve("part-" + index + ".cm").toFile())) {
            for (long key = keys[0]; key < keys[1]; key++) {
                part.put(key, "v" + key + "@" + index);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the one part file of a small collection */
    static Path onlyPart(Path dir) {
        List<Path> parts = parts(dir);
        if (parts.size() != 1) {
            throw new IllegalStateException("expected one part in " + dir + ", found " + parts);
        }
        return parts.getFirst();
    }
}
