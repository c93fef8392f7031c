package deco.memory.store;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

/**
 * The entries of one collection, in hash-addressed parts (docs/format.md, decision 010): a key's
 * part is found from its {@link KeyHash} through the {@link Layout}, so every operation touches one
 * part, and a part that fills splits in two.
 *
 * <p>Thread-safe and safe for several processes. Reads take no lock of ours: they read the layout's
 * epoch, read the part, and retry if the epoch moved meanwhile. A write holds Chronicle Map's
 * segment lock for its key and, under it, checks that its part is still live and not being split.
 * A split records the part it splits, takes every segment's update lock in turn (so no write
 * is in flight, and every later write sees the record and waits) while it copies the entries to the two
 * children, publishes the new layout, and clears the record — all under the {@link StoreLock}. A
 * writer waits for a split by waiting for that lock; if the splitter died, the waiter finds the
 * record still set, and aborts the split (the old part is intact until the layout names the
 * children).
 *
 * <p>One instance serves every user of the directory in this JVM ({@link OpenStores}).
 */
public final class HashedStore {

    private final Path directory;
    private final Manifest manifest;
    private final StoreLock lock;
    private final Layout layout;
    private final PartFiles files;
    private final boolean variableSizeKeys;
    private final boolean variableSizeValues;
    private final OpenParts parts;
    private final Splitter splitter;
    private volatile boolean closed;
    private WriterLock writerLock; // guarded by this; made by the first writer that asks

    HashedStore(Path directory, Manifest manifest, StoreLock lock, Layout layout, PartFiles files,
                Class<?> keyClass, Class<?> valueClass) {
        this.directory = directory;
        this.manifest = manifest;
        this.lock = lock;
        this.layout = layout;
        this.files = files;
        this.variableSizeKeys = PartFiles.variableSize(keyClass);
        this.variableSizeValues = PartFiles.variableSize(valueClass);
        this.parts = new OpenParts(directory, layout, files, this::checkOpen);
        this.splitter = new Splitter(lock, layout, files, parts, this::checkOpen);
        ExitHook.register(this);
    }

    /** @return the directory */
    public Path directory() {
        return directory;
    }

    /** @return the manifest */
    public Manifest manifest() {
        return manifest;
    }

    // ------------------------------------------------------------------ reads

    /**
     * @param key a stored key
     * @return the stored value, or null
     */
    public Object get(Object key) {
        return read(key, ChronicleMap::get);
    }

    /**
     * @param key a stored key
     * @return whether it is present
     */
    public boolean containsKey(Object key) {
        return read(key, ChronicleMap::containsKey);
    }

    /** Reads the key's part of the current epoch, again if the epoch moved meanwhile. */
    private <R> R read(Object key, java.util.function.BiFunction<ChronicleMap<Object, Object>, Object, R> read) {
        long hash = KeyHash.of(key);
        while (true) {
            long epoch = layout.epoch();
            ChronicleMap<Object, Object> part = parts.route(epoch, hash);
            if (part != null) {
                R result = read.apply(part, key);
                if (layout.epoch() == epoch) {
                    return result;
                }
            }
        }
    }

    /** @return the number of entries (the sum over the live parts of one epoch) */
    public long size() {
        while (true) {
            long epoch = layout.epoch();
            long size = 0;
            for (ChronicleMap<Object, Object> part : parts.live(epoch)) {
                size += part.longSize();
            }
            if (layout.epoch() == epoch) {
                return size;
            }
        }
    }

    /**
     * @return the stored entries of the live parts when called; weakly consistent (an entry
     * changed later may be seen as it was)
     */
    public Iterator<Map.Entry<Object, Object>> iterator() {
        return acrossParts(part -> new Iterator<>() {
            private final Iterator<Map.Entry<Object, Object>> entries = part.entrySet().iterator();

            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Map.Entry<Object, Object> next() {
                Map.Entry<Object, Object> entry = entries.next();
                return Map.entry(entry.getKey(), entry.getValue());
            }
        });
    }

    /** @return the stored keys of the live parts when called, values unread; weakly consistent */
    public Iterator<Object> keyIterator() {
        return acrossParts(part -> part.keySet().iterator());
    }

