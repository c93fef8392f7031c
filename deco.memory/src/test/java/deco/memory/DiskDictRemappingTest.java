package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code HashSet} written with capacity 64 is not the bytes of an equal set, nor of itself read
 * back (deserialisation sizes the set from its contents): the forms that exposed comparing values
 * by their bytes.
 */
@DisplayName("DiskDict compute, merge and the conditional writes: values compared by equals, no loop, atomic")
class DiskDictRemappingTest {

    /** A bounded wait for calls that looped forever when values were compared by their bytes. */
    private static final Duration NO_HANG = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private DiskDict<String, HashSet<String>> sets(String name) {
        return DiskDict.open(temp.resolve(name), String.class, (Class) HashSet.class);
    }

    private static HashSet<String> roomy(String... elements) {
        HashSet<String> set = new HashSet<>(64);
        set.addAll(List.of(elements));
        return set;
    }

    @Test
    @DisplayName("remove(key, value) and replace(key, old, new) accept an equal value whose bytes differ")
    void conditionalWritesUseEquals() {
        try (DiskDict<String, HashSet<String>> dict = sets("d")) {
            dict.put("k", roomy("a"));
            assertTrue(dict.replace("k", new HashSet<>(Set.of("a")), roomy("a", "b")), "was false: bytes compared");
            assertEquals(Set.of("a", "b"), dict.get("k"));
            assertFalse(dict.remove("k", new HashSet<>(Set.of("a"))), "an unequal value removes nothing");
            assertTrue(dict.remove("k", new HashSet<>(Set.of("b", "a"))), "was false: bytes compared");
            assertNull(dict.get("k"));
            assertTrue(dict.isEmpty());
        }
    }

    @Test
    @DisplayName("compute, computeIfPresent, merge and replaceAll may change the value they are given and return once")
    void remappingMutatesItsCopy() {
        try (DiskDict<String, HashSet<String>> dict = sets("d")) {
            dict.put("k", roomy("a"));
            assertTimeoutPreemptively(NO_HANG, () -> {
                assertEquals(Set.of("a", "b"), dict.compute("k", (k, v) -> {
                    v.add("b");
                    return v;
                }));
                assertEquals(Set.of("a", "b", "c"), dict.computeIfPresent("k", (k, v) -> {
                    v.add("c");
                    return v;
                }));
                assertEquals(Set.of("a", "b", "c", "d"), dict.merge("k", roomy("d"), (old, given) -> {
                    old.addAll(given);
                    return old;
                }));
                dict.replaceAll((k, v) -> {
                    v.add("e");
                    return v;
                });
            });
            assertEquals(Map.of("k", Set.of("a", "b", "c", "d", "e")), Map.copyOf(dict));
        }
    }

    @Test
    @DisplayName("uncontended, the function runs once; a null result removes; an absent key is put")
    void remappingSemantics() {
        try (DiskDict<String, Long> dict = DiskDict.open(temp.resolve("d"), String.class, Long.class)) {
            AtomicInteger calls = new AtomicInteger();
            assertEquals(1L, dict.compute("k", (k, v) -> {
                calls.incrementAndGet();
                return v == null ? 1L : v + 1;
            }));
            assertEquals(1, calls.get());
            assertNull(dict.computeIfPresent("absent", (k, v) -> 9L));
            assertFalse(dict.containsKey("absent"));
            assertEquals(5L, dict.merge("m", 5L, Long::sum));
            assertEquals(8L, dict.merge("m", 3L, Long::sum));
            assertNull(dict.merge("m", 3L, (a, b) -> null));
            assertNull(dict.compute("k", (k, v) -> null));
            assertEquals(Map.of(), Map.copyOf(dict));
            assertNull(dict.compute("never", (k, v) -> null), "absent and null: nothing written");
            assertTrue(dict.isEmpty());
        }
    }

    @Test
    @DisplayName("a function that throws writes nothing; a null from replaceAll's function is refused")
    void failingFunctions() {
        try (DiskDict<String, Long> dict = DiskDict.open(temp.resolve("d"), String.class, Long.class)) {
            dict.put("k", 1L);
            assertThrows(IllegalStateException.class, () -> dict.compute("k", (k, v) -> {
                throw new IllegalStateException("no");
            }));
            assertThrows(NullPointerException.class, () -> dict.replaceAll((k, v) -> null));
            assertEquals(Map.of("k", 1L), Map.copyOf(dict));
        }
    }

    @Test
    @DisplayName("read-only: every remapping call is refused and nothing changes")
    void readOnly() {
        Path dir = temp.resolve("d");
        try (DiskDict<String, Long> dict = DiskDict.open(dir, String.class, Long.class)) {
            dict.put("k", 1L);
        }
        try (DiskDict<String, Long> view = DiskDict.builder(dir, String.class, Long.class).readOnly().open()) {
            assertThrows(UnsupportedOperationException.class, () -> view.compute("k", (k, v) -> 2L));
            assertThrows(UnsupportedOperationException.class, () -> view.computeIfPresent("k", (k, v) -> 2L));
            assertThrows(UnsupportedOperationException.class, () -> view.merge("k", 2L, Long::sum));
            assertThrows(UnsupportedOperationException.class, () -> view.replaceAll((k, v) -> 2L));
            assertEquals(Map.of("k", 1L), Map.copyOf(view));
        }
    }

    @Test
    @DisplayName("two threads compute on one key, each holding the other at its first call: no update is lost")
    void contendedCompute() throws Exception {
        // daemon threads, never awaited on close: a looping compute must fail this test, not hang the suite
        ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().factory());
        try (DiskDict<String, HashSet<String>> dict = sets("d")) {
            dict.put("k", roomy());
            CountDownLatch bothRead = new CountDownLatch(2);
            AtomicInteger calls = new AtomicInteger();
            List<Future<HashSet<String>>> done = new ArrayList<>();
            for (String element : List.of("x", "y")) {
                done.add(pool.submit(() -> dict.compute("k", (k, v) -> {
                    if (calls.incrementAndGet() <= 2) { // both first calls read the same value
                        bothRead.countDown();
                        try {
                            assertTrue(bothRead.await(30, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    v.add(element);
                    return v;
                })));
            }
            for (Future<HashSet<String>> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(Set.of("x", "y"), dict.get("k"), "the loser ran again on the winner's value");
            assertEquals(3, calls.get(), "one retry, by the thread whose compare-and-set failed");
        } finally {
            pool.shutdownNow();
        }
    }
}
