package deco.memory.store;

import deco.memory.DiskFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.hash.locks.InterProcessLock;
import net.openhft.chronicle.hash.locks.InterProcessReadWriteUpdateLock;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * The parts this JVM has open for one collection, retired ones included (readers may still be in
 * them until the store closes), and a routing table per layout epoch that maps every bucket to its
 * open part, so that an operation finds its part without a lookup or an allocation.
 *
 * <p>Thread-safe: the map of open parts is concurrent, a part is opened once, and the routing
 * table is rebuilt whole and published through a volatile field.
 */
final class OpenParts {

    private final Path directory;
    private final Layout layout;
    private final PartFiles files;
    private final Runnable checkOpen;
    private final Map<PartId, ChronicleMap<Object, Object>> open = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile Routing routing = new Routing(-1, 0, null, null);

    /**
     * The open part, and its id, of every bucket of one layout epoch: what an operation needs to
     * find its part without a lookup or an allocation.
     */
    record Routing(long epoch, long mask, ChronicleMap<Object, Object>[] buckets, PartId[] ids) {

        /** @return the open part holding keys of this hash */
        ChronicleMap<Object, Object> part(long hash) {
            return buckets[(int) (hash & mask)];
        }

        /** @return the id of {@link #part}'s part */
        PartId id(long hash) {
            return ids[(int) (hash & mask)];
        }
    }

    /**
     * @param checkOpen throws the store's exception for a closed collection
     */
    OpenParts(Path directory, Layout layout, PartFiles files, Runnable checkOpen) {
        this.directory = directory;
        this.layout = layout;
        this.files = files;
        this.checkOpen = checkOpen;
    }

    /**
     * @return the open part holding keys of this hash in {@code epoch}, from the routing table of
     * that epoch (built once per epoch); or null if the epoch moved on (the caller retries)
     */
    ChronicleMap<Object, Object> route(long epoch, long hash) {
        Routing current = routing(epoch);
        return current == null ? null : current.part(hash);
    }

    /**
     * @return the routing table of {@code epoch} (built once per epoch), or null if the epoch moved
     * on (the caller retries)
     */
    Routing routing(long epoch) {
        Routing current = routing;
        if (current.epoch != epoch) {
            current = buildRouting(epoch);
            if (current == null) {
                return null;
            }
        }
        if (closed) {
            checkOpen.run();
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private Routing buildRouting(long epoch) {
        int global = layout.globalDepth(epoch);
        ChronicleMap<Object, Object>[] buckets = new ChronicleMap[1 << global];
        PartId[] ids = new PartId[buckets.length];
        for (int bucket = 0; bucket < buckets.length; bucket++) {
            int depth = Math.clamp(layout.depth(epoch, bucket), 0, global);
            PartId id = new PartId(depth, (int) (bucket & ((1L << depth) - 1)));
            ChronicleMap<Object, Object> part = part(epoch, id);
            if (part == null) {
                return null;
            }
            buckets[bucket] = part;
            ids[bucket] = id;
        }
        if (layout.epoch() != epoch) {
            return null; // read while the slot changed
        }
        Routing built = new Routing(epoch, buckets.length - 1L, buckets, ids);
        routing = built;
        return built;
    }

    /**
     * @return the open part, or null if its file is gone because the epoch moved on (the caller
     * retries)
     * @throws DiskFormatException if the layout names a part whose file is missing
     */
    ChronicleMap<Object, Object> part(long epoch, PartId id) {
        ChronicleMap<Object, Object> part = open.get(id);
        if (part != null) {
            if (closed) {
                checkOpen.run();
            }
            return part;
        }
        checkOpen.run();
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
    RecoveryReport recoverLive() {
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
        Set<PartId> retired = new HashSet<>();
        for (PartId id : layout.parts(layout.epoch())) {
            for (PartId p = id.parent(); p != null && retired.add(p); p = p.parent()) {
                // every ancestor was split
            }
        }
        for (PartId id : retired) {
            discard(id);
            files.delete(id);
        }
    }

    /** @return the open live parts of {@code epoch}, or an empty list if the epoch moved on (retry) */
    List<ChronicleMap<Object, Object>> live(long epoch) {
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

    /** @param id a new part, created by a split */
    void add(PartId id, ChronicleMap<Object, Object> part) {
        open.put(id, part);
    }

    /** Closes and forgets a part no reader can reach (an unpublished child, a deleted retired part). */
    void discard(PartId id) {
        ChronicleMap<Object, Object> part = open.remove(id);
        if (part != null) {
            part.close();
        }
    }

    /**
     * Takes and releases the update lock of every segment of every open part, so that every write
     * that held one has finished; for the {@link ExitHook}.
     *
     * @param deadline {@link System#nanoTime()} after which a lock is tried only once
     * @return how many segments stayed locked past the deadline
     */
    int awaitWritesInFlight(long deadline) {
        int stuck = 0;
        for (ChronicleMap<Object, Object> part : open.values()) {
            for (int segment = 0; segment < part.segments(); segment++) {
                try (var context = part.segmentContext(segment)) {
                    // Chronicle's segment contexts are its segment locks (public type, not declared)
                    InterProcessLock update = ((InterProcessReadWriteUpdateLock) context).updateLock();
                    long wait = Math.max(0, deadline - System.nanoTime());
                    if (update.tryLock(wait, TimeUnit.NANOSECONDS)) {
                        update.unlock();
                    } else {
                        stuck++;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return stuck + 1;
                } catch (RuntimeException closed) {
                    break; // the part was closed meanwhile: nobody writes to it
                }
            }
        }
        return stuck;
    }

    /** Closes every part; by the store when the last user leaves. */
    void closeAll() {
        closed = true;
        for (ChronicleMap<Object, Object> part : open.values()) {
            part.close();
        }
        open.clear();
    }
}
