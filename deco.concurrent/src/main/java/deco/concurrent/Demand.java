package deco.concurrent;

import deco.memory.io.MappedCounter;
import java.nio.file.Path;

/**
 * How far a {@link Buffer}'s consumers, in every JVM, have asked: the furthest element asked for,
 * plus one, in the queue directory's shared {@code demand} counter. The producer runs at most
 * {@code bufferSize} elements beyond it. Raising it is a lock-free compare-and-set on shared
 * memory, visible to the producer in any JVM.
 */
final class Demand implements AutoCloseable {

    private static final long MAGIC = 0x6465636f44454d44L; // "decoDEMD"

    private final MappedCounter counter;
    private final int bufferSize;

    private Demand(MappedCounter counter, int bufferSize) {
        this.counter = counter;
        this.bufferSize = bufferSize;
    }

    static Demand open(Path directory, int bufferSize) {
        return new Demand(MappedCounter.open(directory.resolve("demand"), MAGIC, 0), bufferSize);
    }

    /**
     * @param wanted an element count a consumer needs
     * @return whether the demand rose (the producer may have to be woken)
     */
    boolean raise(long wanted) {
        long current = counter.get();
        while (wanted > current) {
            if (counter.compareAndSet(current, wanted)) {
                return true;
            }
            current = counter.get();
        }
        return false;
    }

    /**
     * @return how many elements the producer may have produced: {@code bufferSize} beyond the
     * demand, without overflowing (a demand near {@code Long.MAX_VALUE} must not stop the producer)
     */
    long limit() {
        long demanded = counter.get();
        return demanded > Long.MAX_VALUE - bufferSize ? Long.MAX_VALUE : demanded + bufferSize;
    }

    @Override
    public void close() {
        counter.close();
    }
}