    /** One iterator over the live parts of one layout epoch, each part's from {@code ofPart}. */
    private <T> Iterator<T> acrossParts(Function<ChronicleMap<Object, Object>, Iterator<T>> ofPart) {
        List<ChronicleMap<Object, Object>> all;
        while (true) {
            long epoch = layout.epoch();
            all = parts.live(epoch);
            if (layout.epoch() == epoch) {
                break;
            }
        }
        List<ChronicleMap<Object, Object>> snapshot = all;
        return new Iterator<>() {
            private int next;
            private Iterator<T> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (next >= snapshot.size()) {
                        return false;
                    }
                    checkOpen();
                    current = ofPart.apply(snapshot.get(next++));
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    // ------------------------------------------------------------------ writes

    /**
     * A write inside a query context that holds the key's segment update lock, of the value (or
     * expected value) it is given: the writes below capture nothing, so none is allocated per call.
     */
    @FunctionalInterface
    private interface Write<R> {
        R apply(ExternalMapQueryContext<Object, Object, ?> context, MapEntry<Object, Object> entry, Object value);
    }

    private static final Write<Object> PUT = (c, entry, value) -> {
        Object previous = entry == null ? null : entry.value().getUsing(null);
        if (entry == null) {
            c.insert(c.absentEntry(), c.wrapValueAsData(value));
        } else {
            c.replaceValue(entry, c.wrapValueAsData(value));
        }
        return previous;
    };

    private static final Write<Object> PUT_IF_ABSENT = (c, entry, value) -> {
        if (entry != null) {
            return entry.value().getUsing(null);
        }
        c.insert(c.absentEntry(), c.wrapValueAsData(value));
        return null;
    };

    private static final Write<Object> REMOVE = (c, entry, ignored) -> {
        if (entry == null) {
            return null;
        }
        Object previous = entry.value().getUsing(null);
        c.remove(entry);
        return previous;
    };

    private static final Write<Boolean> REMOVE_IF = (c, entry, expected) -> {
        if (entry == null || !sameContent(entry.value().getUsing(null), expected)) {
            return false;
        }
        c.remove(entry);
        return true;
    };

    private static final Write<Object> REPLACE = (c, entry, value) -> {
        if (entry == null) {
            return null;
        }
        Object previous = entry.value().getUsing(null);
        c.replaceValue(entry, c.wrapValueAsData(value));
        return previous;
    };

    /**
     * @param key   a stored key
     * @param value a stored value
     * @return the previous stored value, or null
     */
    public Object put(Object key, Object value) {
        return write(key, value, value, PUT);
    }

    /**
     * @param key   a stored key
     * @param value a stored value
     * @return the value already there, or null if {@code value} was put
     */
    public Object putIfAbsent(Object key, Object value) {
        return write(key, value, value, PUT_IF_ABSENT);
    }

    /**
     * @param key a stored key
     * @return the removed stored value, or null
     */
    public Object remove(Object key) {
        return write(key, null, null, REMOVE);
    }

    /**
     * @param key   a stored key
     * @param value the stored value it must have
     * @return whether it was removed
     */
    public boolean remove(Object key, Object value) {
        return write(key, null, value, REMOVE_IF);
    }

    /**
     * @param key   a stored key
     * @param value the new stored value
     * @return the previous stored value, or null if the key was absent (nothing put)
     */
    public Object replace(Object key, Object value) {
        return write(key, value, value, REPLACE);
    }

    /**
     * @param key      a stored key
     * @param oldValue the stored value it must have
     * @param newValue the new stored value
     * @return whether it was replaced
     */
    public boolean replace(Object key, Object oldValue, Object newValue) {
        return write(key, newValue, null, (c, entry, ignored) -> {
            if (entry == null || !sameContent(entry.value().getUsing(null), oldValue)) {
                return false;
            }
            c.replaceValue(entry, c.wrapValueAsData(newValue));
            return true;
        });
    }

    /**
     * @param a a stored form, or a value
     * @param b another
     * @return whether they are equal: {@code byte[]} by content, anything else by {@code equals}
     */
    public static boolean sameContent(Object a, Object b) {
        return a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y) : a.equals(b);
    }

    /** Removes every entry; the parts stay. */
    public void clear() {
        checkNotExiting();
        try (StoreLock.Held ignored = lock.lockStructure()) {
            checkOpen();
            long epoch = layout.epoch();
            for (ChronicleMap<Object, Object> part : parts.live(epoch)) {
                part.clear();
            }
        }
    }

    /**
     * @param stored what is stored (checked against the part's entry size), or null if nothing is
     * @param given  what {@code write} is given: the value, or the expected value
     */
    private <R> R write(Object key, Object stored, Object given, Write<R> write) {
        checkNotExiting();
        long hash = KeyHash.of(key);
        while (true) {
            long epoch = layout.epoch();
            OpenParts.Routing routing = parts.routing(epoch);
            if (routing == null) {
                continue;
            }
            PartId id = routing.id(hash);
            ChronicleMap<Object, Object> part = routing.part(hash);
            if (stored != null) {
                checkFits(part, key, stored);
            }
            if (PartFiles.splitDue(part)) {
                splitter.split(id);
                continue;
            }
            boolean splitting = false;
            boolean exiting = false;
            try (ExternalMapQueryContext<Object, Object, ?> c = part.queryContext(key)) {
                c.updateLock().lock();
                if (ExitHook.exiting()) {
                    exiting = true; // the exit hook has passed this segment: write nothing
                } else if (layout.isSplitting(id)) {
                    splitting = true;
                } else if (layout.epoch() == epoch || isLive(id)) {
                    // the epoch routed by is still current: no split of the part has been published
                    return write.apply(c, c.entry(), given);
                }
            } catch (RuntimeException e) {
                throw StorageErrors.operation("cannot write to " + files.file(id), e);
            }
            if (exiting) {
                throw ExitHook.refusal(directory);
            }
            if (splitting) {
                splitter.awaitSplit(id);
            }
        }
    }

    /** Whether {@code id} is live now; stable while the caller holds a segment lock of it. */
    private boolean isLive(PartId id) {
        while (true) {
            long epoch = layout.epoch();
            boolean live = layout.isLive(epoch, id);
            if (layout.epoch() == epoch) {
                return live;
            }
        }
    }

    private void checkFits(ChronicleMap<Object, Object> part, Object key, Object value) {
        if (!variableSizeKeys && !variableSizeValues) {
            return;
        }
        long limit = PartFiles.maxEntryBytes(part);
        if (upperSize(key) + upperSize(value) <= limit) {
            return;
        }
        long bytes = exactSize(key) + exactSize(value);
        if (bytes > limit) {
            throw new IllegalArgumentException("an entry of " + bytes + " bytes does not fit this collection at "
                    + directory + ": one entry may take at most " + limit + " bytes, set when it was created by"
                    + " averageKeySize " + manifest.averageKeySize() + ", averageValueSize "
                    + manifest.averageValueSize() + " and initialCapacity " + manifest.initialCapacity()
                    + "; create it with a larger averageValueSize (the limit grows with it); nothing was written");
        }
    }

    /** A bound on the bytes Chronicle stores for a key or value, cheap to compute. */
    private static long upperSize(Object stored) {
        return switch (stored) {
            case byte[] b -> b.length;
            case String s -> 3L * s.length();
            default -> 8;
        };
    }

    /**
     * The bytes Chronicle stores for a key or value. Its {@code String} marshaller writes each
     * {@code char} on its own (1, 2 or 3 bytes), so a surrogate, paired or not, takes 3 bytes where
     * {@code getBytes(UTF_8)} counts a pair as 4 and a lone surrogate as 1 ({@code '?'}).
     */
    private static long exactSize(Object stored) {
        if (!(stored instanceof String s)) {
            return upperSize(stored);
        }
        long bytes = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 0 : c < 0x800 ? 1 : 2;
        }
        return bytes;
    }

