package deco.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.core.Deco;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The suite runs twice (see deco.core/pom.xml): with --enable-preview, expecting the
 * StructuredTaskScope engine, and without, expecting the virtual-thread fallback.
 */
@DisplayName("Engine selection: StructuredTaskScope with preview, virtual threads without")
class EngineSelectionTest {

    private static final String EXPECTED = System.getProperty("deco.test.expectedEngine", "");

    @Test
    @DisplayName("the engine in use is the one this run expects")
    void expectedEngine() {
        assertTrue(EXPECTED.equals("structured") || EXPECTED.equals("virtual-threads"),
                "surefire must set deco.test.expectedEngine, was '" + EXPECTED + "'");
        assertEquals(EXPECTED, Deco.engine());
        assertEquals(EXPECTED, Engine.current().name());
    }

    @Test
    @DisplayName("deco.engine=structured works with preview and fails with one clear line without it")
    void forcedStructured() {
        if (EXPECTED.equals("structured")) {
            assertEquals("structured", Engines.choose("structured").name());
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Engines.choose("structured"));
            assertTrue(e.getMessage().contains("--enable-preview"), e.getMessage());
        }
    }

    @Test
    @DisplayName("deco.engine=virtual-threads always works; an unknown value is refused")
    void otherChoices() {
        assertEquals("virtual-threads", Engines.choose("virtual-threads").name());
        assertEquals(EXPECTED, Engines.choose("AUTO").name());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Engines.choose("fast"));
        assertTrue(e.getMessage().contains("'fast'"), e.getMessage());
    }
}
