package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.CopiedElements;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code java.util} copy of a collection, or an array {@code toArray} filled, holds the source's
 * elements: a write through one is a write of the source's, while a change of the copy's own
 * storage is the copy's (decision 065).
 * Before, the woven loop wrote a cell through a copy under pending calls reading it
 * ({@code [4, 4, 4, 4]} for {@code [0, 1, 2, 3]}), and read one that pending calls wrote through
 * their copies ({@code [0, 0, 0, 0]} for {@code [1, 2, 3, 4]}).
 */
@DisplayName("Weaver: a copy of a collection shares its elements, not its storage")
class WovenCopiedElementsTest {

    private static final List<String> LOOP_WRITES = List.of("elementOfACopyInTheLoop", "walkOfACopyInTheLoop",
            "setCopyInTheLoop", "localCopyInTheLoop", "returnedCopyInTheLoop");

    private static final List<String> CALLS_WRITE = List.of("copyInTheCalls", "localCopyInTheCalls",
            "mapCopyInTheCalls", "filledArrayInTheCalls");

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"elementOfACopyInTheLoop", "walkOfACopyInTheLoop", "setCopyInTheLoop",
            "localCopyInTheLoop", "returnedCopyInTheLoop", "copyInTheCalls", "localCopyInTheCalls",
            "mapCopyInTheCalls", "filledArrayInTheCalls"})
    @DisplayName("the serial result, with the tasks held until the caller waits in an event")
    void serialResult(String form) throws Throwable {
        HeldTasks.assertSerialResult(loader, CopiedElements.class, form);
    }

    @Test
    @DisplayName("the serial outcomes are what the forms say they are")
    void serialOutcomesAsDescribed() throws Throwable {
        CopiedElements serial = new CopiedElements();
        for (String loop : LOOP_WRITES) {
            assertEquals(List.of(0, 1, 2, 3), WovenLoader.call(serial, loop), loop);
        }
        for (String calls : CALLS_WRITE) {
            assertEquals(List.of(1, 2, 3, 4), WovenLoader.call(serial, calls), calls);
        }
    }

    @Test
    @DisplayName("calls that copy one list and sort and extend their copies run beside each other")
    void sortedCopiesStayParallel() throws Exception {
        assertEquals("met 2 met 2",
                WovenLoader.callBounded(loader.woven(CopiedElements.class), "sortedCopiesStayParallel"));
    }

    @Test
    @DisplayName("a loop adding to its own copy of what calls read does not wait for them")
    void changedCopyStaysParallel() throws Exception {
        assertEquals("met 0 met 0 3",
                WovenLoader.callBounded(loader.woven(CopiedElements.class), "changedCopyStaysParallel"));
    }
}
