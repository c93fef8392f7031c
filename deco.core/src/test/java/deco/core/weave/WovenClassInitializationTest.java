package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import deco.core.weave.fixtures.Initializers;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A class's static initializer runs where the program first uses the class (decision 068): a
 * callee's, the loop's or a task's first {@code new}, static read or static call. The weaver
 * takes every such use as a call of the initializers, so a task whose first use initializes a
 * class that reads or writes what the loop touches waits or is waited for, as a callee doing that
 * itself would. Before, the woven program ran such an initializer when the held task ran
 * ({@code [300, 301, 302]} for {@code [100, 101, 102]}; the tool ready after the third call, not
 * the first), or ran the loop's before a held call's write ({@code [0, 1, 0]} for {@code [0, 1, 1]}).
 *
 * <p>Each form runs in class loaders of its own, serially and woven: a class is initialized once
 * per loader, so what ran before in the test JVM cannot change which use comes first.
 */
@DisplayName("Weaver: a class's static initializer runs where the serial program first uses the class")
class WovenClassInitializationTest {

    private static final String FIXTURES = "deco.core.weave.fixtures";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"constantComputedAtFirstUse", "initializerAppendsToALogTheLoopReads",
            "referencedClassAppendsToALogTheLoopReads", "classLiteralInitializesAnEnumTheLoopReads",
            "loopMakesAnObjectWhoseClassReadsACallsWrite",
            "concurrentMethodOfAClassNotYetInitialized"})
    @DisplayName("the serial result, with the tasks held until the caller waits in an event")
    void serialResult(String form) throws Throwable {
        Object serial = WovenLoader.call(WovenLoader.asCompiled(FIXTURES).woven(Initializers.class), form);
        assertEquals(serial, HeldTasks.run(new WovenLoader(FIXTURES).woven(Initializers.class), form));
    }

    @Test
    @DisplayName("the serial outcomes are what the forms say they are")
    void serialOutcomesAsDescribed() throws Throwable {
        assertEquals(List.of(100, 101, 102), serially("constantComputedAtFirstUse"));
        assertEquals(List.of(0, 2, 4, 1, 1, 1), serially("initializerAppendsToALogTheLoopReads"));
        assertEquals(List.of(0, 2, 4, 1, 1, 1), serially("referencedClassAppendsToALogTheLoopReads"));
        assertEquals(List.of(2, 3, 4, 1, 1, 1), serially("classLiteralInitializesAnEnumTheLoopReads"));
        assertEquals(List.of(0, 1, 1), serially("loopMakesAnObjectWhoseClassReadsACallsWrite"));
        assertEquals(List.of(100, 101, 102), serially("concurrentMethodOfAClassNotYetInitialized"));
    }

    @Test
    @DisplayName("an initializer that throws, reached first by the later of two calls: the serial"
            + " ExceptionInInitializerError, not the earlier call's NoClassDefFoundError")
    void initializerThatThrowsReachedFirstByALaterCall() throws Exception {
        String form = "initializerThatThrowsReachedFirstByTheSecondCall";
        ExceptionInInitializerError serial = assertThrows(ExceptionInInitializerError.class,
                () -> WovenLoader.call(WovenLoader.asCompiled(FIXTURES).woven(Initializers.class), form));
        Object woven = new WovenLoader(FIXTURES).woven(Initializers.class);
        woven.getClass().getField("secondCallDone").set(null, new java.util.concurrent.CountDownLatch(1));
        Throwable thrown = assertThrows(Throwable.class, () -> WovenLoader.call(woven, form));
        assertEquals(ExceptionInInitializerError.class, thrown.getClass(), () -> "woven threw " + thrown);
        assertEquals(serial.getCause().getClass(), thrown.getCause().getClass());
        assertEquals(serial.getCause().getMessage(), thrown.getCause().getMessage());
    }

    @Test
    @DisplayName("initializers that only set up their own class (an enum's lookup table, a static map, the runtime)"
            + " leave the calls beside each other")
    void initializersOfTheirOwnStateStayParallel() throws Exception {
        assertEquals("met LIGHT one met DARK two", WovenLoader.callBounded(
                new WovenLoader(FIXTURES).woven(Initializers.class), "initializersOfTheirOwnStateStayParallel"));
    }

    private static Object serially(String form) throws Throwable {
        return WovenLoader.call(WovenLoader.asCompiled(FIXTURES).woven(Initializers.class), form);
    }
}
