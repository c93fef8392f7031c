package deco.memory;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;

/**
 * {@link DiskDict#keySet()}: a live view whose {@code contains} and {@code remove} are keyed
 * operations on the dictionary (one part touched, nothing decoded but the key), whose
 * {@code removeAll} removes each given key, and whose iteration decodes keys only. Thread-safe
 * and weakly consistent, as the dictionary.
 */
final class DictKeys<K> extends AbstractSet<K> {

    private final DiskDict<K, ?> dict;

    DictKeys(DiskDict<K, ?> dict) {
        this.dict = dict;
    }

    @Override
    public Iterator<K> iterator() {
        return new ViewIterator<>(dict.storedKeys(), dict::decodeKey, dict::removeStoredKey);
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
    public boolean contains(Object key) {
        return dict.containsKey(key);
    }

    @Override
    public boolean remove(Object key) {
        return dict.removeKey(key);
    }

    /** Removes each key of {@code keys}: one keyed removal per key, whatever the sizes. */
    @Override
    public boolean removeAll(Collection<?> keys) {
        Objects.requireNonNull(keys, "keys");
        boolean changed = false;
        for (Object key : keys) {
            changed |= dict.removeKey(key);
        }
        return changed;
    }

    @Override
    public void clear() {
        dict.clear();
    }
}
