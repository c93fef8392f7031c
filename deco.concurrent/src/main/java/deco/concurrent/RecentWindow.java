package deco.concurrent;

/**
 * A fixed window of a {@link Buffer}'s recent elements, by index modulo its length: filled by the
 * producer as it emits and by {@code get} as it reads, so consumers in the producer's JVM rarely
 * go to the queue. Bounded: the heap holds at most {@link #SLOTS} elements.
 *
 * <p>Thread-safe without locks: each slot holds an immutable (index, value) pair, published by a
 * plain array store; a reader that sees a pair sees its fields (final fields of a record), and a
 * reader that misses an element goes to the queue.
 *
 * @param <T> the element type
 */
final class RecentWindow<T> {

    static final int SLOTS = 1024;

    private record Recent<T>(long index, T value) {
    }

    @SuppressWarnings("unchecked")
    private final Recent<T>[] slots = (Recent<T>[]) new Recent<?>[SLOTS];

    /** @return element {@code index}, or null if the window no longer (or never) held it */
    T at(long index) {
        Recent<T> hit = slots[slot(index)];
        return hit != null && hit.index() == index ? hit.value() : null;
    }

    /** Remembers element {@code index}. */
    void put(long index, T value) {
        slots[slot(index)] = new Recent<>(index, value);
    }

    private static int slot(long index) {
        return (int) (index & (SLOTS - 1));
    }
}
