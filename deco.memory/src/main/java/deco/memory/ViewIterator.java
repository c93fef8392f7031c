package deco.memory;

import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The iterator of a {@link DiskDict} view: walks the stored elements, decodes each one it returns,
 * and removes the last one through the dictionary (a keyed removal). Weakly consistent, as the
 * dictionary's iteration; not thread-safe (one iterator, one thread).
 *
 * @param <S> the stored element (a stored key, or a stored entry)
 * @param <T> what the view returns
 */
final class ViewIterator<S, T> implements Iterator<T> {

    private final Iterator<S> stored;
    private final Function<S, T> decode;
    private final Consumer<S> remove;
    private S last;

    ViewIterator(Iterator<S> stored, Function<S, T> decode, Consumer<S> remove) {
        this.stored = stored;
        this.decode = decode;
        this.remove = remove;
    }

    @Override
    public boolean hasNext() {
        return stored.hasNext();
    }

    @Override
    public T next() {
        S element = stored.next();
        last = element;
        return decode.apply(element);
    }

    @Override
    public void remove() {
        if (last == null) {
            throw new IllegalStateException("next() first");
        }
        remove.accept(last);
        last = null;
    }
}
