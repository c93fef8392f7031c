package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.ParameterUses.Use;
import deco.core.weave.fixtures.Outside;
import java.lang.classfile.ClassModel;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A parameter held by a local is used as the local is used, and what a method does to state it is
 * not given — statics, what they reach, lambdas' bodies — is part of its summary (decision 034).
 */
@DisplayName("Weaver: uses through locals, and effects outside what a method is given")
class ParameterUsesThroughLocalsTest {

    private static final ClassBytesSource CLASSES =
            ClassBytesSource.of(ParameterUsesThroughLocalsTest.class.getClassLoader());

    private final ClassModel model = FixtureClasses.parse(Outside.class);

    @Test
    @DisplayName("a for-each loop over a parameter only reads it; a write through the local holding it writes it")
    void parameterHeldByALocal() {
        assertEquals(List.of(Use.READ), uses("forEachReader").parameters());
        assertEquals(List.of(Use.READ), uses("arrayForEachReader").parameters());
        assertEquals(List.of(Use.READ_WRITE), uses("aliasWriter").parameters());
        assertEquals(List.of(Use.READ_WRITE), uses("iteratorRemover").parameters(), "remove() through its iterator");
    }

    @Test
    @DisplayName("JDK calls that return or fill an argument: a write through the result, or the fill, writes it")
    void argumentsReturnedOrFilledByTheJdk() {
        assertEquals(List.of(Use.READ_WRITE), uses("requireNonNullWriter").parameters());
        assertEquals(List.of(Use.READ, Use.READ_WRITE), uses("toArrayFiller").parameters());
    }

    @Test
    @DisplayName("a value of an immutable type is only read, even when it is returned")
    void immutableParameter() {
        assertEquals(List.of(Use.READ), uses("stringReturned").parameters());
    }

    @Test
    @DisplayName("a copy the method made and wrote is its own: nothing outside, the original only read")
    void ownCopy() {
        ParameterUses uses = uses("copiesAndWritesTheCopy");
        assertEquals(List.of(Use.READ), uses.parameters());
        assertEquals("reads false writes false returns false", outside(uses));
    }

    @Test
    @DisplayName("statics read, written, written through a local or a helper, returned; a lambda does what its body does")
    void stateOutside() {
        assertEquals("reads true writes false returns false", outside(uses("readsStatic")));
        assertEquals("reads true writes true returns false", outside(uses("writesStatic")));
        assertEquals("reads true writes true returns false", outside(uses("writesStaticList")));
        assertEquals("reads true writes true returns false", outside(uses("writesThroughLocalFromStatic")));
        assertEquals("reads true writes false returns true", outside(uses("returnsStatic")));
        assertEquals("reads true writes true returns false", outside(uses("writesThroughHelper")));
        assertEquals("reads true writes true returns false", outside(uses("makesLambda")), "its body: counter++");
        assertEquals("reads false writes false returns false", outside(uses("makesPureLambda")), "its body: x * 2");
        assertEquals("reads true writes true returns false", outside(uses("makesReferenceToAStatic")),
                "shared::add captures a static and writes it");
    }

    private static String outside(ParameterUses uses) {
        ParameterUses.Outside outside = uses.outside();
        return "reads " + outside.reads() + " writes " + outside.writes() + " returns " + outside.returns();
    }

    private ParameterUses uses(String name) {
        return FixtureClasses.uses(model, name, new CalleeSummaries(CLASSES));
    }
}