    StoreLock lock() {
        return lock;
    }

    /** @return how many live parts hold the entries */
    public int partCount() {
        checkOpen();
        return layout.parts(layout.epoch()).size();
    }

    /**
     * @throws IllegalStateException if this store is closed
     */
    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this deco " + manifest.format().substring("deco.".length()) + " at "
                    + directory + " is closed");
        }
    }

    /** @throws IllegalStateException if the JVM is exiting ({@link ExitHook}) */
    private void checkNotExiting() {
        if (ExitHook.exiting()) {
            throw ExitHook.refusal(directory);
        }
    }

    /**
     * Waits until no write of this JVM is in flight in any open part; by the {@link ExitHook}.
     *
     * @param deadline {@link System#nanoTime()} after which a segment's lock is tried only once
     * @return how many segments stayed locked
     */
    int awaitWritesInFlight(long deadline) {
        return parts.awaitWritesInFlight(deadline);
    }

    /** Closes every part this JVM opened and the layout; by {@link OpenStores} when the last user leaves. */
    void closeFiles() {
        ExitHook.unregister(this);
        closed = true;
        try {
            parts.closeAll();
            layout.close();
        } finally {
            synchronized (this) {
                if (writerLock != null) {
                    writerLock.close();
                    writerLock = null;
                }
            }
        }
    }

    /**
     * @return the lock of writers of several entries across threads and processes (made, with its
     * files, on first use)
     * @throws IllegalStateException if the store is closed
     */
    public synchronized WriterLock writerLock() {
        checkOpen();
        if (writerLock == null) {
            writerLock = WriterLock.open(directory);
        }
        return writerLock;
    }

    /** @return the open parts, for {@link OpenStores}' recovery and clean-up */
    OpenParts parts() {
        return parts;
    }

    /** @return the splitter, for {@link OpenStores} to undo a split a killed process left */
    Splitter splitter() {
        return splitter;
    }
}
