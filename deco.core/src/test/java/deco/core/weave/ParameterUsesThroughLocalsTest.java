package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.core.weave.ParameterUses.Use;
import deco.core.weave.fixtures.Outside;
import java.lang.classfile.ClassModel;
import java.lang.constant.ClassDesc;
import java.util.List;
import java.util.Set;
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
    @DisplayName("stepping an iterator it made reads the collection; stepping one or a scanner it is given, "
            + "or calling a supplier or a comparator, writes it (decision 062)")
    void iteratorsStepped() {
        assertEquals(List.of(Use.READ), uses("walksWithAnIteratorItMakes").parameters(),
                "a for-each, a while loop and a list iterator walking backwards over a list it is given");
        assertEquals(List.of(Use.READ), uses("walksThenReusesTheSlot").parameters(),
                "javac gives the iterator's slot to a later variable");
        assertEquals(List.of(Use.READ_WRITE, Use.READ_WRITE, Use.NONE), uses("stepsOneOfTwo").parameters(),
                "either iterator may be stepped: the local's uses are both parameters' (the list's, a write, to be safe)");
        assertEquals(List.of(Use.READ_WRITE, Use.READ_WRITE), uses("stepsTheGivenOneOnTheSecondRound").parameters(),
                "the local holds the given iterator from the second round on");
        assertEquals(List.of(Use.READ_WRITE), uses("stepsAnIteratorItIsGiven").parameters(), "next() moves its cursor");
        assertEquals(List.of(Use.READ_WRITE), uses("stepsAScannerItIsGiven").parameters(), "next() reads on");
        assertEquals(List.of(Use.READ_WRITE), uses("callsASupplierItIsGiven").parameters(), "get() runs a lambda's body");
        assertEquals(List.of(Use.READ_WRITE, Use.READ_WRITE), uses("mapsWithAFunctionItIsGiven").parameters(),
                "a stream runs the function it is given, fed the list's elements, which it may write (decision 064)");
        assertEquals(List.of(Use.READ), uses("mapsWithALambdaItMakes").parameters(), "a lambda's body is its own");
        assertEquals(List.of(Use.READ_WRITE, Use.READ_WRITE), uses("readsABufferItIsGiven").parameters(),
                "a buffer's get() moves its position, get(i, dst) fills dst");
        assertEquals(List.of(Use.READ_WRITE), uses("comparesWithAComparatorItIsGiven").parameters(),
                "compare() runs a lambda's body");
        assertEquals(List.of(Use.READ_WRITE), uses("stepsAnIteratorItMadeInAHelper").parameters(),
                "an iterator handed on is no longer the method's own (taken as a write of what it walks)");
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
        assertEquals(List.of(Use.READ), uses("copiesSortsAndExtendsTheCopy").parameters(),
                "sort(null), Collections.reverse and add change only the copy's storage");
        assertEquals(List.of(Use.READ), uses("mediansACopy").parameters(), "an Integer returned lets nothing out");
        for (String name : List.of("sortsACopyWithALambda", "sortsACopyByAKey", "sortsACopyByAKeyReversed")) {
            assertEquals(List.of(Use.READ), uses(name).parameters(),
                    name + ": a comparator made of functions that write nothing writes nothing");
        }
    }

    @Test
    @DisplayName("a copy's elements are the original's: a write through one, or the copy let out, writes the original")
    void copiesShareTheirElements() {
        for (String name : List.of("writesThroughACopysElement", "writesThroughALocalHoldingACopysElement",
                "writesThroughACopyOfACopy", "writesThroughAnArrayItFilled", "returnsACopy",
                "returnsAnElementOfACopy", "sortsACopyWithAWritingTieBreak")) {
            assertEquals(List.of(Use.READ_WRITE), uses(name).parameters(), name);
        }
        assertEquals(List.of(Use.READ_WRITE, Use.READ_WRITE), uses("sortsACopyWithAComparatorItIsGiven").parameters(),
                "a comparator it is given may write the elements it compares (decision 064)");
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

    @Test
    @DisplayName("a pattern switch, an enum switch, a record's generated methods and a concatenation only read what they are given")
    void operationsOverWhatTheyAreGiven() {
        for (String method : List.of("switchesOnPatterns", "switchesOnAnEnum", "comparesRecords", "describesHolder",
                "concatenates")) {
            ParameterUses uses = uses(method);
            assertEquals("reads false writes false returns false", outside(uses), method);
            assertTrue(uses.parameters().stream().allMatch(use -> use == Use.READ), method + ": " + uses.parameters());
            assertTrue(uses.shippable(), method + " may run in another JVM");
        }
        assertEquals(HiddenReads.NONE, uses("switchesOnPatterns").hiddenReads(), "a switch reads no field");
        ParameterUses onEnum = uses("switchesOnAnEnum");
        assertFalse(onEnum.readsHidden(), "javac's $SwitchMap$ table is filled once and never changes");
        assertEquals("reads false writes false returns false", outside(onEnum));
        assertFalse(uses("switchesAsEcjDoes").outside().writes(), "ECJ's table, filled the first time: no static written");
        assertEquals(HiddenReads.NONE, uses("concatenates").hiddenReads());
    }

    @Test
    @DisplayName("an array's clone() and an enum's values() are the JDK's: they write nothing outside")
    void arraysAndEnumsAreTheJdks() {
        ParameterUses copies = uses("copiesAnArray");
        assertEquals("reads false writes false returns false", outside(copies));
        assertEquals(List.of(Use.READ), copies.parameters());
        assertTrue(copies.shippable());
        ParameterUses counts = uses("countsTheConstants");
        assertFalse(counts.outside().writes(), "Speed.values() reads the static array of constants and clones it");
        assertTrue(counts.shippable());
    }

    @Test
    @DisplayName("a stream and Collections.max or unmodifiableList only read a collection; a view written through writes it")
    void streamsAndCollectionsQueries() {
        assertEquals(Use.READ, uses("streamsOverAParameter").parameters().get(0));
        assertEquals(List.of(Use.READ), uses("largestOfAParameter").parameters());
        assertEquals(List.of(Use.READ_WRITE), uses("writesThroughAsList").parameters(), "Arrays.asList(a).set writes a");
        assertEquals(List.of(Use.READ, Use.READ_WRITE), uses("collectsIntoAParameter").parameters(),
                "the supplier lambda captured the target");
    }

    @Test
    @DisplayName("a record's generated methods read its fields, by their types; an application object's, anything")
    void recordMethodsReadTheirFields() {
        ParameterUses pair = uses("comparesRecords");
        assertTrue(pair.readsHidden());
        assertEquals(new HiddenReads(false, Set.of(ClassDesc.of("java.util.List"))), pair.hiddenReads(),
                "the List component, not the int or the String");
        assertTrue(uses("describesHolder").hiddenReads().untyped(), "Outside's own toString is not followed");
    }

    @Test
    @DisplayName("an object the method makes and writes the fields of hands itself to no one: no untyped reads")
    void constructorsAndSettersHandNothingOn() {
        assertEquals(HiddenReads.NONE, uses("countsOnItsOwn").hiddenReads(),
                "super() of Object, this.count = ..., a method reading its own field");
    }

    @Test
    @DisplayName("a static final number or string is a constant: reading it reads no state; a counter or a final array is state")
    void constantsAreNoState() {
        ParameterUses constants = uses("readsConstants");
        assertFalse(constants.readsHidden(), "set once, while the class initialises");
        assertEquals("reads false writes false returns false", outside(constants));
        assertTrue(uses("readsACounter").readsHidden());
        assertTrue(uses("readsACounter").outside().reads());
        assertTrue(uses("readsAFinalTable").readsHidden(), "the field is final, its array is not");
    }

    @Test
    @DisplayName("what a static map holds, or an enum's constant looked up by name, is state other code holds too;"
            + " reflection reaches anything (decision 063)")
    void sharedObjectsAndReflection() {
        assertEquals("reads true writes false returns true", outside(uses("looksUpInAStaticMap")));
        assertEquals("reads true writes false returns true", outside(uses("looksUpAConstant")),
                "Tally.valueOf calls Enum.valueOf, which hands out the constant");
        assertEquals("reads true writes false returns true", outside(uses("looksUpAConstantThroughEnum")));
        assertTrue(uses("looksUpAConstant").hiddenReads().mayReach(null), "as a static of its type would be");
        assertEquals("reads true writes false returns false", outside(uses("asksTheProcess")),
                "Runtime.getRuntime() is shared, so asking it reads shared state; pid() and availableProcessors()"
                        + " write nothing, so such a call still runs on a cluster member");
        assertTrue(uses("asksTheProcess").shippable());
        assertEquals("reads false writes false returns false", outside(uses("theCurrentThread")),
                "the thread that runs a call is assumed, not followed (decision 046)");
        assertEquals("reads true writes true returns true", outside(uses("invokesByReflection")));
        assertEquals("reads false writes false returns false", outside(uses("namesAMethod")),
                "a method's name and parameter count");
    }

    @Test
    @DisplayName("asking a thread a static holds for its name, id, state or stack reads it and writes nothing")
    void threadQueriesOnlyRead() {
        assertEquals("reads true writes false returns false", outside(uses("asksAboutAThread")));
    }

    @Test
    @DisplayName("setting a system property or the default locale, itself or through a lambda, sets process-wide state and keeps the call home")
    void processStateSetters() {
        for (String name : List.of("setsAProperty", "setsTheLocaleThroughALambda",
                "setsTheLocaleThroughAMethodReference")) {
            ParameterUses uses = uses(name);
            assertTrue(uses.outside().setsProcessState(), name);
            assertTrue(uses.outside().writes(), name);
            assertFalse(uses.shippable(), name);
        }
        assertFalse(uses("readsTheLocaleAndAProperty").outside().setsProcessState(),
                "formatting and reading a property set nothing");
    }

    @Test
    @DisplayName("files read or changed by their names, directly, in a helper or through a method reference")
    void fileSystem() {
        for (String name : List.of("writesAFile", "opensAWriterThroughAHelper", "deletesThroughAMethodReference")) {
            ParameterUses uses = uses(name);
            assertEquals(FileSystemUse.WRITES, uses.outside().files(), name);
        }
        for (String name : List.of("readsAFile", "readsThroughFileAndScansAString")) {
            ParameterUses uses = uses(name);
            assertEquals(FileSystemUse.READS, uses.outside().files(), name);
        }
        assertEquals(FileSystemUse.NONE, uses("touchesNoFile").outside().files(),
                "path arithmetic and a scanner over a string");
        assertFalse(uses("writesAFile").outside().writes(), "a file is not a static: no order against static readers");
        assertTrue(uses("writesAFile").shippable(), "a member writes its own files (decision 019)");
    }

    private static String outside(ParameterUses uses) {
        ParameterUses.Outside outside = uses.outside();
        return "reads " + outside.reads() + " writes " + outside.writes() + " returns " + outside.returns();
    }

    private ParameterUses uses(String name) {
        return FixtureClasses.uses(model, name, new CalleeSummaries(CLASSES));
    }
}
