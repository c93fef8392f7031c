package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.FedElements;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A function a JDK stream operation runs is fed the source's elements: one that writes what it is
 * fed writes them (decision 064). Before, stream operations only read their source and a lambda's
 * writes to its own parameters named nothing: the woven loop wrote a cell under pending calls
 * reading it ({@code [4, 4, 4, 4]} for {@code [0, 1, 2, 3]}), and read one under pending calls
 * writing it ({@code [0, 0, 0, 0]} for {@code [1, 2, 3, 4]}).
 */
@DisplayName("Weaver: functions a stream runs write the elements they are fed")
class WovenFedFunctionsTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"forEachInTheLoop", "filterInTheLoop", "methodReferenceInTheLoop", "forEachInTheCalls",
            "givenFunctionInTheCalls", "composedComparatorInTheLoop", "composedComparatorInTheCalls"})
    @DisplayName("the serial result, with the tasks held until the caller waits in an event")
    void serialResult(String form) throws Throwable {
        HeldTasks.assertSerialResult(loader, FedElements.class, form);
    }

    @Test
    @DisplayName("the serial outcomes are what the forms say they are")
    void serialOutcomesAsDescribed() throws Throwable {
        FedElements serial = new FedElements();
        for (String loop : new String[] {"forEachInTheLoop", "filterInTheLoop", "methodReferenceInTheLoop"}) {
            assertEquals(java.util.List.of(0, 1, 2, 3), WovenLoader.call(serial, loop), loop);
        }
        for (String calls : new String[] {"forEachInTheCalls", "givenFunctionInTheCalls"}) {
            assertEquals(java.util.List.of(1, 2, 3, 4), WovenLoader.call(serial, calls), calls);
        }
        // a sort of two compares the second with the first once: the tie-break counts the first down
        assertEquals(java.util.List.of(0, -1, -2, -3), WovenLoader.call(serial, "composedComparatorInTheLoop"));
        assertEquals(java.util.List.of(-1, -2, -3, -4), WovenLoader.call(serial, "composedComparatorInTheCalls"));
    }

    @Test
    @DisplayName("calls whose stream lambdas only read the cells they share run beside each other")
    void readingLambdasStayParallel() throws Exception {
        assertEquals("met 0 met 0",
                WovenLoader.callBounded(loader.woven(FedElements.class), "readingLambdasStayParallel"));
    }
}
