package deco.concurrent.log;

import deco.memory.DiskFormatException;
import deco.memory.jvm.JvmSetup;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * An append-only log of records on a Chronicle Queue, shared by {@code Buffer} (the produced
 * sequence) and {@code Cache} (the journal). Record {@code n} is the {@code n}-th excerpt: the
 * queue never rolls (a fixed clock keeps every excerpt in one cycle), so a record's number maps
 * straight to a queue index and any process can seek to it.
 *
 * <p>A record is a kind byte and a payload. Appending is thread-safe (one appender under a lock);
 * {@link Reader}s are confined to one thread each. Other processes may open the same directory to
 * read and append.
 */
public final class RecordLog implements AutoCloseable {

    /** A fixed clock: every excerpt lands in the same cycle, whatever the date. */
    private static final long EPOCH_MILLIS = 0L;

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final int cycle;
    /** The record being appended, reused (guarded by this). */
    private final Bytes<?> scratch = Bytes.allocateElasticOnHeap(64);

    private RecordLog(Path directory, SingleChronicleQueue queue) {
        this.directory = directory;
        this.queue = queue;
        this.appender = queue.createAppender();
        // this class confines each appender and reader itself (locks, one owner): Chronicle's own
        // per-thread check would reject a reader handed from one thread to the next
        appender.singleThreadedCheckDisabled(true);
        this.cycle = queue.cycle();
    }

    /**
     * Opens or creates the log in {@code directory}.
     *
     * @param directory the queue directory
     * @return the log
     * @throws deco.memory.JvmSetupException if a Chronicle jar or JVM flag is missing
     */
    public static RecordLog open(Path directory) {
        JvmSetup.requireChronicleQueue(); // before this class touches Chronicle
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
                .rollCycle(LargeRollCycles.HUGE_DAILY)
                .timeProvider(() -> EPOCH_MILLIS)
                .build();
        return new RecordLog(directory, queue);
    }

    /** @return the directory */
    public Path directory() {
        return directory;
    }

    /**
     * Appends a record.
     *
     * @param kind    the record's kind
     * @param payload its bytes
     * @return the record's number
     */
    public synchronized long append(byte kind, byte[] payload) {
        Bytes<?> bytes = scratch;
        bytes.clear();
        bytes.writeByte(kind);
        bytes.writeInt(payload.length);
        bytes.write(payload);
        bytes.writeInt(checksum(kind, payload));
        appender.writeBytes(bytes);
        return LargeRollCycles.HUGE_DAILY.toSequenceNumber(appender.lastIndexAppended());
    }

    /** @return a new reader positioned at record 0 */
    /** Kind (1 byte), payload length (4), the payload, CRC32C of kind and payload (4). */
    private static final int FRAME = 9;

    private static int checksum(byte kind, byte[] payload) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(kind);
        crc.update(payload);
        return (int) crc.getValue();
    }

    public Reader reader() {
        return new Reader(queue.createTailer());
    }

    @Override
    public synchronized void close() {
        appender.close();
        queue.close();
    }

    /** One record. @param kind its kind @param payload its bytes */
    public record Record(byte kind, byte[] payload) {
    }

    /** A cursor over the records; confined to one thread. */
    public final class Reader implements AutoCloseable {

        private final ExcerptTailer tailer;
        private long next;

        private Reader(ExcerptTailer tailer) {
            this.tailer = tailer;
            tailer.singleThreadedCheckDisabled(true);
        }

        /** @return the number of the record {@link #next()} reads */
        public long position() {
            return next;
        }

        /**
         * Reads record {@code number}, positioning the reader after it.
         *
         * @param number the record number
         * @return the record, or {@code null} if it has not been appended yet (the position is then
         * unchanged)
         */
        public Record read(long number) {
            if (number != next) {
                if (!tailer.moveToIndex(LargeRollCycles.HUGE_DAILY.toIndex(cycle, number))) {
                    return null;
                }
                next = number;
            }
            return next();
        }

        /** @return the next record, or {@code null} if it has not been appended yet */
        public Record next() {
            try (DocumentContext document = tailer.readingDocument()) {
                if (!document.isPresent()) {
                    return null;
                }
                Bytes<?> bytes = document.wire().bytes();
                long size = bytes.readRemaining();
                if (size < FRAME) {
                    throw damaged("is " + size + " bytes, shorter than a record's frame");
                }
                byte kind = bytes.readByte();
                int length = bytes.readInt();
                if (length < 0 || length != size - FRAME) {
                    throw damaged("says it holds " + length + " bytes, but " + (size - FRAME) + " are there");
                }
                byte[] payload = new byte[length];
                bytes.read(payload);
                if (bytes.readInt() != checksum(kind, payload)) {
                    throw damaged("fails its checksum");
                }
                next++;
                return new Record(kind, payload);
            } catch (DiskFormatException e) {
                throw e;
            } catch (RuntimeException e) { // Chronicle's own reading of a damaged file
                throw new DiskFormatException("the queue in " + directory + " is damaged at record " + next + ": " + e,
                        e);
            }
        }

        private DiskFormatException damaged(String what) {
            return new DiskFormatException("the queue in " + directory + " is damaged: record " + next + " " + what);
        }

        @Override
        public void close() {
            tailer.close();
        }
    }
}
