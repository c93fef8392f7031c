package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.Printing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A woven loop that prints a {@code @Concurrent} call's result (deco makes that print at the next
 * event) and then prints a line of its own, directly or through a helper: the line waits for the
 * deferred print, so the output is the serial program's, line for line (decision 050). The calls
 * are held until the loop waits, so a line printed ahead shows every time.
 */
@DisplayName("Weaver: a loop's own prints come after the deferred prints of earlier results, as serially")
class WovenPrintingTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"printsResultsThenLines", "helperPrintsAfterResults", "resultsToOutputLinesToError", "stackTraceAfterAResult", "lambdaPrintsAfterAResult"})
    @DisplayName("the serial output, line for line")
    void serialOutput(String form) throws Throwable {
        String serial = printed(() -> WovenLoader.call(new Printing(), form));
        String woven = printed(() -> HeldTasks.run(loader.woven(Printing.class), form));
        assertEquals(serial, woven);
    }

    @Test
    @DisplayName("the serial output is what the forms say it is")
    void serialOutputAsDescribed() throws Throwable {
        assertEquals("0\nafter 0\n10\nafter 1\n20\nafter 2\n30\nafter 3\n",
                printed(() -> WovenLoader.call(new Printing(), "printsResultsThenLines")));
    }

    /** A run of a form, serial or woven. */
    private interface Run {
        Object call() throws Throwable;
    }

    /** What {@code run} printed to standard output and standard error, as one text. */
    private static String printed(Run run) throws Throwable {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            run.call();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
