package deco.memory.store;

import java.nio.file.Path;

/**
 * One user's hold on a shared {@link HashedStore}: {@code DiskDict} or {@code DiskList} instances
 * on the same directory in one JVM share the store, each closing its own handle.
 */
public final class StoreHandle implements AutoCloseable {

    private final HashedStore store;
    private final String what;
    private volatile boolean closed;

    StoreHandle(HashedStore store, String what) {
        this.store = store;
        this.what = what;
    }

    /**
     * @return the store
     * @throws IllegalStateException if this handle is closed
     */
    public HashedStore store() {
        if (closed) {
            throw new IllegalStateException("this deco " + what + " at " + store.directory() + " is closed");
        }
        return store;
    }

    /** @return the directory, also after closing */
    public Path directory() {
        return store.directory();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** Releases this hold; the last one closes the files. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            OpenStores.release(store);
        }
    }
}
