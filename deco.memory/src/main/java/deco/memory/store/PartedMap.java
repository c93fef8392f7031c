package deco.memory.store;

import deco.core.io.DiskFormatException;
import deco.core.io.MappedCounter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * A map of stored forms kept in a chain of Chronicle Map files that grows without a size given up
 * front (decision 007, docs/format.md): {@code part-0.cm} holds {@code initialCapacity} entries,
 * {@code part-i.cm} four times as many as {@code part-(i-1).cm}. A key lives in one part: updates
 * happen where the key is, new keys go to the newest part, and when that part is full a new one
 * is added. The part count is a {@link MappedCounter} every process sees.
 *
 * <p>Thread-safe and safe for several processes: each entry operation is Chronicle Map's (atomic,
 * segment-locked, shared through the memory mapping); adding a part takes an exclusive file lock.
 */
public final class PartedMap implements AutoCloseable {

    private static final long PARTS_MAGIC = 0x6465636f50415254L; // "decoPART"
    private static final String LOCK = "lock";
    /** Extra segment tiers a part may take for unevenly filled segments and values that grow. */
    private static final double MAX_BLOAT = 4.0;
    private static final String USERS = "users.lock";
    /** Directories open in this JVM: file locks are per JVM, so one shared lock serves all instances. */
    private static final Map<Path, Users> OPEN_HERE = new ConcurrentHashMap<>();

    /** This JVM's shared lock on {@code users.lock}, held while any instance here is open. */
    private static final class Users {
        int instances;
        FileChannel channel;
        FileLock lock;
    }

    private final Path directory;
    private final Manifest manifest;
    private final Class<?> keyClass;
    private final Class<?> valueClass;
    private final MappedCounter partCount;
    private final Users users;
    private final boolean recover;
    /** Opened by the call that wrote the manifest: part 0 does not exist yet. */
    private final boolean created;
    private volatile List<ChronicleMap<Object, Object>> parts = List.of();
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong insertions = new java.util.concurrent.atomic.AtomicLong();

    private PartedMap(Path directory, Manifest manifest, Class<?> keyClass, Class<?> valueClass,
                      MappedCounter partCount, Users users, boolean recover, boolean created) {
        this.directory = directory;
        this.manifest = manifest;
        this.keyClass = keyClass;
        this.valueClass = valueClass;
        this.partCount = partCount;
        this.users = users;
        this.recover = recover;
        this.created = created;
    }

