package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.SharedObjects;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Objects other code holds too, reached without loading a static, and reflection (decision 063).
 * Before, an enum's constant from {@code valueOf}, {@code values()}, {@code getEnumConstants()} or
 * {@code EnumSet.allOf}, a static's object a helper returned, an object held by an
 * {@code AtomicReference} or a {@code SimpleEntry} the loop made, and a static changed or read
 * through {@code Method.invoke} or a {@code Field} counted as the loop's own objects: the woven loop
 * changed them under pending calls ({@code [0, 4, 4, 4]} for {@code [0, 1, 2, 3]}).
 */
@DisplayName("Weaver: enum constants looked up, statics a helper returns, and reflection keep the serial order")
class WovenSharedObjectsTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"constantByValueOfWritten", "constantByValuesWritten", "constantByEnumValueOfWritten",
            "constantByEnumConstantsWritten", "constantOfAnEnumSetWritten", "staticMapValueFromAHelperWritten",
            "staticFromAGetterOfANewObjectWritten", "staticBumpedThroughMethodInvoke", "staticSetThroughAField",
            "staticHeldByAnAtomicReferenceWritten", "cellHeldByAnEntryWritten", "constantBodyCountedUp"})
    @DisplayName("the serial result, [0, 1, 2, 3], with the tasks held until the caller waits in an event")
    void serialResult(String form) throws Throwable {
        assertEquals(List.of(0, 1, 2, 3), WovenLoader.call(new SharedObjects(), form), "serially");
        assertEquals(List.of(0, 1, 2, 3), HeldTasks.run(loader.woven(SharedObjects.class), form));
    }

    @Test
    @DisplayName("a call reading a static through reflection: the loop's write of it waits (WeaverMainTest shows"
            + " the event), and the result is the serial one")
    void reflectiveReadInTheCalls() throws Exception {
        assertEquals(List.of(0, 1, 2, 3),
                WovenLoader.callBounded(loader.woven(SharedObjects.class), "staticReadByReflectionInTheCalls"));
    }

    @Test
    @DisplayName("reading a constant through valueOf, and making lists and optionals, leave the calls parallel")
    void readsAndFactoriesStayParallel() throws Exception {
        assertEquals("met 0 met 0 2",
                WovenLoader.callBounded(loader.woven(SharedObjects.class), "readsAndFactoriesStayParallel"));
    }
}
