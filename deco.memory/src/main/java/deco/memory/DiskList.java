package deco.memory;

import deco.memory.store.Manifest;
import deco.memory.store.OpenStores;
import deco.memory.store.StoreHandle;
import deco.memory.store.Representation;
import deco.memory.store.HashedStore;
import deco.memory.store.WriterLock;
import deco.memory.store.Salvager;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A {@link java.util.List} whose size is bounded by disk, not heap: element {@code i} is stored
 * under key {@code i} in Chronicle Map files in one directory, and the list's size in a small
 * shared file. Persistent across runs; no size given up front. PySpeedup's {@code DiskList}.
 *
 * {@snippet :
 * try (DiskList<Long> list = DiskList.open(Path.of("numbers.deco"), Long.class)) {
 *     for (long i = 0; i < 10_000_000; i++) list.add(i);   // heap use stays flat
 *     long x = list.get(1234);
 * }
 * }
 *
 * <p>{@code get}, {@code set} and {@code add(e)} are O(1); {@code add(i, e)} and {@code remove(i)}
 * shift the elements after {@code i}, O(size - i) disk writes; {@code addAll(i, c)} and
 * {@code subList(i, j).clear()} shift them once, by as many elements. {@code set} writes the element
 * twice (a staged copy first, so that a kill inside the overwrite loses nothing). {@code null}
 * elements are refused ({@link NullPointerException}).
 *
 * <p>Thread-safety and processes: every method is safe from any thread; each is atomic with
 * respect to the others of this instance. Writes ({@code add}, {@code addAll} at the end or at an
 * index, {@code set}, {@code remove}, {@code subList(i, j).clear()}, {@code clear}) take turns
 * through the list's writer lock,
 * shared by every instance in this JVM and every process that has the list open, so writers in
 * several threads, instances and processes never lose or double an element; each writer's
 * elements keep its order. Each of those calls is one operation, and so are {@code removeIf},
 * {@code removeAll}, {@code retainAll} (one compaction), {@code replaceAll} and {@code sort}
 * (every element's replacement staged, then written); no other writer interleaves one, and a kill
 * leaves it done or undone. Readers take no lock: a reader may see another
 * writer's {@code add(i, e)} or {@code remove(i)} half way through its shift, but never a
 * {@code null} — a position found empty is read again, under the writer lock (a read-only
 * instance: for up to 200 ms, then a {@link java.util.ConcurrentModificationException}). A
 * process killed in the middle of an operation — also inside the write of one element — leaves
 * a list that the next writer (or the next process to open it alone) finds as it was before that
 * operation or after it: a writer that waits for the lock of a dead process takes it over and
 * finishes that operation first, and never waits for the dead. Iterators are fail-fast in this
 * process. After {@link #close()} every method throws {@link IllegalStateException}.
 *
 * @param <E> the element type
 */
public final class DiskList<E> extends AbstractList<E> implements RandomAccess, AutoCloseable {

    static final String FORMAT = "deco.DiskList";

    /** How long a read-only instance reads a position a writer is moving again: 200 ms. */
    private static final long MOVING_NANOS = 200_000_000L;

    private final StoreHandle store;
    private final Representation<E> elements;
    private final ListSize size;
    private final boolean readOnly;

    private DiskList(StoreHandle store, Representation<E> elements, ListSize size, boolean readOnly) {
        this.readOnly = readOnly;
        this.store = store;
        this.elements = elements;
        this.size = size;
    }

    /**
     * Creates the list in {@code directory}, or reopens it, with the built-in codec of the type.
     *
     * @param directory   the directory that holds the list (created if missing)
     * @param elementType the element class; {@code Object.class} accepts a mix of built-in types
     * @param <E>         the element type
     * @return the open list; close it when done
     * @throws IllegalArgumentException if the list holds another type (the message names both;
     *                                  nothing is changed), or the type has no built-in codec
     * @throws IllegalStateException    if the path is not a deco DiskList or its files are damaged
     *                                  ({@link DiskFormatException}), or the JVM lacks a flag or jar
     *                                  Chronicle needs ({@link JvmSetupException}; nothing is created)
     * @throws java.io.UncheckedIOException if the directory cannot be created or written
     */
    public static <E> DiskList<E> open(Path directory, Class<E> elementType) {
        return builder(directory, elementType).open();
    }

    /**
     * A builder for a list in {@code directory}, to set its options.
     *
     * @param directory   the directory that holds the list
     * @param elementType the element class
     * @param <E>         the element type
     * @return a builder for the other options
     */
    public static <E> Builder<E> builder(Path directory, Class<E> elementType) {
        return new Builder<>(directory, elementType);
    }

    /**
     * Saves what is intact of a damaged list into a new directory, leaving the damaged one as it
     * was: the elements that can be read, in their order, the gaps of lost elements closed. An
     * operation that a killed writer cut short is finished or undone first, as {@link #open} would;
     * {@link Salvage#lost()} counts the positions lost. Size files that the elements found
     * contradict are not used (the problems say so). Use it when {@link #open} refuses a list as
     * damaged ({@link DiskFormatException}).
     *
     * @param damaged     the damaged list
     * @param target      a directory that holds no collection yet
     * @param elementType the element class
     * @param <E>         the element type
     * @return what was saved and what was lost
     * @throws IllegalArgumentException if the type differs from the damaged list's, or
     *                                  {@code target} already holds a collection
     * @throws DiskFormatException      if {@code damaged} has no readable manifest
     */
    public static <E> Salvage recover(Path damaged, Path target, Class<E> elementType) {
        Manifest found = Manifest.read(damaged.toAbsolutePath().normalize());
        if (java.nio.file.Files.exists(target.resolve(Manifest.FILE))) {
            throw new IllegalArgumentException(target + " already holds a collection; recover into a new directory");
        }
        try (DiskList<E> out = builder(target, elementType).averageElementSize(found.averageValueSize())
                .initialCapacity(found.initialCapacity()).open()) {
            found.checkCompatible(out.store.store().manifest(), damaged);
            java.util.List<String> problems = new java.util.ArrayList<>();
            ListSize.State state = readSize(damaged, problems);
            // the keys an insert cut short may have staged: -1 .. -k for k elements (a set: -1)
            long stagedKeys = state != null ? ListMutations.mostStaged(state) : 1;
            long[] highest = {-1};
            long[] stagedFound = {0};
            Salvager.Tally counts = Salvager.salvage(damaged, Long.class, out.elements.storedClass(), (key, element) -> {
                long index = (Long) key;
                try {
                    out.elements.fromStored(element);
                } catch (RuntimeException undecodable) {
                    problems.add("element " + index + " does not decode: " + undecodable);
                    return Salvager.Kept.LOST;
                }
                if (index < ListMutations.staged(stagedKeys - 1)) {
                    problems.add("key " + index + " is no position: its element was left out");
                    return Salvager.Kept.LOST;
                }
                highest[0] = Math.max(highest[0], index);
                stagedFound[0] += index < 0 ? 1 : 0;
                return Salvager.keepFirst(out.store.store(), key, element);
            }, problems);
            long lost = out.finishSalvage(state, highest[0], stagedFound[0], counts.lost(), problems);
            return new Salvage(damaged, target, out.size(), lost, counts.incompleteParts(), problems);
        }
    }

    /** Reads a damaged list's counters, or says why they cannot be used and returns null. */
    private static ListSize.State readSize(Path damaged, java.util.List<String> problems) {
        try {
            return ListSize.read(damaged);
        } catch (DiskFormatException | java.io.UncheckedIOException unreadable) {
            problems.add("the size cannot be read (" + unreadable.getMessage() + "): it is not used");
            return null;
        }
    }

    /**
     * Makes the salvaged elements a list: finishes or undoes the operation that the damaged list's
     * counters record as cut short (as opening it would have), then closes the gaps of lost
     * elements. With counters, what is lost is counted by position: an entry left out whose
     * position the finished operation wrote again lost nothing, and a position missing for a
     * reason no entry shows (an earlier recovery dropped it, a part could not be read) is lost.
     *
     * @param highest the highest position found
     * @param stagedFound how many staged copies (negative keys) were found
     * @return how many elements were lost
     */
    private synchronized long finishSalvage(ListSize.State state, long highest, long stagedFound, long entriesLost,
                                            java.util.List<String> problems) {
        HashedStore elementsStored = store.store();
        ListMutations.Finished finished = null;
        // an insert of k elements cut short before its first move has its size k past the highest position
        if (state != null && Math.max(state.committed(), state.target()) > highest + 2 + stagedFound) {
            problems.add("the size files say " + state.committed() + " elements" + (state.target() < 0 ? ""
                    : " (an operation cut short heading for " + state.target() + ")") + ", far past the highest"
                    + " position found, " + highest + ": they are not used");
        } else if (state != null) {
            size.restore(state);
            try {
                finished = ListMutations.finish(elementsStored, size);
            } catch (DiskFormatException impossible) {
                problems.add(impossible.getMessage() + "; the size files are not used");
            }
        }
        if (finished == null) {
            problems.add("without size files, an operation cut short is not finished, and the positions are those of"
                    + " the elements found");
            long staged = ListMutations.removeStaged(elementsStored);
            if (staged > 0) {
                problems.add("the " + staged + " element(s) an add(index, ...), addAll(index, ...) or set(index, element)"
                        + " staged last were left out: whether that operation was cut short is not known (counted as"
                        + " lost)");
            }
            closeGaps(highest);
            return entriesLost + staged;
        }
        if (finished != ListMutations.Finished.NOTHING) {
            problems.add(finished.description() + ", as opening the list would have");
        }
        long length = size.get();
        long beyond = 0;
        for (long index = length; index <= highest; index++) {
            beyond += elementsStored.containsKey(index) ? 1 : 0;
        }
        long missing = length - (elementsStored.size() - beyond);
        if (beyond > 0) {
            problems.add(beyond + " elements stored past the list's size (" + length + ") were kept after its last:"
                    + " the size may be damaged; check them");
        }
        if (missing > entriesLost) {
            problems.add((missing - entriesLost) + " position(s) were missing with no entry to show for them (an"
                    + " earlier recovery dropped them, or a part could not be read): counted as lost");
        } else if (missing < entriesLost) {
            problems.add((entriesLost - missing) + " of the entries left out held positions that finishing the"
                    + " operation cut short wrote again, or lay past the list's size: not counted as lost");
        }
        closeGaps(Math.max(highest, length - 1));
        return missing;
    }

    /** Moves the elements stored under keys 0..highest down over missing keys and sets the size. */
    private synchronized void closeGaps(long highest) {
        long next = 0;
        for (long index = 0; index <= highest; index++) {
            Object element = store.store().get(index);
            if (element != null) {
                if (index != next) {
                    store.store().put(next, element);
                    store.store().remove(index);
                }
                next++;
            }
        }
        size.commit(next);
    }

    @Override
    public synchronized E get(int index) {
        checkIndex(index, size());
        Object stored = store.store().get((long) index);
        return elements.fromStored(stored != null ? stored : movedMeanwhile(index));
    }

    /**
     * The element at {@code index} was not there: a writer of another instance or process is
     * moving or removing it, or died doing so. A writable instance waits for the writer lock (which
     * finishes a dead writer's operation) and reads again; a read-only one reads again for up to
     * 200 ms. Never a {@code null}.
     *
     * @throws IndexOutOfBoundsException if the list no longer has the index
     * @throws java.util.ConcurrentModificationException if a read-only instance keeps finding it missing
     * @throws DiskFormatException if, with no write in progress, the position is missing
     */
    private Object movedMeanwhile(int index) {
        if (!readOnly) {
            try (WriterLock.Held ignored = writing()) {
                checkIndex(index, size());
                Object stored = store.store().get((long) index);
                if (stored == null) {
                    throw new DiskFormatException(store.directory() + ": position " + index + " of a list of " + size()
                            + " holds no element, and no write is in progress: the list is damaged; run"
                            + " DiskList.recover to save the other elements");
                }
                return stored;
            }
        }
        long deadline = System.nanoTime() + MOVING_NANOS;
        while (true) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            checkIndex(index, size());
            Object stored = store.store().get((long) index);
            if (stored != null) {
                return stored;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new java.util.ConcurrentModificationException("position " + index + " of " + this + " stayed"
                        + " empty for 200 ms: a writer in another process is moving it, or died doing so (the next"
                        + " write, or an open of the list alone, finishes its operation)");
            }
        }
    }

    @Override
    public synchronized E set(int index, E element) {
        checkWritable();
        Object stored = elements.toStored(Objects.requireNonNull(element, "element"));
        Object replaced;
        try (WriterLock.Held ignored = writing()) {
            checkIndex(index, size());
            replaced = ListMutations.set(store.store(), size, index, stored);
        }
        return elements.fromStored(replaced);
    }

    @Override
    public synchronized boolean add(E element) {
        checkWritable();
        Object stored = elements.toStored(Objects.requireNonNull(element, "element"));
        try (WriterLock.Held ignored = writing()) {
            checkGrowable(size.get());
            ListMutations.append(store.store(), size, stored);
        }
        modCount++;
        return true;
    }

    @Override
    public synchronized void add(int index, E element) {
        checkWritable();
        Object stored = elements.toStored(Objects.requireNonNull(element, "element"));
        try (WriterLock.Held ignored = writing()) {
            int n = size();
            if (index < 0 || index > n) {
                throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + n);
            }
            checkGrowable(n);
            ListMutations.insert(store.store(), size, index, stored);
        }
        modCount++;
    }

    @Override
    public synchronized boolean addAll(Collection<? extends E> collection) {
        checkWritable();
        Object[] stored = encodedAll(collection);
        try (WriterLock.Held ignored = writing()) {
            checkGrowable(size.get() + stored.length - 1);
            ListMutations.append(store.store(), size, stored);
        }
        modCount++;
        return stored.length > 0;
    }

    /**
     * Inserts the elements of {@code collection} at {@code index}, in its order, shifting the later
     * elements once, by the collection's size ({@code n - index + k} writes for {@code k}
     * elements): one write under the writer lock, which no other writer interleaves, finished or
     * undone as a whole if the process is killed. Every element is encoded first, so a {@code null}
     * or an element the codec cannot encode writes nothing.
     *
     * @throws NullPointerException      if an element is null (nothing is written)
     * @throws IndexOutOfBoundsException if {@code index} is negative or past the size (nothing is
     *                                   written)
     */
    @Override
    public synchronized boolean addAll(int index, Collection<? extends E> collection) {
        checkWritable();
        Object[] stored = encodedAll(collection);
        try (WriterLock.Held ignored = writing()) {
            int n = size();
            if (index < 0 || index > n) {
                throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + n);
            }
            checkGrowable(n + stored.length - 1);
            if (stored.length > 0) {
                ListMutations.insert(store.store(), size, index, stored);
            }
        }
        modCount++;
        return stored.length > 0;
    }

    /** Every element's stored form, encoded before anything is written: a bad element writes nothing. */
    private Object[] encodedAll(Collection<? extends E> collection) {
        return collection.stream().map(e -> elements.toStored(Objects.requireNonNull(e, "element"))).toArray();
    }

    @Override
    public synchronized E remove(int index) {
        checkWritable();
        Object removed;
        try (WriterLock.Held ignored = writing()) {
            checkIndex(index, size());
            removed = ListMutations.remove(store.store(), size, index);
        }
        modCount++;
        return elements.fromStored(removed);
    }

    /**
     * Removes the elements from {@code fromIndex} to {@code toIndex} (exclusive), moving the later
     * elements down once, by as many ({@code subList(from, to).clear()} comes here): one operation
     * under the writer lock, finished forward if the process is killed.
     *
     * @throws IndexOutOfBoundsException if the range is not within the list (nothing is written)
     */
    @Override
    protected synchronized void removeRange(int fromIndex, int toIndex) {
        checkWritable();
        try (WriterLock.Held ignored = writing()) {
            int n = size();
            if (fromIndex < 0 || fromIndex > toIndex || toIndex > n) {
                throw new IndexOutOfBoundsException("Range [" + fromIndex + ", " + toIndex + ") out of bounds for length "
                        + n);
            }
            if (fromIndex == toIndex) {
                return;
            }
            ListMutations.remove(store.store(), size, fromIndex, toIndex - fromIndex);
        }
        modCount++;
    }

    /**
     * Removes every element {@code filter} accepts: the filter is applied to every element first
     * (if it throws, nothing is removed), then the list is compacted in one operation under the
     * writer lock — about three writes per element kept after the first one removed — finished
     * forward if the process is killed after it began writing. Holds one bit per element on the heap.
     *
     * @throws NullPointerException if {@code filter} is null
     * @throws java.util.ConcurrentModificationException if the filter changed the list (nothing
     *                                                   more is removed)
     */
    @Override
    public synchronized boolean removeIf(java.util.function.Predicate<? super E> filter) {
        Objects.requireNonNull(filter, "filter");
        checkWritable();
        try (WriterLock.Held ignored = writing()) {
            int n = size();
            int expected = modCount;
            java.util.BitSet removed = new java.util.BitSet(n);
            for (int i = 0; i < n; i++) {
                if (filter.test(get(i))) {
                    removed.set(i);
                }
            }
            if (modCount != expected) {
                throw new java.util.ConcurrentModificationException("the filter changed the list");
            }
            int first = removed.nextSetBit(0);
            if (first < 0) {
                return false;
            }
            long kept = (n - first) - removed.cardinality();
            HashedStore elementsStored = store.store();
            if (kept == 0) {
                ListMutations.remove(elementsStored, size, first, n - first);
            } else {
                long[] next = {first}; // the kept positions, read in order
                ListMutations.replace(elementsStored, size, first, kept, j -> {
                    while (removed.get((int) next[0])) {
                        next[0]++;
                    }
                    return elementsStored.get(next[0]++);
                });
            }
        }
        modCount++;
        return true;
    }

    /**
     * Removes every element {@code collection} contains, as {@link #removeIf} does: one compaction.
     *
     * @throws NullPointerException if {@code collection} is null
     */
    @Override
    public synchronized boolean removeAll(Collection<?> collection) {
        Objects.requireNonNull(collection, "collection");
        return removeIf(collection::contains);
    }

    /**
     * Keeps only the elements {@code collection} contains, as {@link #removeIf} does: one compaction.
     *
     * @throws NullPointerException if {@code collection} is null
     */
    @Override
    public synchronized boolean retainAll(Collection<?> collection) {
        Objects.requireNonNull(collection, "collection");
        return removeIf(element -> !collection.contains(element));
    }

    /**
     * Replaces every element with what {@code operator} gives for it, in one operation under the
     * writer lock: the operator runs over every element before any is replaced (if it throws, or
     * gives {@code null}, nothing is replaced), and the operation is finished forward if the process
     * is killed after it began writing. About three writes per element.
     *
     * @throws NullPointerException if {@code operator} is null or gives {@code null}
     * @throws java.util.ConcurrentModificationException if the operator changed the list
     */
    @Override
    public synchronized void replaceAll(java.util.function.UnaryOperator<E> operator) {
        Objects.requireNonNull(operator, "operator");
        checkWritable();
        try (WriterLock.Held ignored = writing()) {
            int n = size();
            if (n > 0) {
                replaceEvery(n, j -> Objects.requireNonNull(operator.apply(get((int) j)),
                        "the operator gave null for element " + j));
            }
        }
        modCount++;
    }

    /**
     * Sorts the list in one operation under the writer lock: the elements are read onto the heap and
     * sorted there (as {@code List.sort} does; a comparator that throws changes nothing), then
     * written back as {@link #replaceAll} writes, finished forward if the process is killed after it
     * began writing.
     *
     * @param comparator the order, or {@code null} for the elements' natural order
     * @throws ClassCastException if the elements are not mutually comparable (nothing is changed)
     */
    @Override
    @SuppressWarnings("unchecked")
    public synchronized void sort(java.util.Comparator<? super E> comparator) {
        checkWritable();
        try (WriterLock.Held ignored = writing()) {
            Object[] sorted = toArray();
            java.util.Arrays.sort(sorted, (java.util.Comparator<Object>) comparator);
            if (sorted.length > 0) {
                replaceEvery(sorted.length, j -> (E) sorted[(int) j]);
            }
        }
        modCount++;
    }

    /** Replaces the {@code n} elements with what {@code element} gives for each position, in order. */
    private void replaceEvery(int n, java.util.function.LongFunction<E> element) {
        int expected = modCount;
        ListMutations.replace(store.store(), size, 0, n, j -> {
            E replacement = element.apply(j);
            if (modCount != expected) {
                throw new java.util.ConcurrentModificationException("the list changed while its elements were replaced");
            }
            return elements.toStored(replacement);
        });
    }

    @Override
    public synchronized void clear() {
        checkWritable();
        try (WriterLock.Held ignored = writing()) {
            ListMutations.clear(store.store(), size);
        }
        modCount++;
    }

    @Override
    public synchronized int size() {
        store.store();
        return (int) size.get();
    }

    /** {@return the directory holding the list} */
    public Path directory() {
        return store.directory();
    }

    /** Closes the files. Idempotent. */
    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
            size.close();
        }
    }

    /**
     * Names the directory, the element type and the size, e.g. {@code DiskList[/data/samples.deco,
     * Double, 10000000 elements]}, or {@code DiskList[/data/samples.deco, closed]}; it never lists
     * the elements, which need not fit in memory (unlike {@code AbstractList.toString}).
     *
     * @return the description
     */
    @Override
    public synchronized String toString() {
        return store.isClosed() ? "DiskList[" + store.directory() + ", closed]"
                : "DiskList[" + store.directory() + ", " + elements.codec().type().getSimpleName() + ", " + size()
                + " elements]";
    }

    /** {@return whether this instance was opened read-only} */
    public boolean isReadOnly() {
        return readOnly;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new UnsupportedOperationException("this DiskList at " + store.directory() + " was opened read-only");
        }
    }

    /**
     * Takes the writer lock of the list, shared with every other writer in this JVM and in other
     * processes, and finishes the operation a writer left cut short (one that died holding it, or
     * whose operation threw half way), so this one starts from a list as it was before or after it.
     */
    private WriterLock.Held writing() {
        HashedStore elementsStored = store.store();
        WriterLock.Held held = elementsStored.writerLock().lock();
        try {
            if (size.inProgress()) {
                ListMutations.finish(elementsStored, size);
            }
            return held;
        } catch (RuntimeException | Error e) {
            held.close();
            throw e;
        }
    }

    /** {@return the elements' store; for tests that act as a writer of another process} */
    HashedStore elementsStore() {
        return store.store();
    }

    /** {@return the size counters; for tests that act as a writer of another process} */
    ListSize sizeCounters() {
        return size;
    }

    private static void checkIndex(int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
        }
    }

    private static void checkGrowable(long lastIndex) {
        if (lastIndex >= Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("a DiskList holds at most " + (Integer.MAX_VALUE - 1) + " elements");
        }
    }

    /**
     * Options of {@link DiskList}.
     *
     * @param <E> the element type
     */
    public static final class Builder<E> {
        private final Path directory;
        private final Class<E> elementType;
        private Codec<E> codec;
        private double averageElementSize = 64;
        private long initialCapacity = 1 << 16;
        private boolean readOnly;

        Builder(Path directory, Class<E> elementType) {
            this.directory = Objects.requireNonNull(directory, "directory");
            this.elementType = Objects.requireNonNull(elementType, "elementType");
        }

        /**
         * Sets how elements are encoded.
         *
         * @param codec the element codec (default: {@link Codec#forType} of the element type)
         * @return this builder
         */
        public Builder<E> codec(Codec<E> codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Sets the average encoded element size, a sizing hint.
         *
         * @param bytes the average encoded element size, a sizing hint (default 64); fixed for a new
         *              list
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder<E> averageElementSize(double bytes) {
            if (!(bytes > 0)) {
                throw new IllegalArgumentException("averageElementSize must be positive, was " + bytes);
            }
            this.averageElementSize = bytes;
            return this;
        }

        /**
         * Sets how many elements a part file holds before it grows.
         *
         * @param elements how many elements each part file holds before it grows (default 65,536);
         *                 the list grows past it by splitting parts
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder<E> initialCapacity(long elements) {
            if (elements < 1) {
                throw new IllegalArgumentException("initialCapacity must be 1 or more, was " + elements);
            }
            this.initialCapacity = elements;
            return this;
        }

        /**
         * Opens an existing list for reading only: every mutating method throws
         * {@link UnsupportedOperationException}, and nothing is created.
         *
         * @return this builder
         */
        public Builder<E> readOnly() {
            this.readOnly = true;
            return this;
        }

        /**
         * Creates or reopens the list.
         *
         * @return the open list
         * @throws IllegalArgumentException as {@link DiskList#open}
         * @throws IllegalStateException    as {@link DiskList#open}
         */
        public DiskList<E> open() {
            Codec<E> elementCodec = codec != null ? codec : Codec.forType(elementType);
            Representation<E> representation = Representation.ofValues(elementCodec);
            Manifest manifest = Manifest.requested(FORMAT, Long.class.getName(), "deco:long", elementType.getName(),
                    elementCodec.id(), 8, averageElementSize, initialCapacity);
            StoreHandle store = OpenStores.open(directory, manifest, Long.class, representation.storedClass(), readOnly,
                    ListMutations::finishInterrupted);
            try {
                HashedStore elementsStored = store.store();
                ListSize size;
                try {
                    size = ListSize.open(store.directory(), ListMutations.positionsStored(elementsStored));
                } catch (DiskFormatException miscounted) {
                    // a writer in another process may have staged an element under key -1 between the
                    // two reads of the count (it stays there, so a second count is exact); damage fails again
                    size = ListSize.open(store.directory(), ListMutations.positionsStored(elementsStored));
                }
                return new DiskList<>(store, representation, size, readOnly);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
    }
}
