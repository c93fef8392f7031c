package deco.memory;

import deco.memory.store.Manifest;
import deco.memory.store.HashedStore;
import deco.memory.store.OpenStores;
import deco.memory.store.StoreHandle;
import deco.memory.store.Representation;
import deco.memory.store.Salvager;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A {@link ConcurrentMap} whose size is bounded by disk, not heap: entries live in memory-mapped
 * Chronicle Map files in one directory, persist across runs, and may be shared by several threads
 * and several processes. No size is given up front: the dictionary grows by adding files
 * (docs/format.md). PySpeedup's {@code DiskDict}, as a real out-of-core map.
 *
 * {@snippet :
 * try (DiskDict<Long, String> names = DiskDict.open(Path.of("names.deco"), Long.class, String.class)) {
 *     names.put(42L, "answer");
 *     names.computeIfAbsent(7L, k -> "seven");
 * }
 * // later, in any process:
 * try (DiskDict<Long, String> names = DiskDict.open(Path.of("names.deco"), Long.class, String.class)) {
 *     names.get(42L); // "answer"
 * }
 * }
 *
 * <p>Keys are hashed and compared by their encoded bytes ({@link Codec#forKey}), so equal keys
 * must encode equally; that also makes hashing stable across runs. Key types whose only built-in
 * form would be Java serialization are refused unless that form is canonical (enums, {@code UUID},
 * {@code BigInteger}, {@code BigDecimal}, {@code java.time} values); records are keys component by
 * component. {@code null} keys and values are
 * refused ({@link NullPointerException}), as {@code ConcurrentMap} requires.
 *
 * <p>Thread-safety and processes: every method is safe to call from any thread, and several
 * processes may open the same directory. Single-key operations ({@code get}, {@code put},
 * {@code putIfAbsent}, {@code remove}, {@code replace}, {@code computeIfAbsent}) are atomic;
 * {@code compute}, {@code computeIfPresent}, {@code merge} and {@code replaceAll} are
 * compare-and-set loops on the stored value: atomic, with the function run again if another writer
 * changed the value meanwhile, and free to change the decoded copy it is given. Values passed to
 * the conditional {@code remove} and {@code replace} are compared by {@code equals}, as
 * {@code ConcurrentMap} specifies, never by their encoded bytes. Iteration and {@code size()} are weakly
 * consistent. Memory-consistency effects: a {@code put} happens-before a {@code get} that returns
 * its value, in this process; other processes see it once the call has returned.
 *
 * <p>Durability: an entry whose {@code put} returned survives the process being killed; the
 * files are flushed by the operating system (call nothing to persist). A directory left by a
 * killed process is recovered when it is next opened with no process using it.
 *
 * <p>Growth and damage: a key's file is found from its hash and a file that fills splits in two
 * (docs/format.md), so every operation touches one file. Files that were damaged are refused with
 * a {@link DiskFormatException} naming the file — never opened as a partial view; {@link #recover}
 * saves the intact entries into a new directory. Two {@code open}s of one directory in one JVM
 * share the files; closing one leaves the other open.
 *
 * <p>After {@link #close()} every method throws {@link IllegalStateException}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class DiskDict<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V>, AutoCloseable {

    static final String FORMAT = "deco.DiskDict";

    private final StoreHandle store;
    private final Representation<K> keys;
    private final Representation<V> values;
    private final Class<K> keyType;
    private final Class<V> valueType;
    private final boolean readOnly;

    private DiskDict(StoreHandle store, Representation<K> keys, Representation<V> values, boolean readOnly) {
        this.store = store;
        this.readOnly = readOnly;
        this.keys = keys;
        this.values = values;
        this.keyType = keys.codec().type();
        this.valueType = values.codec().type();
    }

    /**
     * Creates the dictionary in {@code directory}, or reopens it, with the built-in codecs.
     *
     * @param directory the directory that holds the dictionary (created if missing)
     * @param keyType   the key class
     * @param valueType the value class; {@code Object.class} accepts a mix of built-in types
     * @param <K>       the key type
     * @param <V>       the value type
     * @return the open dictionary; close it when done
     * @throws IllegalArgumentException if the dictionary holds other types (the message names both;
     *                                  nothing is changed), or a type has no built-in codec (for
     *                                  the key type: no canonical one, {@link Codec#forKey})
     * @throws IllegalStateException    if the path is not a deco DiskDict or its files are damaged
     *                                  ({@link DiskFormatException}), or the JVM lacks a flag or jar
     *                                  Chronicle needs ({@link JvmSetupException}; nothing is created)
     * @throws java.io.UncheckedIOException if the directory cannot be created or written
     */
    public static <K, V> DiskDict<K, V> open(Path directory, Class<K> keyType, Class<V> valueType) {
        return builder(directory, keyType, valueType).open();
    }

    /**
     * A builder for the options {@link #open} leaves at their defaults.
     *
     * @param directory the directory that holds the dictionary
     * @param keyType   the key class
     * @param valueType the value class
     * @param <K>       the key type
     * @param <V>       the value type
     * @return the builder
     */
    public static <K, V> Builder<K, V> builder(Path directory, Class<K> keyType, Class<V> valueType) {
        return new Builder<>(directory, keyType, valueType);
    }

    static <K, V> DiskDict<K, V> open(Builder<K, V> options, String format) {
        Codec<K> keyCodec = options.keyCodec != null ? options.keyCodec : Codec.forKey(options.keyType);
        Codec<V> valueCodec = options.valueCodec != null ? options.valueCodec : Codec.forType(options.valueType);
        Representation<K> keys = Representation.ofKeys(keyCodec);
        Representation<V> values = Representation.ofValues(valueCodec);
        Manifest manifest = Manifest.requested(format, options.keyType.getName(), keyCodec.id(),
                options.valueType.getName(), valueCodec.id(), options.averageKeySize, options.averageValueSize,
                options.initialCapacity);
        return new DiskDict<>(OpenStores.open(options.directory, manifest, keys.storedClass(), values.storedClass(),
                options.readOnly, store -> { }), keys, values, options.readOnly);
    }

    /**
     * Saves what is intact of a damaged dictionary into a new directory, leaving the damaged one
     * as it was. Use it when {@link #open} refuses a dictionary as damaged ({@link DiskFormatException});
     * the sizing options of the damaged dictionary are kept.
     *
     * {@snippet :
     * Salvage salvage = DiskDict.recover(Path.of("names.deco"), Path.of("names-saved.deco"), Long.class, String.class);
     * System.out.println(salvage.saved() + " saved, " + salvage.lost() + " lost: " + salvage.problems());
     * }
     *
     * @param damaged   the damaged dictionary
     * @param target    a directory that holds no collection yet
     * @param keyType   the key class
     * @param valueType the value class
     * @param <K>       the key type
     * @param <V>       the value type
     * @return what was saved and what was lost
     * @throws IllegalArgumentException if the types differ from the damaged dictionary's, or
     *                                  {@code target} already holds a collection
     * @throws DiskFormatException      if {@code damaged} has no readable manifest
     */
    public static <K, V> Salvage recover(Path damaged, Path target, Class<K> keyType, Class<V> valueType) {
        return recover(damaged, builder(target, keyType, valueType));
    }

    /**
     * As {@link #recover(Path, Path, Class, Class)}, with the codecs of {@code target}.
     *
     * @param damaged the damaged dictionary
     * @param target  the options of the new dictionary (its sizing options are taken from the damaged one)
     * @param <K>     the key type
     * @param <V>     the value type
     * @return what was saved and what was lost
     */
    public static <K, V> Salvage recover(Path damaged, Builder<K, V> target) {
        Manifest found = Manifest.read(damaged.toAbsolutePath().normalize());
        if (java.nio.file.Files.exists(target.directory.resolve(Manifest.FILE))) {
            throw new IllegalArgumentException(target.directory + " already holds a collection; recover into a new"
                    + " directory");
        }
        target.averageKeySize(found.averageKeySize()).averageValueSize(found.averageValueSize())
                .initialCapacity(found.initialCapacity());
        try (DiskDict<K, V> out = open(target, FORMAT)) {
            found.checkCompatible(out.store.store().manifest(), damaged);
            java.util.List<String> problems = new java.util.ArrayList<>();
            Salvager.Tally counts = Salvager.salvage(damaged, out.keys.storedClass(), out.values.storedClass(),
                    (key, value) -> out.keep(key, value, problems), problems);
            return new Salvage(damaged, target.directory, counts.saved(), counts.lost(), counts.incompleteParts(),
                    problems);
        }
    }

    /** Keeps a salvaged stored entry if it decodes and its key is not saved yet (from a newer part). */
    private Salvager.Kept keep(Object storedKey, Object storedValue, java.util.List<String> problems) {
        try {
            keys.fromStored(storedKey);
            values.fromStored(storedValue);
        } catch (RuntimeException undecodable) {
            problems.add("an entry does not decode: " + undecodable);
            return Salvager.Kept.LOST;
        }
        return Salvager.keepFirst(store.store(), storedKey, storedValue);
    }

    @Override
    public V get(Object key) {
        Object stored = keys.toStoredOrNull(Objects.requireNonNull(key, "key"));
        return stored == null ? checkedMiss() : values.fromStored(store.store().get(stored));
    }

    @Override
    public boolean containsKey(Object key) {
        Object stored = keys.toStoredOrNull(Objects.requireNonNull(key, "key"));
        return stored == null ? checkedMiss() != null : store.store().containsKey(stored);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException     if the key or value is null
     * @throws ClassCastException       if the key or value is not of the dictionary's types
     * @throws IllegalArgumentException if the codec cannot encode the key or value (nothing is
     *                                  written)
     */
    @Override
    public V put(K key, V value) {
        checkWritable();
        return values.fromStored(store.store().put(storedKey(key), storedValue(value, "value")));
    }

    /**
     * Copies every entry of {@code map}, as {@code put} does for each. Every key and value is
     * checked for {@code null} and for the dictionary's types first, so such a bad entry anywhere
     * in {@code map} writes nothing at all. Not atomic otherwise: a value the codec cannot encode,
     * or a failure of the store, stops the copy at that entry, the entries before it written.
     *
     * @throws NullPointerException     if a key or value is null (nothing is written)
     * @throws ClassCastException       if a key or value is not of the dictionary's types (nothing
     *                                  is written)
     * @throws IllegalArgumentException if the codec cannot encode a key or value (the entries
     *                                  before it are written)
     */
    @Override
    public void putAll(Map<? extends K, ? extends V> map) {
        checkWritable();
        for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
            keyType.cast(Objects.requireNonNull(entry.getKey(), "key"));
            valueType.cast(Objects.requireNonNull(entry.getValue(), () -> "the value of key " + entry.getKey()));
        }
        for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
            store.store().put(storedKey(entry.getKey()), storedValue(entry.getValue(), "value"));
        }
    }

    @Override
    public V putIfAbsent(K key, V value) {
        checkWritable();
        return values.fromStored(store.store().putIfAbsent(storedKey(key), storedValue(value, "value")));
    }

    @Override
    public V remove(Object key) {
        checkWritable();
        Object stored = keys.toStoredOrNull(Objects.requireNonNull(key, "key"));
        return stored == null ? checkedMiss() : values.fromStored(store.store().remove(stored));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The stored value is compared with {@code equals} ({@code byte[]} values by content), as
     * {@code ConcurrentMap} specifies, not by its encoded bytes: an equal value removes the entry
     * even if its encoding differs (a {@code HashSet} of another capacity). It is decoded only if
     * its bytes differ from the given value's (equal bytes are equal values: codecs are lossless).
     */
    @Override
    public boolean remove(Object key, Object value) {
        checkWritable();
        Object storedKey = keys.toStoredOrNull(Objects.requireNonNull(key, "key"));
        if (storedKey == null || value == null) {
            return checkedMiss() != null;
        }
        return ifHolds(storedKey, value, current -> store.store().remove(storedKey, current));
    }

    @Override
    public V replace(K key, V value) {
        checkWritable();
        return values.fromStored(store.store().replace(storedKey(key), storedValue(value, "value")));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The stored value is compared with {@code oldValue} by {@code equals}, as in
     * {@link #remove(Object, Object)}.
     */
    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        checkWritable();
        Object storedKey = storedKey(key);
        Objects.requireNonNull(oldValue, "oldValue");
        Object storedNew = storedValue(newValue, "newValue");
        return ifHolds(storedKey, oldValue, current -> store.store().replace(storedKey, current, storedNew));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Atomic as a compare-and-set on the stored value: the function is applied to the value
     * as read, and the result is written only if the stored value is still the one read;
     * otherwise the function is applied again to the new value. So the function may run more
     * than once under contention, and may change the value it is given (it is a decoded copy)
     * without the call looping. Never holds a lock while the function runs.
     *
     * @throws IllegalArgumentException if the codec cannot encode the key or the function's
     *                                  result (nothing is written)
     */
    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        Objects.requireNonNull(remapping, "remapping");
        return remap(key, false, remapping);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A compare-and-set on the stored value, as {@link #compute}.
     */
    @Override
    public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        Objects.requireNonNull(remapping, "remapping");
        return remap(key, true, remapping);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A compare-and-set on the stored value, as {@link #compute}.
     */
    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(remapping, "remapping");
        return remap(key, false, (k, current) -> current == null ? value : remapping.apply(current, value));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each entry is replaced by a compare-and-set on its stored value, as {@link #compute};
     * entries added or removed meanwhile may or may not be seen (weakly consistent iteration).
     *
     * @throws NullPointerException if the function returns null (entries replaced before stay
     *                              replaced)
     */
    @Override
    public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
        checkWritable();
        Objects.requireNonNull(function, "function");
        Iterator<Entry<Object, Object>> entries = storedEntries();
        while (entries.hasNext()) {
            Entry<Object, Object> entry = entries.next();
            K key = keys.fromStored(entry.getKey());
            Object current = entry.getValue();
            while (current != null) {
                V next = Objects.requireNonNull(function.apply(key, values.fromStored(current)),
                        "replaceAll's function returned null");
                if (commit(entry.getKey(), current, next)) {
                    break;
                }
                current = store.store().get(entry.getKey());
            }
        }
    }

    /**
     * Applies {@code next} to the key's value as read and writes the result (null: removes),
     * again if another writer changed the stored value meanwhile.
     */
    private V remap(K key, boolean onlyIfPresent, BiFunction<? super K, ? super V, ? extends V> next) {
        checkWritable();
        Object storedKey = storedKey(key);
        while (true) {
            Object current = store.store().get(storedKey);
            if (current == null && onlyIfPresent) {
                return null;
            }
            V result = next.apply(key, values.fromStored(current));
            if (commit(storedKey, current, result)) {
                return result;
            }
        }
    }

    /**
     * Replaces the stored value read ({@code current}; null: absent) by {@code next} (null: none).
     *
     * @return false if the stored value is no longer {@code current}: nothing was written
     */
    private boolean commit(Object storedKey, Object current, V next) {
        if (next == null) {
            return current == null || store.store().remove(storedKey, current);
        }
        Object storedNext = storedValue(next, "value");
        return current == null ? store.store().putIfAbsent(storedKey, storedNext) == null
                : store.store().replace(storedKey, current, storedNext);
    }

    /**
     * Applies {@code write} to the key's stored value while that value equals {@code value}: the
     * same stored form, or else {@code equals} of the decoded value ({@code byte[]} by content).
     *
     * @param write a write conditional on the stored form it is given
     * @return false if the key is absent or its value is not equal (nothing written)
     */
    private boolean ifHolds(Object storedKey, Object value, Predicate<Object> write) {
        Object given = values.toStoredOrNull(value);
        while (true) {
            Object current = store.store().get(storedKey);
            if (current == null) {
                return false;
            }
            boolean equal = given != null && HashedStore.sameContent(current, given) // no decode needed
                    || HashedStore.sameContent(values.fromStored(current), value);
            if (!equal) {
                return false;
            }
            if (write.test(current)) {
                return true;
            } // the stored value changed since it was read: compare again
        }
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, store.store().size());
    }

    /**
     * {@return the number of entries, which may exceed {@code Integer.MAX_VALUE}}
     */
    public long longSize() {
        return store.store().size();
    }

    @Override
    public boolean isEmpty() {
        return store.store().size() == 0;
    }

    @Override
    public void clear() {
        checkWritable();
        store.store().clear();
    }

    /**
     * {@inheritDoc}
     *
     * <p>A live view: {@code contains} and {@code remove} are keyed operations ({@code get} and
     * the conditional {@code remove(key, value)}), {@code removeAll} removes each given entry that
     * way, and an entry's {@code setValue} writes through. Weakly consistent iteration.
     */
    @Override
    public Set<Entry<K, V>> entrySet() {
        return new DictEntries<>(this);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A live view: {@code contains} and {@code remove} are keyed operations (one file touched,
     * no value decoded), {@code removeAll} removes each given key, and iteration decodes keys
     * only. Weakly consistent iteration.
     */
    @Override
    public Set<K> keySet() {
        return new DictKeys<>(this);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A live view. Finding a value is a scan (values are not keys); a found entry is removed
     * with the conditional {@code remove(key, value)}, so an entry changed meanwhile stays.
     * {@code removeAll} and {@code retainAll} make one pass. Weakly consistent iteration.
     */
    @Override
    public Collection<V> values() {
        return new DictValues<>(this);
    }

    /** A scan that decodes values only. */
    @Override
    public boolean containsValue(Object value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        Iterator<Entry<Object, Object>> stored = storedEntries();
        while (stored.hasNext()) {
            if (value.equals(decodeValue(stored.next().getValue()))) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------ for the views (DictKeys, ...)

    /** {@return the stored entries, weakly consistent} */
    Iterator<Entry<Object, Object>> storedEntries() {
        return store.store().iterator();
    }

    /** {@return the stored keys, weakly consistent; values are not read} */
    Iterator<Object> storedKeys() {
        return store.store().keyIterator();
    }

    K decodeKey(Object stored) {
        return keys.fromStored(stored);
    }

    V decodeValue(Object stored) {
        return values.fromStored(stored);
    }

    /** {@return whether {@code key} was there}; its value is not decoded */
    boolean removeKey(Object key) {
        checkWritable();
        Object stored = keys.toStoredOrNull(Objects.requireNonNull(key, "key"));
        return stored == null ? checkedMiss() != null : store.store().remove(stored) != null;
    }

    void removeStoredKey(Object storedKey) {
        checkWritable();
        store.store().remove(storedKey);
    }

    /** {@return whether the entry was there with that value, and is now removed} */
    boolean removeStored(Object storedKey, Object storedValue) {
        checkWritable();
        return store.store().remove(storedKey, storedValue);
    }

    /** {@return the directory holding the dictionary} */
    public Path directory() {
        return store.directory();
    }

    /** {@return the key class} */
    public Class<K> keyType() {
        return keyType;
    }

    /** {@return the value class} */
    public Class<V> valueType() {
        return valueType;
    }

    /** {@return how many Chronicle Map files hold the entries (it grows as the dictionary does)} */
    public int partCount() {
        return store.store().partCount();
    }

    /**
     * Closes the files. Idempotent. Entries are already on disk; closing only releases the mappings.
     */
    @Override
    public void close() {
        store.close();
    }

    /**
     * Names the directory, the types and the size, e.g. {@code DiskDict[/data/names.deco, Long -> String,
     * 42 entries]}, or {@code DiskDict[/data/names.deco, closed]}; it never lists the entries, which
     * need not fit in memory (unlike {@code AbstractMap.toString}). {@link DiskList} does the same.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return store.isClosed() ? "DiskDict[" + store.directory() + ", closed]"
                : "DiskDict[" + store.directory() + ", " + keyType.getSimpleName() + " -> "
                + valueType.getSimpleName() + ", " + longSize() + " entries]";
    }

    /** {@return whether this instance was opened read-only} */
    public boolean isReadOnly() {
        return readOnly;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new UnsupportedOperationException("this DiskDict at " + store.directory() + " was opened read-only");
        }
    }

    /** A key or value of another type cannot be present; still fail on a closed dictionary. */
    private V checkedMiss() {
        store.store();
        return null;
    }

    private Object storedKey(K key) {
        return keys.toStored(Objects.requireNonNull(key, "key"));
    }

    private Object storedValue(V value, String name) {
        return values.toStored(Objects.requireNonNull(value, name));
    }

    /**
     * Options of {@link DiskDict}. Not thread-safe; each {@link #open()} opens a new instance.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {
        final Path directory;
        final Class<K> keyType;
        final Class<V> valueType;
        Codec<K> keyCodec;
        Codec<V> valueCodec;
        double averageKeySize = 16;
        double averageValueSize = 64;
        long initialCapacity = 1 << 16;
        boolean readOnly;

        Builder(Path directory, Class<K> keyType, Class<V> valueType) {
            this.directory = Objects.requireNonNull(directory, "directory");
            this.keyType = Objects.requireNonNull(keyType, "keyType");
            this.valueType = Objects.requireNonNull(valueType, "valueType");
        }

        /**
         * Sets how keys are encoded.
         *
         * @param codec the key codec (default: {@link Codec#forKey} of the key type); it must be
         *              canonical (equal keys, equal bytes: keys are found by their bytes), and its
         *              id is stored and checked on reopen
         * @return this builder
         */
        public Builder<K, V> keyCodec(Codec<K> codec) {
            this.keyCodec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Sets how values are encoded.
         *
         * @param codec the value codec (default: {@link Codec#forType} of the value type)
         * @return this builder
         */
        public Builder<K, V> valueCodec(Codec<V> codec) {
            this.valueCodec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Sets the average encoded key size, a sizing hint.
         *
         * @param bytes the average encoded key size, a sizing hint for variable-size keys (default
         *              16); fixed for a new dictionary, ignored on reopen
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder<K, V> averageKeySize(double bytes) {
            this.averageKeySize = positive(bytes, "averageKeySize");
            return this;
        }

        /**
         * Sets the average encoded value size, a sizing hint.
         *
         * @param bytes the average encoded value size (default 64); fixed for a new dictionary
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder<K, V> averageValueSize(double bytes) {
            this.averageValueSize = positive(bytes, "averageValueSize");
            return this;
        }

        /**
         * Sets how many entries each part file is created for: the size hint, as Chronicle Map's
         * {@code entries}. A part grows past it by Chronicle's extra tiers and splits in two when
         * those fill (decision 011), so no hint is needed; but every split copies the part, and a
         * fill from empty copies each entry once or twice on the way (decision 023). A dictionary
         * whose final size is known is fastest created for it: one part, no split.
         *
         * {@snippet :
         * DiskDict<Long, Long> counts = DiskDict.builder(dir, Long.class, Long.class)
         *         .initialCapacity(10_000_000) // filled to 10 M without a split
         *         .open();
         * }
         *
         * @param entries entries per part (default 65,536); a part takes the disk of its whole capacity
         *                from its creation on (Chronicle allocates it up front: about 29 bytes an
         *                entry for {@code Long → Long}).
         *                Fixed when the dictionary is created, ignored on reopen.
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder<K, V> initialCapacity(long entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("initialCapacity must be 1 or more, was " + entries);
            }
            this.initialCapacity = entries;
            return this;
        }

        /**
         * Opens an existing dictionary for reading only: every mutating method throws
         * {@link UnsupportedOperationException}, and nothing is created. Other processes may write
         * it meanwhile; this instance sees their entries.
         *
         * @return this builder
         */
        public Builder<K, V> readOnly() {
            this.readOnly = true;
            return this;
        }

        /**
         * Creates or reopens the dictionary.
         *
         * @return the open dictionary
         * @throws IllegalArgumentException as {@link DiskDict#open}
         * @throws IllegalStateException    as {@link DiskDict#open}
         */
        public DiskDict<K, V> open() {
            return DiskDict.open(this, FORMAT);
        }

        private static double positive(double value, String name) {
            if (!(value > 0)) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
