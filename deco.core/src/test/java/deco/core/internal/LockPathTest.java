package deco.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one format of a lock a callee may take that its caller could hold (decision 044): where the
 * path starts, then fields and array elements.
 */
@DisplayName("LockPath: a lock named as a path from a static, the receiver or an argument")
class LockPathTest {

    private static final String LOCK = "a/Owner lock Ljava/lang/Object;";
    private static final String STRIPES = "a/Owner stripes [Ljava/lang/Object;";

    @Test
    @DisplayName("each start, with its steps, reads back as written")
    void roundTrip() {
        for (String text : List.of("S " + STRIPES + " []", "R " + LOCK, "A 2 [] " + LOCK, "C a/Owner", "L 7",
                "A 0 " + STRIPES + " [] " + LOCK, "M", "U")) {
            assertEquals(text, LockPath.parse(text).toString());
        }
        LockPath path = LockPath.parse("A 1 " + STRIPES + " []");
        assertEquals(LockPath.ARGUMENT, path.start());
        assertEquals(1, path.index());
        assertEquals(List.of(STRIPES, LockPath.ELEMENTS), path.steps());
        assertEquals("a/Owner", LockPath.parse("C a/Owner").member());
    }

    @Test
    @DisplayName("names of call sites woven before paths had steps read as the paths they meant")
    void namesWovenBefore() {
        assertEquals("R " + LOCK, LockPath.parse("F " + LOCK).toString());
        assertEquals("A 3 " + LOCK, LockPath.parse("P 3 " + LOCK).toString());
        assertEquals("S " + STRIPES + " []", LockPath.parse("ES " + STRIPES).toString());
        assertEquals("R " + STRIPES + " []", LockPath.parse("EF " + STRIPES).toString());
        assertEquals("A 0 " + STRIPES + " []", LockPath.parse("EP 0 " + STRIPES).toString());
    }

    @Test
    @DisplayName("a bare receiver, argument or local is the call site's own to check; a step or a static is not")
    void bare() {
        assertTrue(LockPath.parse("R").bare());
        assertTrue(LockPath.parse("A 0").bare());
        assertFalse(LockPath.parse("A 0 []").bare());
        assertFalse(LockPath.parse("S " + LOCK).bare());
        assertFalse(LockPath.parse("C a/Owner").bare());
    }

    @Test
    @DisplayName("an unnamed monitor (M) or lock (U) names no object: no steps, not bare, not a start to rebase onto")
    void unnamed() {
        assertEquals(LockPath.UNNAMED_MONITOR, LockPath.parse(LockPath.ofUnnamedMonitor()).start());
        assertEquals(LockPath.UNNAMED_LOCK, LockPath.parse(LockPath.ofUnnamedLock()).start());
        assertTrue(LockPath.parse("M").unnamed());
        assertFalse(LockPath.parse("M").bare());
        assertFalse(LockPath.parse("S " + LOCK).unnamed());
        assertNull(LockPath.then("U", LockPath.ELEMENTS));
        assertNull(LockPath.from("M", "R " + LOCK));
        assertEquals("A 1", LockPath.from("A 1", "U"), "the steps of an unnamed lock: none");
    }

    @Test
    @DisplayName("a step is added, and a path is rebased onto another start, up to the most steps")
    void stepsAndRebasing() {
        assertEquals("A 0 []", LockPath.then(LockPath.ofArgument(0), LockPath.ELEMENTS));
        assertEquals("S " + STRIPES + " [] " + LOCK, LockPath.from("S " + STRIPES, "A 0 [] " + LOCK),
                "a helper's argument is what its caller passed");
        assertEquals("L 4 " + LOCK, LockPath.from(LockPath.ofLocal(4), "R " + LOCK));
        String longest = "R [] [] [] []";
        assertNull(LockPath.then(longest, LockPath.ELEMENTS), "one step too many");
        assertNull(LockPath.from("A 0 [] []", "R [] [] []"), "too many steps together");
        assertNull(LockPath.then("C a/Owner", LockPath.ELEMENTS), "a class's monitor has no steps");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "X 1", "S a/Owner lock", "A", "A x", "A -1", "C", "C a b", "R a/Owner lock",
            "F a/Owner lock Ljava/lang/Object; []", "EC a/Owner", "ER", "R [] [] [] [] [] []", "M []", "U 0", "EM"})
    @DisplayName("anything else is refused, saying what it was given")
    void refused(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LockPath.parse(text));
        assertTrue(refused.getMessage().contains("not a lock path: " + text), refused.getMessage());
    }
}
