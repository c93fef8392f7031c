package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.Deco;
import deco.core.weave.fixtures.ScopedValueCalls;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Woven calls whose callee reads a {@code ScopedValue} the caller bound (decision 040): every
 * engine gives the serial result. The structured engine's tasks see the method's bindings; on the
 * virtual-thread engine such a call is made at once on the caller's thread. Calls with no binding,
 * and calls that read only their arguments, still run at the same time.
 */
@DisplayName("Weaver: a call that reads a ScopedValue the caller bound gives the serial result on every engine")
class WovenScopedValuesTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"boundAroundTheLoop", "boundKeyPassedToTheCalls", "boundReadByAHelper",
            "boundThenUnbound", "unboundAroundBoundInside"})
    @DisplayName("the woven loop reads the caller's bindings as the serial loop did")
    void serialResult(String form) throws Throwable {
        assertEquals(WovenLoader.call(new ScopedValueCalls(), form),
                WovenLoader.callBounded(loader.woven(ScopedValueCalls.class), form));
    }

    @Test
    @DisplayName("the serial outcomes are what the forms say they are")
    void serialOutcomesAsDescribed() throws Throwable {
        ScopedValueCalls serial = new ScopedValueCalls();
        assertEquals("[ann0, ann1, ann2, ann3]", WovenLoader.call(serial, "boundAroundTheLoop"));
        assertEquals("[bea0, bea1, bea2]", WovenLoader.call(serial, "boundKeyPassedToTheCalls"));
        assertEquals("[cy0, cy1, cy2]", WovenLoader.call(serial, "boundReadByAHelper"));
        assertEquals("[dee0, dee1] [unbound0, unbound1] [eve0, eve1]", WovenLoader.call(serial, "boundThenUnbound"));
        assertEquals("[unbound0] [fay0] [unbound0]", WovenLoader.call(serial, "unboundAroundBoundInside"));
    }

    @Test
    @DisplayName("calls made with no binding still run at the same time")
    void unboundCallsOverlap() throws Exception {
        assertEquals("[0, 1]", WovenLoader.callBounded(loader.woven(ScopedValueCalls.class), "unboundCallsOverlap"));
    }

    @Test
    @DisplayName("under a binding, calls that read only their arguments still run as tasks")
    void boundCallsReadingOnlyArguments() throws Exception {
        assertEquals("[false, false]",
                WovenLoader.callBounded(loader.woven(ScopedValueCalls.class), "boundCallsReadingOnlyArguments"));
    }

    @Test
    @DisplayName("under a binding, calls that read it run as tasks on the structured engine and on the caller's thread on the virtual-thread engine")
    void boundCallsReadingTheBinding() throws Exception {
        String where = Deco.engine().equals("structured") ? "elsewhere" : "here";
        assertEquals("[hal0 " + where + ", hal1 " + where + "]",
                WovenLoader.callBounded(loader.woven(ScopedValueCalls.class), "boundCallsReadingTheBinding"));
    }
}
