package deco.memory.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.memory.DiskDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decision 027: the parts of a version-3 collection have staggered sizes; version 2 keeps uniform ones. */
@DisplayName("PartSizing: staggered part sizes, and uniform ones for collections written before")
class PartSizingTest {

    @TempDir
    Path temp;

    private static Manifest manifest(int version, long initialCapacity) {
        return new Manifest("deco.DiskDict", "java.lang.Long", "deco:long", "java.lang.Long", "deco:long", 8, 8,
                initialCapacity, version, 1);
    }

    /** Every part of depth 0 to {@code maxDepth}. */
    private static List<PartId> parts(int maxDepth) {
        List<PartId> all = new ArrayList<>();
        for (int depth = 0; depth <= maxDepth; depth++) {
            for (int bits = 0; bits < 1 << depth; bits++) {
                all.add(new PartId(depth, bits));
            }
        }
        return all;
    }

    @Test
    @DisplayName("version 2: every part is created for initialCapacity entries")
    void uniform() {
        PartSizing sizing = PartSizing.of(manifest(2, 65_536));
        for (PartId part : parts(8)) {
            assertEquals(65_536, sizing.entries(part), part.toString());
        }
    }

    @Test
    @DisplayName("version 3: the root is the size hint; a child is never smaller than its parent, so it starts at most half full")
    void childrenNeverSmaller() {
        for (long hint : new long[] {1, 1_000, 65_536, PartSizing.TARGET, 10_000_000}) {
            PartSizing sizing = PartSizing.of(manifest(3, hint));
            assertEquals(hint, sizing.entries(new PartId(0, 0)));
            for (PartId part : parts(10)) {
                for (PartId child : part.children()) {
                    assertTrue(sizing.entries(child) >= sizing.entries(part),
                            hint + ": " + child + " " + sizing.entries(child) + " < " + part + " " + sizing.entries(part));
                }
            }
        }
    }

    @Test
    @DisplayName("version 3: the sizes of one depth spread evenly over a factor of two, so parts fill at different times")
    void staggered() {
        PartSizing sizing = PartSizing.of(manifest(3, PartSizing.TARGET));
        int depth = 6;
        TreeSet<Long> sizes = new TreeSet<>();
        for (int bits = 0; bits < 1 << depth; bits++) {
            long entries = sizing.entries(new PartId(depth, bits));
            assertTrue(entries >= PartSizing.TARGET && entries < 2 * PartSizing.TARGET, "size " + entries);
            sizes.add(entries);
        }
        assertEquals(1 << depth, sizes.size(), "every part of the depth has its own size");
        long previous = sizes.first();
        for (long size : sizes.tailSet(sizes.first(), false)) { // consecutive sizes differ by a factor 2^(1/64)
            double step = (double) size / previous;
            assertTrue(Math.abs(step - Math.pow(2, 1.0 / (1 << depth))) < 1e-4, "step " + step);
            previous = size;
        }
        Set<Double> fractions = new HashSet<>();
        for (int bits = 0; bits < 4; bits++) {
            fractions.add(PartSizing.fraction(new PartId(2, bits)));
        }
        assertEquals(Set.of(0.0, 0.25, 0.5, 0.75), fractions);
    }

    @Test
    @DisplayName("version 3: small hints double with depth up to the target, then stop")
    void growsToTarget() {
        PartSizing sizing = PartSizing.of(manifest(3, 1_000));
        assertEquals(2_000, sizing.entries(new PartId(1, 0)));
        assertEquals(4_000, sizing.entries(new PartId(2, 0)));
        assertEquals(PartSizing.TARGET, sizing.entries(new PartId(12, 0)));
        assertEquals(PartSizing.TARGET, sizing.entries(new PartId(16, 0)));
    }

    @Test
    @DisplayName("a version-2 collection keeps opening and growing with uniform parts; its manifest stays version 2")
    void versionTwoKeepsItsSizes() throws IOException {
        Path dir = temp.resolve("v2");
        try (DiskDict<Long, Long> dict = DiskDict.builder(dir, Long.class, Long.class).initialCapacity(500).open()) {
            dict.put(-1L, -1L);
        }
        // the root part is the same file either version makes: the directory is one a version-2 deco wrote
        Path manifest = dir.resolve(Manifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("version=3", "version=2"));
        assertEquals(2, Manifest.read(dir).version());
        try (DiskDict<Long, Long> dict = DiskDict.open(dir, Long.class, Long.class)) {
            for (long key = 0; key < 5_000; key++) {
                dict.put(key, key * 3);
            }
            assertTrue(dict.partCount() >= 4, "split into " + dict.partCount() + " parts");
        }
        assertEquals(2, Manifest.read(dir).version());
        assertEquals(1, partFileLengths(dir).size(), "uniform parts: one file length " + partFileLengths(dir));
        try (DiskDict<Long, Long> dict = DiskDict.open(dir, Long.class, Long.class)) {
            assertEquals(5_001, dict.size());
            assertEquals(-1L, dict.get(-1L));
            for (long key = 0; key < 5_000; key++) {
                assertEquals(key * 3, dict.get(key));
            }
        }
    }

    @Test
    @DisplayName("a new collection is version 3 and its parts after splits have different sizes")
    void newCollectionsAreStaggered() throws IOException {
        Path dir = temp.resolve("v3");
        try (DiskDict<Long, Long> dict = DiskDict.builder(dir, Long.class, Long.class).initialCapacity(500).open()) {
            for (long key = 0; key < 20_000; key++) {
                dict.put(key, key);
            }
            assertTrue(dict.partCount() >= 4, "split into " + dict.partCount() + " parts");
        }
        assertEquals(3, Manifest.read(dir).version());
        assertTrue(partFileLengths(dir).size() > 1, "staggered parts: file lengths " + partFileLengths(dir));
        try (DiskDict<Long, Long> dict = DiskDict.open(dir, Long.class, Long.class)) {
            assertEquals(20_000, dict.size());
            for (long key = 0; key < 20_000; key++) {
                assertEquals(key, dict.get(key));
            }
        }
    }

    /** The distinct lengths of the live part files (retired ones are deleted when the last user closes). */
    private static Set<Long> partFileLengths(Path dir) throws IOException {
        Set<Long> lengths = new TreeSet<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                lengths.add(Files.size(file));
            }
        }
        return lengths;
    }
}
