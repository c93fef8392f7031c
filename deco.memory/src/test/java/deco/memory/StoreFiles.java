package deco.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /**
     * Changes one byte of the value of the entry of {@code key} whose value {@code value} accepts,
     * in whichever part file holds it, as a process killed while it wrote that value leaves it: the
     * entry's checksum no longer matches. Entries of {@code long} keys and values are found as their
     * two native-order {@code long}s side by side, at an offset that is a multiple of 4 (Chronicle Map
     * starts entries there). Offsets in between are not looked at: the bytes of the entry of key
     * {@code k} one byte further on read as key {@code 256 k}, so an unaligned scan may find, and
     * break, another entry than the one asked for.
     *
     * @return the value that was there
     * @throws IllegalStateException if no part holds such an entry, or more than one place looks like
     *                               one (nothing is changed then)
     */
    static long breakEntry(Path dir, long key, java.util.function.LongPredicate value) {
        List<String> found = new ArrayList<>();
        Path holder = null;
        int offset = -1;
        for (Path part : parts(dir)) {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(part,
                    java.nio.file.StandardOpenOption.READ)) {
                java.nio.MappedByteBuffer bytes = channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0,
                        channel.size());
                bytes.order(java.nio.ByteOrder.nativeOrder());
                for (int at = 0; at + 16 <= bytes.limit(); at += 4) {
                    if (bytes.getLong(at) == key && value.test(bytes.getLong(at + 8))) {
                        found.add(part.getFileName() + "@" + at + "=" + bytes.getLong(at + 8));
                        holder = part;
                        offset = at + 8;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException((found.isEmpty() ? "no entry" : found.size() + " places that look like"
                    + " the entry " + found + ";") + " of key " + key + " with such a value in " + dir);
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(holder,
                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.MappedByteBuffer bytes = channel.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 0,
                    channel.size());
            bytes.order(java.nio.ByteOrder.nativeOrder());
            long was = bytes.getLong(offset);
            bytes.put(offset, (byte) ~bytes.get(offset));
            bytes.force();
            return was;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
