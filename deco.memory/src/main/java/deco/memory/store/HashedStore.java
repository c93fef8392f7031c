package deco.memory.store;

import deco.memory.DiskFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Every part this JVM has opened, retired ones included: readers may still be in them. */
    private final Map<PartId, ChronicleMap<Object, Object>> open = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** The open part of every bucket in one epoch: reads and writes of that epoch need no lookup. */
    private volatile Routing routing = new Routing(-1, 0, null);

    private record Routing(long epoch, long mask, ChronicleMap<Object, Object>[] buckets) {
    }

    HashedStore(Path directory, Manifest manifest, StoreLock lock, Layout layout, PartFiles files,
                Class<?> keyClass, Class<?> valueClass) {
        this.directory = directory;
        this.manifest = manifest;
        this.lock = lock;
        this.layout = layout;
        this.files = files;
        this.variableSizeKeys = keyClass == byte[].class || keyClass == String.class;
        this.variableSizeValues = valueClass == byte[].class || valueClass == String.class;
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
        long hash = KeyHash.of(key);
        while (true) {
            long epoch = layout.epoch();
            ChronicleMap<Object, Object> part = route(epoch, hash);
            if (part != null) {
                Object value = part.get(key);
                if (layout.epoch() == epoch) {
                    return value;
                }
            }
        }
    }

    /**
     * @param key a stored key
     * @return whether it is present
     */
    public boolean containsKey(Object key) {
        long hash = KeyHash.of(key);
        while (true) {
            long epoch = layout.epoch();
            ChronicleMap<Object, Object> part = route(epoch, hash);
            if (part != null) {
                boolean present = part.containsKey(key);
                if (layout.epoch() == epoch) {
                    return present;
                }
            }
        }
    }

    /** @return the number of entries (the sum over the live parts of one epoch) */
    public long size() {
        while (true) {
            long epoch = layout.epoch();
            long size = 0;
            for (ChronicleMap<Object, Object> part : liveParts(epoch)) {
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
        List<ChronicleMap<Object, Object>> parts;
        while (true) {
            long epoch = layout.epoch();
            parts = liveParts(epoch);
            if (layout.epoch() == epoch) {
                break;
            }
        }
        List<ChronicleMap<Object, Object>> all = parts;
        return new Iterator<>() {
            private int next;
            private Iterator<Map.Entry<Object, Object>> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (next >= all.size()) {
                        return false;
                    }
                    checkOpen();
                    current = all.get(next++).entrySet().iterator();
                }
                return true;
            }

            @Override
            public Map.Entry<Object, Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Map.Entry<Object, Object> entry = current.next();
                return Map.entry(entry.getKey(), entry.getValue());
            }
        };
    }

    private List<ChronicleMap<Object, Object>> liveParts(long epoch) {
        List<ChronicleMap<Object, Object>> parts = new ArrayList<>();
        for (PartId id : layout.parts(epoch)) {
            ChronicleMap<Object, Object> part = part(epoch, id);
            if (part == null) {
                return List.of(); // the epoch moved; the caller retries
            }
            parts.add(part);
        }
        return parts;
    }

    // ------------------------------------------------------------------ writes

    /** A write inside a query context that holds the key's segment update lock. */
    @FunctionalInterface
    private interface Write<R> {
        R apply(ExternalMapQueryContext<Object, Object, ?> context, MapEntry<Object, Object> entry);
    }

    /**
     * @param key   a stored key
     * @param value a stored value
     * @return the previous stored value, or null
     */
    public Object put(Object key, Object value) {
        return write(key, value, (c, entry) -> {
            Object previous = entry == null ? null : entry.value().getUsing(null);
            if (entry == null) {
                c.insert(c.absentEntry(), c.wrapValueAsData(value));
            } else {
                c.replaceValue(entry, c.wrapValueAsData(value));
            }
            return previous;
        });
    }

    /**
     * @param key   a stored key
     * @param value a stored value
     * @return the value already there, or null if {@code value} was put
     */
    public Object putIfAbsent(Object key, Object value) {
        return write(key, value, (c, entry) -> {
            if (entry != null) {
                return entry.value().getUsing(null);
            }
            c.insert(c.absentEntry(), c.wrapValueAsData(value));
            return null;
        });
    }

    /**
     * @param key a stored key
     * @return the removed stored value, or null
     */
    public Object remove(Object key) {
        return write(key, null, (c, entry) -> {
            if (entry == null) {
                return null;
            }
            Object previous = entry.value().getUsing(null);
            c.remove(entry);
            return previous;
        });
    }

    /**
     * @param key   a stored key
     * @param value the stored value it must have
     * @return whether it was removed
     */
    public boolean remove(Object key, Object value) {
        return write(key, null, (c, entry) -> {
            if (entry == null || !sameStored(entry.value().getUsing(null), value)) {
                return false;
            }
            c.remove(entry);
            return true;
        });
    }

    /**
     * @param key   a stored key
     * @param value the new stored value
     * @return the previous stored value, or null if the key was absent (nothing put)
     */
    public Object replace(Object key, Object value) {
        return write(key, value, (c, entry) -> {
            if (entry == null) {
                return null;
            }
            Object previous = entry.value().getUsing(null);
            c.replaceValue(entry, c.wrapValueAsData(value));
            return previous;
        });
    }

    /**
     * @param key      a stored key
     * @param oldValue the stored value it must have
     * @param newValue the new stored value
     * @return whether it was replaced
     */
    public boolean replace(Object key, Object oldValue, Object newValue) {
        return write(key, newValue, (c, entry) -> {
            if (entry == null || !sameStored(entry.value().getUsing(null), oldValue)) {
                return false;
            }
            c.replaceValue(entry, c.wrapValueAsData(newValue));
            return true;
        });
    }

    private static boolean sameStored(Object a, Object b) {
        return a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y) : a.equals(b);
    }

    /** Removes every entry; the parts stay. */
    public void clear() {
        try (StoreLock.Held ignored = lock.lockStructure()) {
            checkOpen();
            long epoch = layout.epoch();
            for (ChronicleMap<Object, Object> part : liveParts(epoch)) {
                part.clear();
            }
        }
    }

    private <R> R write(Object key, Object value, Write<R> write) {
        long hash = KeyHash.of(key);
        while (true) {
            long epoch = layout.epoch();
            PartId id = layout.partFor(epoch, hash);
            ChronicleMap<Object, Object> part = part(epoch, id);
            if (part == null) {
                continue;
            }
            if (value != null) {
                checkFits(part, key, value);
            }
            if (PartFiles.splitDue(part)) {
                split(id);
                continue;
            }
            boolean splitting = false;
            try (ExternalMapQueryContext<Object, Object, ?> c = part.queryContext(key)) {
                c.updateLock().lock();
                if (id.equals(layout.splitting())) {
                    splitting = true;
                } else if (isLive(id)) {
                    return write.apply(c, c.entry());
                }
            } catch (RuntimeException e) {
                throw StorageErrors.operation("cannot write to " + files.file(id), e);
            }
            if (splitting) {
                awaitSplit(id);
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

    private static long exactSize(Object stored) {
        return stored instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                : upperSize(stored);
    }

    // ------------------------------------------------------------------ splits

    /** Splits {@code id} if it is still live and due; under the store lock. */
    private void split(PartId id) {
        try (StoreLock.Held ignored = lock.lockStructure()) {
            checkOpen();
            long epoch = layout.epoch();
            if (!layout.isLive(epoch, id)) {
                return;
            }
            ChronicleMap<Object, Object> part = part(epoch, id);
            if (part == null || !PartFiles.splitDue(part)) {
                return;
            }
            layout.setSplitting(id);
            boolean published = false;
            try {
                PartId[] children = id.children();
                ChronicleMap<Object, Object> low = files.create(children[0]);
                ChronicleMap<Object, Object> high = files.create(children[1]);
                open.put(children[0], low);
                open.put(children[1], high);
                copy(id, part, low, high);
                layout.publishSplit(id);
                published = true;
                layout.setSplitting(null);
            } finally {
                if (!published) {
                    abortSplit(id);
                }
            }
        }
    }

    /**
     * Copies every entry of a part being split to the child its hash names, a segment at a time.
     * Iterating a segment takes its update lock, which writers hold while they check the split
     * record and write: so a write in flight finishes before its segment is copied, and every
     * write after that sees the record and waits.
     */
    private void copy(PartId id, ChronicleMap<Object, Object> part, ChronicleMap<Object, Object> low,
                      ChronicleMap<Object, Object> high) {
        List<Object> entries = new ArrayList<>();
        for (int segment = 0; segment < part.segments(); segment++) {
            entries.clear();
            try (var context = part.segmentContext(segment)) {
                context.forEachSegmentEntry(entry -> {
                    entries.add(entry.key().getUsing(null));
                    entries.add(entry.value().getUsing(null));
                });
            }
            for (int i = 0; i < entries.size(); i += 2) {
                Object key = entries.get(i);
                (((KeyHash.of(key) >>> id.depth()) & 1) == 0 ? low : high).put(key, entries.get(i + 1));
            }
        }
        if (low.longSize() + high.longSize() != part.longSize()) {
            throw new IllegalStateException("splitting " + files.file(id) + " copied " + (low.longSize()
                    + high.longSize()) + " of " + part.longSize() + " entries; the split was undone");
        }
    }

    /**
     * A writer found {@code id} being split: waits for the splitter (by taking the store lock); if
     * the record is still set then, the splitter died and the split is undone.
     */
    private void awaitSplit(PartId id) {
        try (StoreLock.Held ignored = lock.lockStructure()) {
            if (id.equals(layout.splitting())) {
                abortSplit(id);
            }
        }
    }

    /** Under the store lock: undoes an unfinished split of {@code id}, or clears the record of a finished one. */
    void abortSplit(PartId id) {
        if (layout.isLive(layout.epoch(), id)) {
            for (PartId child : id.children()) {
                ChronicleMap<Object, Object> map = open.remove(child);
                if (map != null) {
                    map.close();
                }
                files.delete(child);
            }
        }
        layout.setSplitting(null);
    }

    // ------------------------------------------------------------------ parts

    /**
     * @return the open part holding keys of this hash in {@code epoch}, from the routing table of
     * that epoch (built once per epoch); or null if the epoch moved on (the caller retries)
     */
    private ChronicleMap<Object, Object> route(long epoch, long hash) {
        Routing current = routing;
        if (current.epoch != epoch) {
            current = buildRouting(epoch);
            if (current == null) {
                return null;
            }
        }
        if (closed) {
            checkOpen();
        }
        return current.buckets[(int) (hash & current.mask)];
    }

    @SuppressWarnings("unchecked")
    private Routing buildRouting(long epoch) {
        int global = layout.globalDepth(epoch);
        ChronicleMap<Object, Object>[] buckets = new ChronicleMap[1 << global];
        for (int bucket = 0; bucket < buckets.length; bucket++) {
            int depth = Math.clamp(layout.depth(epoch, bucket), 0, global);
            ChronicleMap<Object, Object> part = part(epoch, new PartId(depth, (int) (bucket & ((1L << depth) - 1))));
            if (part == null) {
                return null;
            }
            buckets[bucket] = part;
        }
        if (layout.epoch() != epoch) {
            return null; // read while the slot changed
        }
        Routing built = new Routing(epoch, buckets.length - 1L, buckets);
        routing = built;
        return built;
    }

    /**
     * @return the open part, or null if its file is gone because the epoch moved on (the caller
     * retries)
     * @throws DiskFormatException if the layout names a part whose file is missing
     */
    private ChronicleMap<Object, Object> part(long epoch, PartId id) {
        ChronicleMap<Object, Object> part = open.get(id);
        if (part != null) {
            if (closed) {
                checkOpen();
            }
            return part;
        }
        checkOpen();
        synchronized (open) {
            part = open.get(id);
            if (part == null) {
                part = files.open(id);
                if (part == null) {
                    if (layout.epoch() == epoch && layout.isLive(epoch, id)) {
                        throw new DiskFormatException(files.file(id) + " is missing: the collection at " + directory
                                + " lost " + id + " (its layout names it)");
                    }
                    return null;
                }
                open.put(id, part);
            }
            return part;
        }
    }

    /** Opens every live part with Chronicle's recovery; for {@link OpenStores} when alone. */
    RecoveryReport recoverLiveParts() {
        RecoveryReport report = new RecoveryReport();
        for (PartId id : layout.parts(layout.epoch())) {
            ChronicleMap<Object, Object> part = files.recover(id, report);
            open.put(id, part);
        }
        return report;
    }

    /** Checks every live part's file is there and no other collection's part lies beside them. */
    void checkFiles() {
        for (PartId id : layout.parts(layout.epoch())) {
            if (!files.exists(id)) {
                throw new DiskFormatException(files.file(id) + " is missing: the collection at " + directory
                        + " lost " + id + " (its layout names it)");
            }
        }
        List<String> foreign = files.foreignParts();
        if (!foreign.isEmpty()) {
            throw new DiskFormatException(directory + " holds part files of another collection: " + foreign
                    + "; remove them (nothing of this collection is in them)");
        }
    }

    /** Deletes the files of retired parts (the ancestors of live parts); when no other process uses them. */
    void deleteRetired() {
        java.util.Set<PartId> retired = new java.util.HashSet<>();
        for (PartId id : layout.parts(layout.epoch())) {
            for (PartId p = id.parent(); p != null && retired.add(p); p = p.parent()) {
                // every ancestor was split
            }
        }
        for (PartId id : retired) {
            ChronicleMap<Object, Object> map = open.remove(id);
            if (map != null) {
                map.close();
            }
            files.delete(id);
        }
    }

    Layout layout() {
        return layout;
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

    /** @return whether the store was closed */
    boolean isClosed() {
        return closed;
    }

    /** Closes every part this JVM opened and the layout; by {@link OpenStores} when the last user leaves. */
    void closeFiles() {
        closed = true;
        for (ChronicleMap<Object, Object> part : open.values()) {
            part.close();
        }
        open.clear();
        layout.close();
    }
}
