package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.ParameterUses.Use;
import deco.core.weave.fixtures.CaughtWrites;
import java.lang.classfile.ClassModel;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A {@code put} or {@code set} a method could catch the failure of is written through, not
 * recorded: a recorded one fails only when it is replayed, after the method has gone on as if it
 * succeeded (decision 036). An array store's recording fails where the store would.
 */
@DisplayName("Weaver: a write inside a try that could catch its failure is written through")
class CaughtWritesTest {

    private static final ClassBytesSource CLASSES = ClassBytesSource.of(CaughtWritesTest.class.getClassLoader());

    private final ClassModel model = FixtureClasses.parse(CaughtWrites.class);

    @Test
    @DisplayName("outside a try, or in one that catches only checked exceptions, a write is recorded")
    void recorded() {
        assertEquals(List.of(Use.RECORDED_WRITES), uses("putOutsideTry"));
        assertEquals(List.of(Use.RECORDED_WRITES), uses("putCatchingIo"), "IOException: a write never throws it");
        assertEquals(List.of(Use.RECORDED_WRITES), uses("putCatchingApplicationChecked"), "read from its class file");
        assertEquals(List.of(Use.RECORDED_WRITES), uses("setBeforeTry"), "the try covers only what follows");
        assertEquals(List.of(Use.RECORDED_WRITES), uses("storeCatchingThrowable"),
                "an array store's recording fails where the store would");
    }

    @Test
    @DisplayName("a put or set in a try whose handler may catch an unchecked exception — finally included — is written through")
    void writtenThrough() {
        assertEquals(List.of(Use.READ_WRITE), uses("putCatchingRuntime"));
        assertEquals(List.of(Use.READ_WRITE), uses("setInTryFinally"));
        assertEquals(List.of(Use.READ_WRITE), uses("putCatchingApplicationUnchecked"), "read from its class file");
    }

    private List<Use> uses(String name) {
        return FixtureClasses.uses(model, name, new CalleeSummaries(CLASSES)).parameters();
    }
}
