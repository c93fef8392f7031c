package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Buffer.contains: every search on an infinite sequence ends, with an answer or a clear error")
class BufferContainsTest {

    /** A bound on a search that must end; before the fix, these searches never returned. */
    private static final Duration SEARCH_ENDS = Duration.ofSeconds(60);

    private static Generator<Long> counter() {
        return BufferAcceptanceTest.counter(); // 0, 1, 2, ... for ever
    }

    @Test
    @DisplayName("an item the default condition cannot compare (a String among Longs) is an IllegalArgumentException, not an endless search; the buffer stays usable")
    void incomparableItemFailsFast() {
        try (Buffer<Long> buffer = Buffer.of(counter())) {
            IllegalArgumentException e = assertTimeoutPreemptively(SEARCH_ENDS,
                    () -> assertThrows(IllegalArgumentException.class, () -> buffer.contains("abc")));
            String message = e.getMessage();
            assertTrue(message.contains("java.lang.String abc") && message.contains("java.lang.Long 0")
                    && message.contains("uniformlyNonDecreasing()") && message.contains("HaltCondition.never()"), message);
            assertEquals(5L, buffer.get(5));
            assertTrue(buffer.contains(7L));
            assertFalse(buffer.contains(7.5));
            assertEquals(List.of(0L, 1L, 2L), buffer.stream().limit(3).toList());
        }
    }

    @Test
    @DisplayName("contains(null) is false at once, even on an infinite sequence (a generator cannot emit null); after close it is an IllegalStateException")
    void nullIsNeverContained() {
        Buffer<Long> buffer = Buffer.of(counter());
        try (buffer) {
            assertFalse(assertTimeoutPreemptively(SEARCH_ENDS, () -> buffer.contains(null)));
            assertTrue(buffer.contains(3L));
        }
        assertThrows(IllegalStateException.class, () -> buffer.contains(null));
    }

    @Test
    @DisplayName("a sequence of mixed kinds: the default condition refuses to guess; HaltCondition.never() searches to the end")
    void mixedKindsNeedNever() {
        Generator<Object> mixed = emit -> {
            emit.accept(1L);
            emit.accept("x");
            emit.accept(2.5);
        };
        try (Buffer<Object> buffer = Buffer.of(mixed)) {
            assertThrows(IllegalArgumentException.class, () -> buffer.contains("x"));
            assertTrue(buffer.contains(1L), "found before any value of another kind");
        }
        try (Buffer<Object> buffer = Buffer.builder(mixed).haltCondition(HaltCondition.never()).build()) {
            assertTrue(buffer.contains("x"));
            assertTrue(buffer.contains(2.5));
            assertFalse(buffer.contains("y"));
        }
    }

    enum Phase {
        START { @Override boolean terminal() { return false; } },
        MIDDLE { @Override boolean terminal() { return false; } },
        END { @Override boolean terminal() { return true; } };

        abstract boolean terminal();
    }

    @Test
    @DisplayName("enum constants with bodies (each its own class) are ordered by declaration, so a search for a skipped constant stops")
    void enumConstantsWithBodies() {
        Generator<Phase> phases = emit -> {
            emit.accept(Phase.START);
            while (true) {
                emit.accept(Phase.END);
            }
        };
        try (Buffer<Phase> buffer = Buffer.of(phases)) {
            assertTrue(buffer.contains(Phase.END));
            assertFalse(assertTimeoutPreemptively(SEARCH_ENDS, () -> buffer.contains(Phase.MIDDLE)));
        }
    }

    @Test
    @DisplayName("absolutelyNonDecreasing: an item without a magnitude is an IllegalArgumentException naming the condition")
    void magnitudeOfWhat() {
        try (Buffer<Long> buffer = Buffer.builder(counter()).haltCondition(HaltCondition.absolutelyNonDecreasing()).build()) {
            IllegalArgumentException e = assertTimeoutPreemptively(SEARCH_ENDS,
                    () -> assertThrows(IllegalArgumentException.class, () -> buffer.contains("abc")));
            assertTrue(e.getMessage().contains("absolutelyNonDecreasing()"), e.getMessage());
            assertTrue(buffer.contains(-0L));
            assertFalse(buffer.contains(-3.5));
        }
    }

    @Test
    @DisplayName("the built-in conditions compare numbers of different classes as numbers, and a Comparable with its own class")
    void builtInConditions() {
        HaltCondition rising = HaltCondition.uniformlyNonDecreasing();
        assertTrue(rising.halt(20, 21L));
        assertFalse(rising.halt(20.5, 20L));
        assertTrue(rising.halt("apple", "banana"));
        assertFalse(rising.halt("banana", "apple"));
        assertThrows(IllegalArgumentException.class, () -> rising.halt("apple", 1));
        assertThrows(IllegalArgumentException.class, () -> rising.halt(new Object(), new Object()));
        HaltCondition magnitudes = HaltCondition.absolutelyNonDecreasing();
        assertTrue(magnitudes.halt(-2, 3.0));
        assertFalse(magnitudes.halt(-2, -1));
        assertFalse(HaltCondition.never().halt("apple", 1));
    }
}
