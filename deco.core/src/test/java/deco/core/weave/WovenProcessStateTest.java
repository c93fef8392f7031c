package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.ProcessState;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls and loops that set state the whole process shares through the JDK (decision 057): such a
 * call waits for every pending call and is made at once, so a call after it sees what it set and
 * a call before it does not. Before, the loop read a system property before the calls that set
 * it had run, and a loop that changed the default locale changed how the pending calls formatted.
 */
@DisplayName("Weaver: setting a system property or the default locale is a barrier, as serially")
class WovenProcessStateTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");
    private Locale format;
    private String property;

    @BeforeEach
    void keepState() {
        format = Locale.getDefault(Locale.Category.FORMAT);
        property = System.getProperty(ProcessState.KEY);
    }

    @AfterEach
    void restoreState() {
        Locale.setDefault(Locale.Category.FORMAT, format);
        if (property == null) {
            System.clearProperty(ProcessState.KEY);
        } else {
            System.setProperty(ProcessState.KEY, property);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"propertyReadAfterTheCalls", "propertySetByAHelper", "propertySetByALambda",
            "propertySetByALambdaACallRuns",
            "localeSetByTheLoopBetweenCalls", "localeSetByCallsBetweenReaders"})
    @DisplayName("the serial result, with the tasks held until the caller waits in an event")
    void serialResult(String form) throws Throwable {
        HeldTasks.assertSerialResult(loader, ProcessState.class, form);
    }

    @Test
    @DisplayName("the serial outcomes are what the forms say they are")
    void serialOutcomesAsDescribed() throws Throwable {
        ProcessState serial = new ProcessState();
        assertEquals("call 3 [0, 1, 4, 9] [0, 1, 2, 3]", WovenLoader.call(serial, "propertyReadAfterTheCalls"));
        assertEquals("helper 3 [0, 1, 4, 9] [0, 1, 2, 3]", WovenLoader.call(serial, "propertySetByAHelper"));
        assertEquals("lambda 3 [0, 1, 4, 9] [0, 1, 2, 3]", WovenLoader.call(serial, "propertySetByALambda"));
        assertEquals("handed 3 [0, 1, 4, 9] [0, 1, 2, 3]", WovenLoader.call(serial, "propertySetByALambdaACallRuns"));
        assertEquals("[0.5, 1.5, 2,5, 3,5]", WovenLoader.call(serial, "localeSetByTheLoopBetweenCalls"));
        assertEquals("[0.5, 1,5, 2.5, 3,5] [1, 2, 3, 4]", WovenLoader.call(serial, "localeSetByCallsBetweenReaders"));
    }

    @Test
    @DisplayName("calls that only read the default locale still run beside each other")
    void readersStayParallel() throws Exception {
        assertEquals("[1.5, 2.5]", WovenLoader.callBounded(loader.woven(ProcessState.class), "readersStayParallel"));
    }
}
