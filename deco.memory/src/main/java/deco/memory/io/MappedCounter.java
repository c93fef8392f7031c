package deco.memory.io;

import deco.memory.DiskFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@code long} in a small memory-mapped file, shared by every process that maps it: a magic
 * number, then the value. Reads and writes are volatile; {@link #compareAndSet} is atomic across
 * processes (the mapping is shared).
 */
public final class MappedCounter implements AutoCloseable {

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int SIZE = 16;

    private final FileChannel channel;
    private final MappedByteBuffer buffer;

    private MappedCounter(FileChannel channel, MappedByteBuffer buffer) {
        this.channel = channel;
        this.buffer = buffer;
    }

    /**
     * Maps the counter, creating it with {@code initial} if the file does not exist.
     *
     * @param file    the file
     * @param magic   what the first eight bytes must hold
     * @param initial the value of a new counter
     * @return the counter
     * @throws DiskFormatException if the file exists but is not such a counter
     */
    public static MappedCounter open(Path file, long magic, long initial) {
        try {
            if (!Files.exists(file)) {
                create(file, magic, initial);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                checkLength(file, channel.size());
                MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
                MappedCounter counter = new MappedCounter(channel, buffer);
                checkMagic(file, (long) LONGS.getVolatile(buffer, 0), magic);
                return counter;
            } catch (RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a counter file without mapping or changing it.
     *
     * @param file   the file
     * @param magic  what the first eight bytes must hold
     * @param absent the value if the file does not exist
     * @return the value
     * @throws DiskFormatException          if the file exists but is not such a counter
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static long read(Path file, long magic, long absent) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return absent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        checkLength(file, bytes.length);
        ByteBuffer content = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        checkMagic(file, content.getLong(0), magic);
        return content.getLong(8);
    }

    private static void checkLength(Path file, long length) {
        if (length != SIZE) {
            throw new DiskFormatException(file + " is not a deco counter file (" + length + " bytes)");
        }
    }

    private static void checkMagic(Path file, long found, long magic) {
        if (found != magic) {
            throw new DiskFormatException(file + " is not a deco counter file (bad magic number)");
        }
    }

    /**
     * Creates the counter file whole, never replacing one another process made meanwhile (and may
     * have mapped already): {@link WholeFile#createOnce}. Package-private for tests.
     */
    static void create(Path file, long magic, long initial) throws IOException {
        WholeFile.createOnce(file, ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder())
                .putLong(magic).putLong(initial).array());
    }

    /** {@return the value} */
    public long get() {
        return (long) LONGS.getVolatile(buffer, 8);
    }

    /**
     * Sets the value.
     *
     * @param value the new value
     */
    public void set(long value) {
        LONGS.setVolatile(buffer, 8, value);
    }

    /**
     * Sets the value if it is {@code expected}, atomically.
     *
     * @param expected the value expected
     * @param value    the new value
     * @return whether the value was {@code expected} and is now {@code value}
     */
    public boolean compareAndSet(long expected, long value) {
        return LONGS.compareAndSet(buffer, 8, expected, value);
    }

    /** Forces the value to disk. */
    public void force() {
        buffer.force();
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
