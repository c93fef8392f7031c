package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.ThrowingStores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store of a {@code @Concurrent} result that throws ends the woven method as it ends the serial
 * one: the same exception, the earlier stores made, and — where the store fails whatever the
 * result — no later call started. A later call's failure in the same event does not hide it. A
 * write a call makes to its argument that the target refuses throws inside the call, as serially,
 * where the call can catch it.
 */
@DisplayName("Weaver: a store that throws stops the woven loop where the serial loop stopped")
class WovenThrowingStoresTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"arrayIndexOutOfRange", "arrayIndexOutOfRangeBeforeAFailure", "nullArrayBeforeAFailure",
            "nullMapBeforeAFailure", "arrayRefusesTheResultBeforeAFailure", "nullResultUnboxed",
            "nullResultUnboxedIntoACall", "failedCastBeforeAFailure", "readOnlyListCaughtInTheCall",
            "readOnlyListBeforeAFailure", "nullIntoConcurrentMapBeforeAFailure", "readOnlyTargetBeforeAFailure",
            "nullResultIntoConcurrentMapBeforeAFailure", "listSetPastTheEndBeforeAFailure",
            "listSetInRangeAfterAnAddBeforeAFailure", "nullKeyIntoTreeMapBeforeAFailure",
            "addToFixedSizeListBeforeAFailure", "addToCopiesListBeforeAFailure",
            "listSetPastTheEndAfterAnAddElsewhereBeforeAFailure"})
    @DisplayName("the serial exception, target and calls, with the tasks held until the caller waits in an event")
    void serialOutcome(String form) throws Throwable {
        Object serial = WovenLoader.call(new ThrowingStores(), form);
        assertEquals(serial, HeldTasks.run(loader.woven(ThrowingStores.class), form));
    }

    @Test
    @DisplayName("a null result unboxed throws the JVM's own message, naming the call it came from")
    void unboxingMessages() throws Throwable {
        String serial = (String) WovenLoader.call(new ThrowingStores(), "unboxingMessages");
        assertEquals("Cannot invoke \"java.lang.Integer.intValue()\" because the return value of"
                + " \"deco.core.weave.fixtures.ThrowingStores.nullAtTwo(int)\" is null | Cannot invoke"
                + " \"java.lang.Integer.intValue()\" because the return value of"
                + " \"deco.core.weave.fixtures.ThrowingStores.nullAtTwo(int)\" is null", serial);
        assertEquals(serial, HeldTasks.run(loader.woven(ThrowingStores.class), "unboxingMessages"));
    }

    @Test
    @DisplayName("the serial outcomes are what the forms say they are")
    void serialOutcomesAsDescribed() throws Throwable {
        ThrowingStores serial = new ThrowingStores();
        assertEquals("threw ArrayIndexOutOfBoundsException: Index 4 out of bounds for length 4, target [0, 1, 2, 3], 5 calls",
                WovenLoader.call(serial, "arrayIndexOutOfRangeBeforeAFailure"));
        assertEquals("threw NullPointerException, target null, 1 calls",
                WovenLoader.call(serial, "nullMapBeforeAFailure"));
        assertEquals("threw IndexOutOfBoundsException: Index 2 out of bounds for length 2, target a list of the method's own",
                WovenLoader.call(serial, "listSetPastTheEndAfterAnAddElsewhereBeforeAFailure"));
        assertEquals("threw ArrayStoreException: java.lang.Integer, target [null, null, null, null]",
                WovenLoader.call(serial, "arrayRefusesTheResultBeforeAFailure"));
        assertEquals("threw NullPointerException, target [0, 1, 0, 0]", WovenLoader.call(serial, "nullResultUnboxed"));
        assertEquals("threw ClassCastException, target [0, 1]",
                WovenLoader.call(serial, "failedCastBeforeAFailure"));
        assertEquals("returned, target [7]", WovenLoader.call(serial, "readOnlyListCaughtInTheCall"));
        assertEquals("threw UnsupportedOperationException: null, target [7]",
                WovenLoader.call(serial, "readOnlyListBeforeAFailure"));
        assertEquals("threw NullPointerException, target {}", WovenLoader.call(serial, "nullIntoConcurrentMapBeforeAFailure"));
        assertEquals("threw UnsupportedOperationException: null, target {}, 1 calls",
                WovenLoader.call(serial, "readOnlyTargetBeforeAFailure"));
        assertEquals("threw NullPointerException, target {0=0, 1=1}",
                WovenLoader.call(serial, "nullResultIntoConcurrentMapBeforeAFailure"));
        assertEquals("threw IndexOutOfBoundsException: Index 2 out of bounds for length 2, target [0, 1]",
                WovenLoader.call(serial, "listSetPastTheEndBeforeAFailure"));
        assertEquals("threw IllegalArgumentException: call 11 failed, target []",
                WovenLoader.call(serial, "listSetInRangeAfterAnAddBeforeAFailure"));
        assertEquals("threw NullPointerException, target {0=0, 1=1}",
                WovenLoader.call(serial, "nullKeyIntoTreeMapBeforeAFailure"));
        assertEquals("threw UnsupportedOperationException: null, target [-1, -1], 1 calls",
                WovenLoader.call(serial, "addToFixedSizeListBeforeAFailure"));
        assertEquals("threw UnsupportedOperationException: null, target [-1, -1], 1 calls",
                WovenLoader.call(serial, "addToCopiesListBeforeAFailure"));
    }
}
