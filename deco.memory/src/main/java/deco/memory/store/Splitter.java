package deco.memory.store;

import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;

/**
 * Splits a full part of a collection in two, and undoes a split whose process died (decision 011).
 * Every step runs under the collection's {@link StoreLock}: record the part in the layout, copy
 * its entries to the two children, publish the new layout, clear the record.
 */
final class Splitter {

    private final StoreLock lock;
    private final Layout layout;
    private final PartFiles files;
    private final OpenParts parts;
    private final Runnable checkOpen;

    Splitter(StoreLock lock, Layout layout, PartFiles files, OpenParts parts, Runnable checkOpen) {
        this.lock = lock;
        this.layout = layout;
        this.files = files;
        this.parts = parts;
        this.checkOpen = checkOpen;
    }

    /** Splits {@code id} if it is still live and due; under the store lock. */
    void split(PartId id) {
        try (StoreLock.Held ignored = lock.lockStructure()) {
            checkOpen.run();
            long epoch = layout.epoch();
            if (!layout.isLive(epoch, id)) {
                return;
            }
            ChronicleMap<Object, Object> part = parts.part(epoch, id);
            if (part == null || !PartFiles.splitDue(part)) {
                return;
            }
            layout.setSplitting(id);
            boolean published = false;
            try {
                PartId[] children = id.children();
                ChronicleMap<Object, Object> low = files.create(children[0]);
                ChronicleMap<Object, Object> high = files.create(children[1]);
                parts.add(children[0], low);
                parts.add(children[1], high);
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
     * Copies every entry of a part being split to the child its hash names, a segment at a time,
     * on this thread and on the {@link SegmentCopier}'s helper thread, which claim segments from one
     * counter. Iterating a segment takes its update lock, which writers hold while they check the
     * split record and write: so a write in flight finishes before its segment is copied, and every
     * write after that sees the record and waits.
     */
    private void copy(PartId id, ChronicleMap<Object, Object> part, ChronicleMap<Object, Object> low,
                      ChronicleMap<Object, Object> high) {
        SegmentCopier.copyAll(part.segments(), segment -> {
            try (var context = part.segmentContext(segment)) {
                context.forEachSegmentEntry(entry -> {
                    Data<Object> key = entry.key();
                    ChronicleMap<Object, Object> child = ((KeyHash.of(key.get()) >>> id.depth()) & 1) == 0 ? low : high;
                    try (ExternalMapQueryContext<Object, Object, ?> c = child.queryContext(key)) {
                        c.updateLock().lock();
                        c.insert(c.absentEntry(), entry.value());
                    }
                });
            }
        });
        if (low.longSize() + high.longSize() != part.longSize()) {
            throw new IllegalStateException("splitting " + files.file(id) + " copied " + (low.longSize()
                    + high.longSize()) + " of " + part.longSize() + " entries; the split was undone");
        }
    }

    /**
     * A writer found {@code id} being split: waits for the splitter (by taking the store lock); if
     * the record is still set then, the splitter died and the split is undone.
     */
    void awaitSplit(PartId id) {
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
                parts.discard(child);
                files.delete(child);
            }
        }
        layout.setSplitting(null);
    }

}
