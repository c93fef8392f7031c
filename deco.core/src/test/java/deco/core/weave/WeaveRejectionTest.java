package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Case 8: forms deco cannot parallelise without changing the program are rejected at weave time,
 * naming {@code File.java:line} and the form. Each fixture marks its offending line
 * {@code // REJECT}; the test finds that line in the source.
 */
class WeaveRejectionTest {

    @ParameterizedTest(name = "case 8: {0} is rejected with \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "BadLocal       | concurrent assignment only implemented for index based objects: assignment to local variable 'x'",
        "BadField       | concurrent assignment only implemented for index based objects: assignment to field 'last'",
        "BadChained     | chained assignment (a[0] = b[0] = f())",
        "BadTwoCalls    | multiple @Concurrent calls in one expression are unsupported",
        "BadArithmetic  | arithmetic on a @Concurrent result (twice(...) + ...) is unsupported",
        "BadArgument    | a @Concurrent call as an argument of another @Concurrent call is unsupported",
        "BadSynchronizedBlock | a @Concurrent call inside a synchronized block is unsupported",
        "BadSynchronizedMethod | a @Concurrent call in a synchronized method is unsupported",
        "BadStaticSynchronizedMethod | a @Concurrent call in a synchronized method is unsupported",
        "BadCatchGoesOn | whose handler (catch java.lang.IllegalStateException) can catch the call's own exception and go on",
        "BadConditional | a @Concurrent call inside a conditional expression",
        "BadUsedResult  | which receives a @Concurrent result, is used",
        "BadReturn      | returning a @Concurrent result is unsupported",
        "BadKeptLock    | a call that may take a lock and keep it receives a @Concurrent result, and a @Concurrent callee takes locks",
    })
    void rejected(String fixture, String form) throws IOException {
        String name = "deco/core/weave/fixtures/bad/" + fixture;
        byte[] bytes;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name + ".class")) {
            bytes = in.readAllBytes();
        }
        Weaver weaver = new Weaver(ClassBytesSource.of(getClass().getClassLoader()));
        WeaveException rejected = assertThrows(WeaveException.class, () -> weaver.weave(bytes));
        int line = rejectLine(Path.of("src/test/java", name + ".java"));
        String expected = fixture + ".java:" + line + ": ";
        assertTrue(rejected.problems().stream().anyMatch(p -> p.startsWith(expected) && p.contains(form)),
                "expected '" + expected + "..." + form + "' in " + rejected.problems());
        assertTrue(rejected.getMessage().contains("deco.core.weave.fixtures.bad." + fixture), rejected.getMessage());
    }

    private static int rejectLine(Path source) throws IOException {
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// REJECT")) {
                return i + 1;
            }
        }
        throw new AssertionError("no REJECT marker in " + source);
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("a class without deco annotations is left alone")
    void nothingToWeave() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("WeaveRejectionTest.class")) {
            bytes = in.readAllBytes();
        }
        assertEquals(null, new Weaver(name -> null).weave(bytes));
    }
}
