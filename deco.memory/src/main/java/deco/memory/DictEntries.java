package deco.memory;

import java.util.AbstractMap.SimpleEntry;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Objects;

/**
 * {@link DiskDict#entrySet()}: a live view whose {@code contains} and {@code remove} are keyed
 * operations ({@code get} and the conditional {@code remove(key, value)}), whose {@code removeAll}
 * removes each given entry that way, and whose entries write through {@code setValue}.
 * Thread-safe and weakly consistent, as the dictionary.
 */
final class DictEntries<K, V> extends AbstractSet<Entry<K, V>> {

    private final DiskDict<K, V> dict;

    DictEntries(DiskDict<K, V> dict) {
        this.dict = dict;
    }

    @Override
    public Iterator<Entry<K, V>> iterator() {
        return new ViewIterator<Map.Entry<Object, Object>, Entry<K, V>>(dict.storedEntries(),
                e -> new DictEntry(dict.decodeKey(e.getKey()), dict.decodeValue(e.getValue())),
                e -> dict.removeStoredKey(e.getKey()));
    }

    @Override
    public int size() {
        return dict.size();
    }

    @Override
    public boolean isEmpty() {
        return dict.isEmpty();
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof Entry<?, ?> e && e.getKey() != null && e.getValue() != null
                && e.getValue().equals(dict.get(e.getKey()));
    }

    @Override
    public boolean remove(Object o) {
        return o instanceof Entry<?, ?> e && e.getKey() != null && e.getValue() != null
                && dict.remove(e.getKey(), e.getValue());
    }

    /** Removes each entry of {@code entries} that is in the dictionary: one keyed removal each. */
    @Override
    public boolean removeAll(Collection<?> entries) {
        Objects.requireNonNull(entries, "entries");
        boolean changed = false;
        for (Object entry : entries) {
            changed |= remove(entry);
        }
        return changed;
    }

    @Override
    public void clear() {
        dict.clear();
    }

    /** An entry whose {@code setValue} writes through. */
    private final class DictEntry extends SimpleEntry<K, V> {
        private static final long serialVersionUID = 1L;

        DictEntry(K key, V value) {
            super(key, value);
        }

        @Override
        public V setValue(V value) {
            V previous = super.setValue(value);
            dict.put(getKey(), value);
            return previous;
        }
    }
}