    /**
     * Creates or reopens the collection in {@code directory}.
     *
     * @param directory  the directory (created if missing)
     * @param requested  what the caller expects; written if the collection is new
     * @param keyClass   the stored key class
     * @param valueClass the stored value class
     * @param readOnly   open an existing collection only: create nothing, never recover
     * @return the open map
     * @throws DiskFormatException      if the path is not a deco collection or is damaged
     * @throws IllegalArgumentException if it holds other types than requested (nothing changed)
     * @throws UncheckedIOException     if the directory cannot be created or written
     */
    public static PartedMap open(Path directory, Manifest requested, Class<?> keyClass, Class<?> valueClass,
                                 boolean readOnly) {
        Path dir = directory.toAbsolutePath().normalize();
        if (Files.isRegularFile(dir)) {
            throw new DiskFormatException(dir + " is a file, not a deco " + requested.format() + " directory");
        }
        if (readOnly && !Files.isRegularFile(dir.resolve(Manifest.FILE))) {
            throw new DiskFormatException(dir + " holds no deco " + requested.format() + " to open read-only");
        }
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new AccessDeniedException(dir.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or write " + dir + ": " + e, e);
        }
        Users users = OPEN_HERE.computeIfAbsent(dir, d -> new Users());
        synchronized (users) {
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {
                boolean created = !Files.exists(dir.resolve(Manifest.FILE));
                Manifest manifest = manifest(dir, requested);
                boolean alone = false;
                if (users.instances == 0) {
                    // No instance here; if no other process holds the shared lock either, the files
                    // may carry locks of a process that died: open them with Chronicle's recovery.
                    users.channel = FileChannel.open(dir.resolve(USERS), StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE, StandardOpenOption.READ);
                    FileLock exclusive = users.channel.tryLock();
                    alone = exclusive != null;
                    if (exclusive != null) {
                        exclusive.release();
                    }
                    users.lock = users.channel.lock(0, Long.MAX_VALUE, true);
                }
                users.instances++;
                MappedCounter count;
                try {
                    count = MappedCounter.open(dir.resolve("parts"), PARTS_MAGIC, 1);
                } catch (RuntimeException e) {
                    release(users);
                    throw e;
                }
                PartedMap map = new PartedMap(dir, manifest, keyClass, valueClass, count, users, alone && !readOnly,
                        created);
                try {
                    map.refresh();
                } catch (RuntimeException e) {
                    map.closeQuietly();
                    throw e;
                }
                return map;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + dir + ": " + e, e);
            }
        }
    }

    private static void release(Users users) {
        synchronized (users) {
            if (--users.instances == 0) {
                try {
                    users.lock.release();
                    users.channel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static Manifest manifest(Path dir, Manifest requested) {
        if (Files.exists(dir.resolve(Manifest.FILE))) {
            Manifest stored = Manifest.read(dir);
            stored.checkCompatible(requested, dir);
            return stored;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> foreign = files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(LOCK)).toList();
            if (!foreign.isEmpty()) {
                throw new DiskFormatException(dir + " is not a deco " + requested.format() + ": it has no "
                        + Manifest.FILE + " but holds " + foreign);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        requested.write(dir);
        return requested;
    }

    /** @return the manifest of the collection */
    public Manifest manifest() {
        return manifest;
    }

    /** @return the directory */
    public Path directory() {
        return directory;
    }

    // ------------------------------------------------------------------ entry operations

    /**
     * @param key a stored key
     * @return the stored value, or null
     */
    public Object get(Object key) {
        List<ChronicleMap<Object, Object>> all = parts();
        for (int i = all.size() - 1; i >= 0; i--) {
            Object value = all.get(i).get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * @param key a stored key
     * @return whether some part holds it
     */
    public boolean containsKey(Object key) {
        return holder(key) != null;
    }

    /**
     * @param key   a stored key
     * @param value a stored value
     * @return the previous stored value, or null
     */
    public Object put(Object key, Object value) {
        while (true) {
            List<ChronicleMap<Object, Object>> all = parts();
            ChronicleMap<Object, Object> holder = olderHolder(all, key);
            if (holder != null) {
                try {
                    return holder.put(key, value);
                } catch (IllegalStateException full) {
                    checkFull(full);
                    // a larger value does not fit the older, full part: move the entry to the newest
                    Object previous = holder.remove(key);
                    insertIntoNewest(key, value);
                    return previous;
                }
            }
            try {
                Object previous = all.getLast().put(key, value);
                if (previous == null) {
                    inserted(all);
                }
                return previous;
            } catch (IllegalStateException full) {
                grow(all, full);
            }
        }
    }

    /**
     * Counts new keys in the newest part; every so often compares its size with its capacity and
     * adds the next part before Chronicle Map has to refuse an insert.
     */
    private void inserted(List<ChronicleMap<Object, Object>> all) {
        if ((insertions.incrementAndGet() & 1023) == 0
                && all.getLast().longSize() >= capacity(all.size() - 1)) {
            grow(all);
        }
    }

    /** Part {@code i} holds four times as many entries as part {@code i - 1}: few parts to probe. */
    private long capacity(int index) {
        return Math.max(1, manifest.initialCapacity()) << Math.min(2 * index, 40);
    }

    private void insertIntoNewest(Object key, Object value) {
        while (true) {
            List<ChronicleMap<Object, Object>> all = parts();
            try {
                all.getLast().put(key, value);
                return;
            } catch (IllegalStateException full) {
                grow(all, full);
            }
        }
    }

    private static void checkFull(IllegalStateException e) {
        if (e.getMessage() == null || !e.getMessage().contains("tier")) {
            throw e;
        }
    }

    /**
     * @param key   a stored key
     * @param value a stored value
     * @return the stored value already there, or null if {@code value} was put
     */
    public Object putIfAbsent(Object key, Object value) {
        while (true) {
            List<ChronicleMap<Object, Object>> all = parts();
            ChronicleMap<Object, Object> holder = olderHolder(all, key);
            if (holder != null) {
                Object existing = holder.get(key);
                if (existing != null) {
                    return existing;
                }
                continue; // removed meanwhile: look again
            }
            try {
                Object existing = all.getLast().putIfAbsent(key, value);
                if (existing == null) {
                    inserted(all);
                }
                return existing;
            } catch (IllegalStateException full) {
                grow(all, full);
            }
        }
    }

    /**
     * @param key a stored key
     * @return the removed stored value, or null
     */
    public Object remove(Object key) {
        Object removed = null;
        for (ChronicleMap<Object, Object> part : parts()) {
            Object value = part.remove(key);
            if (value != null && removed == null) {
                removed = value;
            }
        }
        return removed;
    }

    /**
     * @param key   a stored key
     * @param value the stored value it must have
     * @return whether it was removed
     */
    public boolean remove(Object key, Object value) {
        ChronicleMap<Object, Object> holder = holder(key);
        return holder != null && holder.remove(key, value);
    }

    /**
     * @param key   a stored key
     * @param value the new stored value
     * @return the previous stored value, or null if the key was absent (nothing put)
     */
    public Object replace(Object key, Object value) {
        ChronicleMap<Object, Object> holder = holder(key);
        if (holder == null) {
            return null;
        }
        try {
            return holder.replace(key, value);
        } catch (IllegalStateException full) {
            checkFull(full);
            Object previous = holder.remove(key);
            if (previous != null) {
                insertIntoNewest(key, value);
            }
            return previous;
        }
    }

    /**
     * @param key      a stored key
     * @param oldValue the stored value it must have
     * @param newValue the new stored value
     * @return whether it was replaced
     */
    public boolean replace(Object key, Object oldValue, Object newValue) {
        ChronicleMap<Object, Object> holder = holder(key);
        if (holder == null) {
            return false;
        }
        try {
            return holder.replace(key, oldValue, newValue);
        } catch (IllegalStateException full) {
            checkFull(full);
            if (!holder.remove(key, oldValue)) {
                return false;
            }
            insertIntoNewest(key, newValue);
            return true;
        }
    }

    /** @return the number of entries */
    public long size() {
        long size = 0;
        for (ChronicleMap<Object, Object> part : parts()) {
            size += part.longSize();
        }
        return size;
    }

    /** Removes every entry (the parts stay). */
    public void clear() {
        for (ChronicleMap<Object, Object> part : parts()) {
            part.clear();
        }
    }

    /** @return the stored entries of every part, oldest part first; weakly consistent */
    public Iterator<Map.Entry<Object, Object>> iterator() {
        List<ChronicleMap<Object, Object>> all = parts();
        return new Iterator<>() {
            private int part = -1;
            private Iterator<Map.Entry<Object, Object>> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (++part >= all.size()) {
                        return false;
                    }
                    current = all.get(part).entrySet().iterator();
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

    /**
     * @throws IllegalStateException if this map is closed
     */
    public void checkOpen() {
        parts();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** @return how many part files there are */
    public int partCount() {
        return parts().size();
    }

    // ------------------------------------------------------------------ parts

    private ChronicleMap<Object, Object> holder(Object key) {
        List<ChronicleMap<Object, Object>> all = parts();
        return holder(all, key, all.size() - 1);
    }

    /** The part other than the newest that holds {@code key}, or null. */
    private static ChronicleMap<Object, Object> olderHolder(List<ChronicleMap<Object, Object>> all, Object key) {
        return holder(all, key, all.size() - 2);
    }

    /** The part holding {@code key}, searching from part {@code newest} down to part 0; or null. */
    private static ChronicleMap<Object, Object> holder(List<ChronicleMap<Object, Object>> all, Object key,
                                                       int newest) {
        for (int i = newest; i >= 0; i--) {
            if (all.get(i).containsKey(key)) {
                return all.get(i);
            }
        }
        return null;
    }

    private List<ChronicleMap<Object, Object>> parts() {
        if (closed) {
            throw new IllegalStateException("this deco " + shortFormat() + " at " + directory + " is closed");
        }
        List<ChronicleMap<Object, Object>> current = parts;
        if (partCount.get() != current.size()) {
            refresh();
            current = parts;
        }
        return current;
    }

    private synchronized void refresh() {
        int count = (int) partCount.get();
        List<ChronicleMap<Object, Object>> current = parts;
        if (count == current.size()) {
            return;
        }
        List<ChronicleMap<Object, Object>> opened = new ArrayList<>(current);
        for (int i = current.size(); i < count; i++) {
            opened.add(openPart(i));
        }
        parts = List.copyOf(opened);
    }

    private void grow(List<ChronicleMap<Object, Object>> seen, IllegalStateException full) {
        checkFull(full);
        grow(seen);
    }

    private void grow(List<ChronicleMap<Object, Object>> seen) {
        synchronized (this) {
            try (FileChannel lockChannel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {
                if (partCount.get() == seen.size()) {
                    openPart(seen.size()).close(); // create the file before anyone is told of it
                    partCount.set(seen.size() + 1);
                    partCount.force();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot add a part to " + directory + ": " + e, e);
            }
        }
        refresh();
    }

    @SuppressWarnings("unchecked")
    private ChronicleMap<Object, Object> openPart(int index) {
        File file = directory.resolve("part-" + index + ".cm").toFile();
        if (index < partCount.get() && !file.exists() && !(created && index == 0)) {
            throw new DiskFormatException(file + " is missing: the collection at " + directory + " is damaged");
        }
        ChronicleMapBuilder<Object, Object> builder = ChronicleMapBuilder
                .of((Class<Object>) keyClass, (Class<Object>) valueClass)
                .name(directory.getFileName() + "/part-" + index)
                .entries(capacity(index))
                .maxBloatFactor(MAX_BLOAT);
        if (keyClass == byte[].class || keyClass == String.class) {
            builder.averageKeySize(manifest.averageKeySize());
        }
        if (valueClass == byte[].class || valueClass == String.class) {
            builder.averageValueSize(manifest.averageValueSize());
        }
        try {
            return recover && file.exists()
                    ? builder.recoverPersistedTo(file, true)
                    : builder.createPersistedTo(file);
        } catch (IOException | RuntimeException | AssertionError e) {
            throw new DiskFormatException(file + " cannot be opened as part " + index + " of a deco "
                    + shortFormat() + " (damaged or not deco's): " + e, e);
        }
    }

    private String shortFormat() {
        return manifest.format().substring("deco.".length());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            for (ChronicleMap<Object, Object> part : parts) {
                part.close();
            }
            partCount.close();
        } finally {
            release(users);
        }
    }
}
