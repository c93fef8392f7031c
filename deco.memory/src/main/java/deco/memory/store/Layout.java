package deco.memory.store;

import deco.memory.DiskFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The {@code layout} file: which part holds which keys (extendible hashing, docs/format.md),
 * memory-mapped and shared by every process that has the collection open.
 *
 * <p>The file has a header (magic, format version, the collection's id, the <em>epoch</em>, the
 * part being split) and two <em>slots</em>, each a directory of {@code 2^globalDepth} buckets (one
 * byte each: the depth of the part that holds the bucket's keys) with a CRC. The epoch's low bit
 * names the live slot. A change writes the other slot whole, forces it, then increments the epoch
 * (one 8-byte store), so a reader or a crash never sees half a directory; a reader that read a slot
 * and then finds the epoch unchanged read a stable one.
 *
 * <p>Reads are lock-free and thread-safe. Changes ({@link #publishSplit}, {@link #setSplitting})
 * are made only under the collection's {@link StoreLock}.
 */
final class Layout implements AutoCloseable {

    static final String FILE = "layout";
    /** At most {@code 2^16} parts. */
    static final int MAX_DEPTH = 16;

    private static final long MAGIC = 0x6465636f4c415954L; // "decoLAYT"
    private static final int VERSION = 1;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int ID = 16;
    private static final int EPOCH = 24;
    private static final int SPLITTING = 32;
    private static final int HEADER = 64;
    private static final int SLOT_DEPTH = 0;
    private static final int SLOT_CRC = 8;
    private static final int SLOT_BUCKETS = 16;
    private static final int SLOT = SLOT_BUCKETS + (1 << MAX_DEPTH);
    static final int SIZE = HEADER + 2 * SLOT;

    private final Path file;
    private final FileChannel channel;
    private final MappedByteBuffer map;

    private Layout(Path file, FileChannel channel, MappedByteBuffer map) {
        this.file = file;
        this.channel = channel;
        this.map = map;
    }

    /**
     * Writes a new layout with one part, {@code 0/0}, under a temporary name moved into place.
     *
     * @param file the file
     * @param id   the collection's id
     * @throws UncheckedIOException if it cannot be written
     */
    static void create(Path file, long id) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try {
                ByteBuffer content = ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder());
                content.putLong(0, MAGIC).putInt(8, VERSION).putLong(ID, id);
                content.putLong(HEADER + SLOT_CRC, crc(content, HEADER, 0));
                try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    while (content.hasRemaining()) {
                        out.write(content);
                    }
                    out.force(true);
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                throw new IllegalStateException(file + " was created by another process meanwhile", e);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw StorageErrors.io("cannot write " + file, e);
        }
    }

    /**
     * Maps an existing layout and checks it.
     *
     * @param file the file
     * @param id   the id the manifest gives
     * @return the layout
     * @throws DiskFormatException if it is not a layout, belongs to another collection, or its live
     *                             slot fails its CRC
     */
    static Layout open(Path file, long id) {
        if (!Files.isRegularFile(file)) {
            throw new DiskFormatException(file + " is missing: the collection's layout (which part holds which keys)"
                    + " is gone, so its entries cannot be found; run DiskDict.recover to salvage them");
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                if (channel.size() != SIZE) {
                    throw new DiskFormatException(file + " is damaged: " + channel.size() + " bytes, a layout has "
                            + SIZE);
                }
                MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
                map.order(ByteOrder.nativeOrder());
                Layout layout = new Layout(file, channel, map);
                layout.check(id);
                return layout;
            } catch (RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw StorageErrors.io("cannot open " + file, e);
        }
    }

    private void check(long id) {
        if (map.getLong(0) != MAGIC) {
            throw new DiskFormatException(file + " is not a deco layout file (bad magic number)");
        }
        if (map.getInt(8) != VERSION) {
            throw new DiskFormatException(file + " has layout version " + map.getInt(8) + "; this deco reads "
                    + VERSION);
        }
        if (map.getLong(ID) != id) {
            throw new DiskFormatException(file + " belongs to collection " + Long.toHexString(map.getLong(ID))
                    + ", not to " + Long.toHexString(id) + " named by its manifest");
        }
        long epoch = epoch();
        int slot = slot(epoch);
        int depth = map.getInt(slot + SLOT_DEPTH);
        if (depth < 0 || depth > MAX_DEPTH || map.getLong(slot + SLOT_CRC) != crc(map, slot, depth)) {
            throw new DiskFormatException(file + " is damaged: the directory of parts fails its checksum");
        }
        for (int i = 0; i < 1 << depth; i++) {
            int d = map.get(slot + SLOT_BUCKETS + i);
            if (d < 0 || d > depth || map.get(slot + SLOT_BUCKETS + (int) (i & ((1L << d) - 1))) != d) {
                throw new DiskFormatException(file + " is damaged: bucket " + i + " names depth " + d);
            }
        }
    }

    private static long crc(ByteBuffer buffer, int slot, int depth) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.getInt(slot + SLOT_DEPTH));
        crc.update(buffer.slice(slot + SLOT_BUCKETS, 1 << depth));
        return crc.getValue();
    }

    private static int slot(long epoch) {
        return HEADER + (int) (epoch & 1) * SLOT;
    }

    /** @return the epoch: incremented by every change of the directory */
    long epoch() {
        return (long) LONGS.getVolatile(map, EPOCH);
    }

    /**
     * @param epoch an epoch read before
     * @param hash  a key hash
     * @return the part that holds keys of this hash in that epoch (meaningful only if the epoch is
     * still current afterwards)
     */
    PartId partFor(long epoch, long hash) {
        int slot = slot(epoch);
        int global = Math.clamp(map.getInt(slot + SLOT_DEPTH), 0, MAX_DEPTH);
        int bucket = (int) (hash & ((1L << global) - 1));
        int depth = Math.clamp(map.get(slot + SLOT_BUCKETS + bucket), 0, global);
        return new PartId(depth, (int) (hash & ((1L << depth) - 1)));
    }

    /**
     * @param epoch an epoch read before
     * @return the global depth of that epoch's directory
     */
    int globalDepth(long epoch) {
        return Math.clamp(map.getInt(slot(epoch) + SLOT_DEPTH), 0, MAX_DEPTH);
    }

    /**
     * @param epoch  an epoch read before
     * @param bucket a bucket below {@code 2^globalDepth}
     * @return the depth of the part holding it
     */
    int depth(long epoch, int bucket) {
        return map.get(slot(epoch) + SLOT_BUCKETS + bucket);
    }

    /**
     * @param epoch an epoch read before
     * @return the parts of that epoch, each once
     */
    List<PartId> parts(long epoch) {
        int slot = slot(epoch);
        int global = Math.clamp(map.getInt(slot + SLOT_DEPTH), 0, MAX_DEPTH);
        List<PartId> parts = new ArrayList<>();
        for (int i = 0; i < 1 << global; i++) {
            int depth = map.get(slot + SLOT_BUCKETS + i);
            if (depth >= 0 && depth <= global && i < 1 << depth) {
                parts.add(new PartId(depth, i));
            }
        }
        return parts;
    }

    /**
     * @param epoch an epoch read before
     * @param part  a part
     * @return whether the part is live in that epoch
     */
    boolean isLive(long epoch, PartId part) {
        int slot = slot(epoch);
        int global = map.getInt(slot + SLOT_DEPTH);
        return part.depth() <= global && map.get(slot + SLOT_BUCKETS + part.bits()) == part.depth();
    }

    /** @return the part a split in progress (or interrupted by a crash) is moving out of, or null */
    PartId splitting() {
        return PartId.decode((long) LONGS.getVolatile(map, SPLITTING));
    }

    /** @return whether a split of {@code part} is in progress (or was interrupted by a crash); allocates nothing */
    boolean isSplitting(PartId part) {
        return (long) LONGS.getVolatile(map, SPLITTING) == part.encode();
    }

    /**
     * Records the part being split, or none; forced to disk. Under the store lock only.
     *
     * @param part the part, or null
     */
    void setSplitting(PartId part) {
        LONGS.setVolatile(map, SPLITTING, part == null ? 0L : part.encode());
        map.force(SPLITTING, 8);
    }

    /**
     * Replaces {@code part} by its two children: writes the other slot, forces it, then
     * increments the epoch. Under the store lock only.
     *
     * @param part a live part
     * @throws IllegalStateException if the part is already at {@link #MAX_DEPTH}
     */
    void publishSplit(PartId part) {
        long epoch = epoch();
        int from = slot(epoch);
        int to = slot(epoch + 1);
        int global = map.getInt(from + SLOT_DEPTH);
        int child = part.depth() + 1;
        if (child > MAX_DEPTH) {
            throw new IllegalStateException(file + ": " + part + " cannot split further (" + MAX_DEPTH
                    + " hash bits); too many keys share one hash");
        }
        int newGlobal = Math.max(global, child);
        for (int i = 0; i < 1 << newGlobal; i++) {
            byte depth = map.get(from + SLOT_BUCKETS + (i & ((1 << global) - 1)));
            if (part.holds(i) && depth == part.depth()) {
                depth = (byte) child;
            }
            map.put(to + SLOT_BUCKETS + i, depth);
        }
        map.putInt(to + SLOT_DEPTH, newGlobal);
        map.putLong(to + SLOT_CRC, crc(map, to, newGlobal));
        map.force(to, SLOT);
        LONGS.setVolatile(map, EPOCH, epoch + 1);
        map.force(EPOCH, 8);
    }

    /** @return the file */
    Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
