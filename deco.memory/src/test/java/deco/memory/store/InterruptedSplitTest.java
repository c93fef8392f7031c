package deco.memory.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import deco.memory.DiskDict;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A split whose process died leaves a record and half-made children; the next open undoes it. */
@DisplayName("HashedStore: a split interrupted by a crash is undone, nothing lost")
class InterruptedSplitTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("the record of a split and its children files left by a killed splitter: undone on the next open")
    void undone() throws Exception {
        Path dir = temp.resolve("d");
        try (DiskDict<Long, Long> dict = DiskDict.open(dir, Long.class, Long.class)) {
            for (long key = 0; key < 1_000; key++) {
                dict.put(key, key);
            }
        }
        Manifest manifest = Manifest.read(dir);
        PartId root = new PartId(0, 0);
        try (Layout layout = Layout.open(dir.resolve(Layout.FILE), manifest.id())) {
            layout.setSplitting(root); // as a splitter that died before publishing
        }
        for (PartId child : root.children()) { // half-made children
            Files.write(dir.resolve(child.fileName(manifest.id())), new byte[4096]);
        }
        try (DiskDict<Long, Long> dict = DiskDict.open(dir, Long.class, Long.class)) {
            assertEquals(1_000, dict.size());
            for (long key = 0; key < 1_000; key++) {
                assertEquals(key, dict.get(key));
            }
            dict.put(5_000L, 1L); // writes are not waiting for the dead splitter
        }
        for (PartId child : root.children()) {
            assertFalse(Files.exists(dir.resolve(child.fileName(manifest.id()))), child + " deleted");
        }
        try (Layout layout = Layout.open(dir.resolve(Layout.FILE), manifest.id())) {
            assertNull(layout.splitting());
        }
    }

    @Test
    @DisplayName("part ids: children split the parent's keys by the next hash bit, and encode round-trips")
    void partIds() {
        PartId p = new PartId(3, 5);
        PartId[] children = p.children();
        assertEquals(new PartId(4, 5), children[0]);
        assertEquals(new PartId(4, 13), children[1]);
        assertEquals(p, children[1].parent());
        assertEquals(p, PartId.decode(p.encode()));
    }
}
