package deco.memory;

import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.Map;

/**
 * {@link DiskDict#values()}: a live view. A value is not a key, so finding one is a scan; a scan
 * that finds it removes that entry with the keyed, conditional {@code remove(key, value)} (an
 * entry changed meanwhile is left alone and the scan goes on), and {@code removeAll}/{@code
 * retainAll} make one pass. Thread-safe and weakly consistent, as the dictionary.
 */
final class DictValues<V> extends AbstractCollection<V> {

    private final DiskDict<?, V> dict;

    DictValues(DiskDict<?, V> dict) {
        this.dict = dict;
    }

    @Override
    public Iterator<V> iterator() {
        return new ViewIterator<Map.Entry<Object, Object>, V>(dict.storedEntries(), e -> dict.decodeValue(e.getValue()),
                e -> dict.removeStored(e.getKey(), e.getValue()));
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
    public boolean contains(Object value) {
        return dict.containsValue(value);
    }

    /** Removes one entry whose value equals {@code value}: a scan, then a keyed conditional removal. */
    @Override
    public boolean remove(Object value) {
        if (value == null) {
            return false;
        }
        Iterator<Map.Entry<Object, Object>> stored = dict.storedEntries();
        while (stored.hasNext()) {
            Map.Entry<Object, Object> entry = stored.next();
            if (value.equals(dict.decodeValue(entry.getValue())) && dict.removeStored(entry.getKey(), entry.getValue())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void clear() {
        dict.clear();
    }
}
