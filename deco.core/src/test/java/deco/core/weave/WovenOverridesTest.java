package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.Overrides;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A call that dispatches on its receiver's class may run an override the weaver did not read
 * (decision 067). A {@code @Concurrent} call whose receiver's class overrides the method runs
 * alone, after every pending call; a call inside a callee, or in the loop, of a method a subclass
 * the weaver cannot know may override is code it cannot see; a sealed type's overrides are read.
 * Before, the woven loop read a cell that a held override was about to count up
 * ({@code [1, 2, 3, 0]} for {@code [1, 2, 3, 123]}, {@code [3, 3, 3]} for {@code [0, 1, 2]}).
 */
@DisplayName("Weaver: a call runs the override its receiver's class has")
class WovenOverridesTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"overriddenConcurrentMethod", "overriddenCallOnAParameter", "overriddenCallThroughAField",
            "overriddenCallInTheLoop", "sealedOverride", "overrideBelowANonSealedClass"})
    @DisplayName("the serial result, with the tasks held until the caller waits in an event")
    void serialResult(String form) throws Throwable {
        HeldTasks.assertSerialResult(loader, Overrides.class, form);
    }

    @Test
    @DisplayName("the serial outcomes are what the forms say they are")
    void serialOutcomesAsDescribed() throws Throwable {
        Overrides serial = new Overrides();
        assertEquals(List.of(0, 1, 1, 2, 2, 3, 123), WovenLoader.call(serial, "overriddenConcurrentMethod"));
        for (String form : List.of("overriddenCallOnAParameter", "overriddenCallThroughAField", "sealedOverride",
                "overrideBelowANonSealedClass")) {
            assertEquals(List.of(1, 2, 3, 123), WovenLoader.call(serial, form), form);
        }
        assertEquals(List.of(0, 1, 2), WovenLoader.call(serial, "overriddenCallInTheLoop"));
    }

    @Test
    @DisplayName("receivers of the declaring class, and of a subclass overriding nothing, run beside each other")
    void receiversThatOverrideNothingStayParallel() throws Exception {
        assertEquals("met 0 met 0",
                WovenLoader.callBounded(loader.woven(Overrides.class), "receiversThatOverrideNothing"));
    }

    @Test
    @DisplayName("calls of a sealed type whose overrides only read run beside each other")
    void sealedReadersStayParallel() throws Exception {
        assertEquals("met 0 met 0",
                WovenLoader.callBounded(loader.woven(Overrides.class), "sealedReadersStayParallel"));
    }
}
