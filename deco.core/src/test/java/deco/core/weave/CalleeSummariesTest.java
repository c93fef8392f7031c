package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.core.weave.ParameterUses.Use;
import deco.core.weave.fixtures.Callees;
import java.lang.classfile.ClassModel;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a {@code @Concurrent} method does to an object it hands to application code is what that
 * code does to it, read from its class file; what the weaver cannot see into writes (decision 033).
 */
@DisplayName("Weaver: application code a call runs is summarised from its class files")
class CalleeSummariesTest {

    private static final String HIDDEN = "deco/core/weave/fixtures/Callees$Hidden";
    private static final ClassBytesSource CLASSES = ClassBytesSource.of(CalleeSummariesTest.class.getClassLoader());

    private final ClassModel callees = FixtureClasses.parse(Callees.class);

    private ParameterUses uses(String method, CalleeSummaries summaries) {
        return FixtureClasses.uses(callees, method, summaries);
    }

    private ParameterUses uses(String method) {
        return uses(method, new CalleeSummaries(name -> name.equals(HIDDEN) ? null : CLASSES.find(name)));
    }

    @Test
    @DisplayName("an argument passed to a helper that writes it is written; to one that reads it, read")
    void helpersThatWriteOrRead() {
        assertEquals(List.of(Use.READ_WRITE), uses("passesToWriter").parameters());
        assertEquals(List.of(Use.READ), uses("passesToReader").parameters());
        assertEquals(List.of(Use.READ), uses("passesToChain").parameters(), "three helpers deep");
    }

    @Test
    @DisplayName("a helper returning its argument lets it escape: written")
    void returnedArgumentEscapes() {
        assertEquals(List.of(Use.READ_WRITE), uses("passesToIdentity").parameters());
    }

    @Test
    @DisplayName("a getter of the receiver's field is a read; a store into what it returns, a write")
    void gettersOfTheReceiver() {
        assertEquals(Use.READ, uses("readsThroughGetter").receiver());
        assertEquals(Use.READ_WRITE, uses("writesThroughGetter").receiver());
    }

    @Test
    @DisplayName("a callee's call of a method a subclass may override is code the weaver cannot see")
    void overridableCallsInCallees() {
        assertEquals(List.of(Use.READ_WRITE), uses("readsThroughAnOverridableGetter").parameters());
    }

    @Test
    @DisplayName("the receiver written by its own helper, or its field passed to one that writes it, is written")
    void receiverWrittenByHelpers() {
        assertEquals(Use.READ_WRITE, uses("writesThroughHelper").receiver());
        assertEquals(Use.READ_WRITE, uses("passesFieldToWriter").receiver());
        assertEquals(Use.READ, uses("passesFieldToReader").receiver());
    }

    @Test
    @DisplayName("a method inherited from the JDK is judged as the JDK's: size() reads, add() writes")
    void inheritedJdkMethods() {
        assertEquals(List.of(Use.READ), uses("readsJdkMethod").parameters());
        assertEquals(List.of(Use.READ_WRITE), uses("writesJdkMethod").parameters());
    }

    @Test
    @DisplayName("recursion: a recursive reader reads; what recursion writes, in any round, is written")
    void recursion() {
        assertEquals(List.of(Use.READ), uses("passesToRecursiveReader").parameters());
        assertEquals(List.of(Use.READ_WRITE, Use.READ_WRITE), uses("passesToSwappingWriter").parameters(),
                "the first argument is written only by the recursive call");
        assertEquals(List.of(Use.READ_WRITE), uses("passesToMutualRecursion").parameters());
    }

    @Test
    @DisplayName("a summary does not depend on which method was summarised first")
    void orderDoesNotMatter() {
        CalleeSummaries oddFirst = new CalleeSummaries(CLASSES);
        assertEquals(List.of(Use.READ_WRITE), uses("passesToMutualRecursion", oddFirst).parameters());
        assertEquals(List.of(Use.READ_WRITE, Use.READ_WRITE), uses("passesToSwappingWriter", oddFirst).parameters());
        assertEquals(List.of(Use.READ), uses("passesToRecursiveReader", oddFirst).parameters());
        assertEquals(List.of(Use.READ), uses("passesToChain", oddFirst).parameters());
    }

    @Test
    @DisplayName("what the weaver cannot see into writes all it is given: an interface, a missing class")
    void unseenCodeWrites() {
        assertEquals(List.of(Use.READ_WRITE, Use.READ_WRITE), uses("passesToInterface").parameters());
        assertEquals(List.of(Use.READ_WRITE, Use.READ_WRITE), uses("passesToHidden").parameters());
    }

    @Test
    @DisplayName("a sealed type's method does what any implementation does: read, or written if one writes")
    void sealedTypes() {
        assertEquals(List.of(Use.READ, Use.READ), uses("passesToSealedReaders").parameters(),
                "two records, one recursive through the interface, a sealed abstract class on the way");
        assertEquals(List.of(Use.READ, Use.READ_WRITE), uses("passesToSealedWriter").parameters(), "Poke writes");
        ParameterUses kept = FixtureClasses.uses(FixtureClasses.parse(deco.core.weave.fixtures.OutsideState.class),
                "keptThroughASealedType", new CalleeSummaries(CLASSES));
        assertTrue(kept.outside().writes(), "Noted.keep() appends to a static, Quiet.keep() does not: the call may");
        assertTrue(kept.outside().reads());
    }

    @Test
    @DisplayName("past the depth or method limits, a call writes all it is given")
    void limits() {
        assertEquals(List.of(Use.READ_WRITE), uses("passesToChain", new CalleeSummaries(CLASSES, 2, 100)).parameters());
        assertEquals(List.of(Use.READ_WRITE), uses("passesToChain", new CalleeSummaries(CLASSES, 12, 2)).parameters());
        assertEquals(List.of(Use.READ), uses("passesToChain", new CalleeSummaries(CLASSES, 12, 4)).parameters());
    }
}
