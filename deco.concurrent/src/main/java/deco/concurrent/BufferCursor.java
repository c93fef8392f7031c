package deco.concurrent;

import deco.concurrent.log.RecordLog;
import deco.concurrent.log.Records;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator over a {@link Buffer}: recent elements from the window (in the producer's JVM), the
 * rest from the queue, read record by record with its own reader. It raises the shared demand in
 * steps of a quarter buffer, waits for the producer, and ends with the sequence: normally on its
 * end, with a {@link GeneratorException} on the generator's failure or on a producer that is gone.
 * Confined to one thread at a time, like any iterator.
 *
 * @param <T> the element type
 */
final class BufferCursor<T> implements Iterator<T> {

    private final Buffer<T> buffer;
    private final RecordLog.Reader reader;
    /** Demand is raised in steps of a quarter buffer: one shared write per step, not per element. */
    private final long step;
    private long raised;
    private long position;
    private Buffer.Batch batch;
    private T next;
    private boolean ready;
    private boolean done;
    /** An attached cursor found the producer gone: what the queue holds is all there will be. */
    private boolean producerGone;

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext() {
        if (ready) {
            return true;
        }
        if (done) {
            return false;
        }
        if (position + 1 > raised) {
            buffer.raiseDemand(position + 1);
            raised = position + step;
        }
        while (true) {
            buffer.checkOpen();
            if (batch != null && batch.holds(position)) {
                return take((T) batch.values()[(int) (position - batch.first())]);
            }
            T hit = buffer.recent.at(position);
            if (hit != null) {
                return take(hit);
            }
            RecordLog.Record record = reader.next();
            if (record != null) {
                if (record.kind() == Records.VALUES) {
                    if (Records.first(record.payload()) + Records.count(record.payload()) > position) {
                        batch = buffer.batchOf(record); // else an older batch, passed while reading the window
                    }
                    continue;
                }
                done = true;
                reader.close();
                if (record.kind() == Records.END) {
                    return false;
                }
                Throwable local = buffer.progress.failure;
                throw new GeneratorException(position, local != null ? local : Buffer.remoteFailure(record));
            }
            long known = buffer.progress.length;
            if (known >= 0 && position >= known) { // ended, but its last record is not in the queue (a full disk)
                done = true;
                reader.close();
                Throwable local = buffer.progress.failure;
                if (local != null) {
                    throw new GeneratorException(position, local);
                }
                return false;
            }
            if (producerGone) {
                done = true;
                reader.close();
                throw buffer.producerStopped(position);
            }
            buffer.raiseDemand(position + 1); // about to wait: the producer must know
            buffer.awaitMore(position);
            if (buffer.attached()) {
                producerGone = buffer.refreshAttached(); // read the queue to its end once more, then fail
            }
        }
    }

    private boolean take(T value) {
        next = value;
        ready = true;
        position++;
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ready = false;
        T value = next;
        next = null;
        return value;
    }

    BufferCursor(Buffer<T> buffer) {
        this.buffer = buffer;
        this.reader = buffer.log.reader();
        this.step = Math.max(1, buffer.bufferSize / 4);
    }
}
