package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.memory.DiskFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal keeps results under the version of the function that computed them (decision 042). */
@DisplayName("Cache: a journal reuses only the results of the same function")
class CacheJournalVersionTest {

    @TempDir
    Path temp;

    /** A function object of an ordinary class: its version is read from the class's methods. */
    static final class Tripling implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            return times(n);
        }

        private static int times(int n) {
            return n * 3;
        }
    }

    @Test
    @DisplayName("a changed function computes afresh; the old results stay and come back when it is changed back")
    void changedFunction() {
        Path dir = temp.resolve("journal");
        AtomicInteger calls = new AtomicInteger();
        try (Cache<Integer, Integer> doubling = Cache.<Integer, Integer>builder(n -> {
            calls.incrementAndGet();
            return n * 2;
        }).journal(dir).build()) {
            assertEquals(14, doubling.get(7));
        }
        try (Cache<Integer, Integer> changed = Cache.<Integer, Integer>builder(n -> {
            calls.incrementAndGet();
            return n * 2 + 1;
        }).journal(dir).build()) {
            assertEquals(0, changed.size(), "no result of the old function is loaded");
            assertEquals(15, changed.get(7), "the changed function's result, not the old one");
        }
        assertEquals(2, calls.get());
        try (Cache<Integer, Integer> back = Cache.<Integer, Integer>builder(n -> {
            calls.incrementAndGet();
            return n * 2;
        }).journal(dir).build()) {
            assertEquals(14, back.get(7));
            assertEquals(1, back.size());
        }
        assertEquals(2, calls.get(), "the first function's result was kept and reused");
    }

    @Test
    @DisplayName("values a lambda captured are part of its version: the same code with another factor computes afresh")
    void capturedValues() throws Exception {
        Path dir = temp.resolve("journal");
        for (int factor : new int[] {2, 3, 2}) {
            try (Cache<Integer, Integer> cache = Cache.<Integer, Integer>builder(n -> n * factor).journal(dir).build()) {
                assertEquals(7 * factor, cache.get(7), "factor " + factor);
            }
        }
        try (var versions = Files.list(dir)) {
            assertEquals(2, versions.filter(Files::isDirectory).count(), "one results directory per factor");
        }
    }

    @Test
    @DisplayName("a function object of an ordinary class: two instances are one version, and share results")
    void ordinaryClass() {
        Path dir = temp.resolve("journal");
        try (Cache<Integer, Integer> cache = Cache.builder(new Tripling()).journal(dir).build()) {
            assertEquals(21, cache.get(7));
        }
        try (Cache<Integer, Integer> cache = Cache.builder(new Tripling()).journal(dir).build()) {
            assertEquals(1, cache.size(), "the first instance's result is loaded");
        }
    }

    @Test
    @DisplayName("a lambda passed on in a Function variable: its version is its nest's code, stable from one build to the next; a stated version replaces it")
    void lambdaInAVariable() {
        Path dir = temp.resolve("journal");
        Function<Integer, Integer> passedOn = n -> n + 1;
        FunctionVersion version = FunctionVersion.of(passedOn);
        assertTrue(version.description().contains("nest " + CacheJournalVersionTest.class.getName()), version.description());
        assertEquals(version, FunctionVersion.of((Function<Integer, Integer>) n -> n + 2),
                "another lambda of the same nest: the same code, so the same version");
        try (Cache<Integer, Integer> cache = Cache.builder(passedOn).journal(dir).build()) {
            assertEquals(8, cache.get(7));
        }
        try (Cache<Integer, Integer> cache = Cache.builder(passedOn).journal(dir).build()) {
            assertEquals(1, cache.size(), "reused: nothing in the nest changed");
        }
        try (Cache<Integer, Integer> cache = Cache.builder(passedOn).journal(dir).version("plus-one").build()) {
            assertEquals(0, cache.size(), "a stated version is another version");
            assertEquals(8, cache.get(7));
        }
        try (Cache<Integer, Integer> cache = Cache.builder(passedOn).version("no journal: no effect").build()) {
            assertEquals(8, cache.get(7));
        }
    }

    @Test
    @DisplayName("a captured lambda counts by its code, not by its class's name (which differs from run to run)")
    void capturedLambda() {
        deco.core.SerializableFunction<Integer, Integer> inner = n -> n * 5;
        deco.core.SerializableFunction<Integer, Integer> sameInner = n -> n * 5;
        deco.core.SerializableFunction<Integer, Integer> otherInner = n -> n * 6;
        assertNotEquals(inner.getClass(), sameInner.getClass(), "two lambda classes");
        assertEquals(FunctionVersion.of(composed(inner)), FunctionVersion.of(composed(sameInner)));
        assertNotEquals(FunctionVersion.of(composed(inner)), FunctionVersion.of(composed(otherInner)));
        assertTrue(FunctionVersion.of(composed(inner)).description().contains("capturing (" + getClass().getName() + ".lambda$"),
                FunctionVersion.of(composed(inner)).description());
    }

    private static deco.core.SerializableFunction<Integer, Integer> composed(deco.core.SerializableFunction<Integer, Integer> inner) {
        return n -> inner.apply(n) + 1;
    }

    @Test
    @DisplayName("a function that reads a captured cache: the other cache's function is part of its version, or its stated version")
    void capturedCache() {
        try (Cache<Integer, Integer> doubling = Cache.<Integer, Integer>builder(n -> n * 2).build();
             Cache<Integer, Integer> alsoDoubling = Cache.<Integer, Integer>builder(n -> n * 2).build();
             Cache<Integer, Integer> tripling = Cache.<Integer, Integer>builder(n -> n * 3).build();
             Cache<Integer, Integer> statedA = Cache.<Integer, Integer>builder(n -> n * 2).version("stage-1").build();
             Cache<Integer, Integer> statedB = Cache.<Integer, Integer>builder(n -> n * 3).version("stage-1").build()) {
            assertEquals(FunctionVersion.of(reading(doubling)), FunctionVersion.of(reading(alsoDoubling)));
            assertNotEquals(FunctionVersion.of(reading(doubling)), FunctionVersion.of(reading(tripling)),
                    "the earlier stage's function changed, so this stage's results are another version");
            assertEquals(FunctionVersion.of(reading(statedA)), FunctionVersion.of(reading(statedB)),
                    "the earlier stage states its version: that is what counts");
            assertNotEquals(FunctionVersion.of(reading(doubling)), FunctionVersion.of(reading(statedA)));
        }
    }

    private static deco.core.SerializableFunction<Integer, Integer> reading(Cache<Integer, Integer> earlier) {
        return n -> earlier.get(n) + 1;
    }

    @Test
    @DisplayName("a blank or null version is refused")
    void blankVersion() {
        var builder = Cache.<Integer, Integer>builder(n -> n);
        assertThrows(IllegalArgumentException.class, () -> builder.version(" "));
        assertThrows(NullPointerException.class, () -> builder.version(null));
    }

    @Test
    @DisplayName("a journal written before versions is refused with what to do; its files are left as they are")
    void journalWithoutVersions() throws Exception {
        Path dir = temp.resolve("old");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("deco-journal.properties"), "keyCodec=object\nvalueCodec=object\n");
        Files.writeString(dir.resolve("20261122.cq4"), "results of an unknown function");
        List<String> before;
        try (var files = Files.list(dir)) {
            before = files.map(Path::toString).sorted().toList();
        }
        DiskFormatException e = assertThrows(DiskFormatException.class,
                () -> Cache.<Integer, Integer>builder(n -> n).journal(dir).build());
        assertTrue(e.getMessage().contains("before deco kept results by the function's version"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(before, files.map(Path::toString).sorted().toList(), "nothing created or removed");
        }
        assertEquals("results of an unknown function", Files.readString(dir.resolve("20261122.cq4")));
    }
}
