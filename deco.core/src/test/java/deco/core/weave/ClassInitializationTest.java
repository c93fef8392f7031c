package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.core.weave.fixtures.Initializers;
import java.lang.classfile.ClassModel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a first use of a class runs, as the weaver summarises it (decision 068): the class's static
 * initializer and its superclasses', joined into the summary of the code that may use the class
 * first. An initializer that only sets up its own statics (an enum's constants and lookup table, a
 * map it fills) does nothing outside what it makes.
 */
@DisplayName("Weaver: a first use of a class runs its static initializer")
class ClassInitializationTest {

    private static final ClassBytesSource CLASSES = ClassBytesSource.of(ClassInitializationTest.class.getClassLoader());
    private static final String FIXTURE = "deco/core/weave/fixtures/Initializers";

    private final ClassModel model = FixtureClasses.parse(Initializers.class);

    @Test
    @DisplayName("a callee reading a constant its class computes from a static reads that static")
    void initializerReadingAStatic() {
        ParameterUses uses = uses("scaledByTheFirstStep");
        assertTrue(uses.outside().reads(), "StepAtFirstUse.STEP is computed from Initializers.step at first use");
        assertFalse(uses.outside().writes());
    }

    @Test
    @DisplayName("a callee whose first call, or method reference, initializes a class that appends to a static list writes it")
    void initializerWritingAStatic() {
        assertTrue(uses("twiceWithATool").outside().writes(), "Tool's initializer appends to LOG");
        assertTrue(uses("twiceThroughAReference").outside().writes(), "Doubler::twice, run by the stream, initializes Doubler");
    }

    @Test
    @DisplayName("initializers that set up only their own statics touch nothing outside; the runtime is only read")
    void initializersOfTheirOwnState() {
        ParameterUses uses = uses("meetsAfterFirstUses");
        assertFalse(uses.outside().writes(), "Shade's constants and lookup table, Names' map");
        CalleeSummaries.Walk walk = walk();
        assertNull(walk.initializes(FIXTURE + "$Shade"), "an enum filling a lookup table from values()");
        ParameterUses names = walk.initializes(FIXTURE + "$Names");
        assertNotNull(names, "Runtime.getRuntime() hands out what other code holds");
        assertEquals("reads true writes false", "reads " + names.outside().reads() + " writes " + names.outside().writes());
    }

    @Test
    @DisplayName("the analysed method's own class is initialized before it runs; a class the weaver cannot read may do anything")
    void ownClassAndUnreadableClasses() {
        CalleeSummaries.Walk walk = walk();
        assertNull(walk.initializes(FIXTURE), "the method runs in it: initialized already");
        assertSame(ParameterUses.UNSEEN_INITIALIZER, walk.initializes("deco/core/weave/fixtures/NoSuchClass"));
        ParameterUses late = walk.initializes(FIXTURE + "$Late");
        assertNotNull(late, "Late's constant is computed from Initializers.step");
        assertTrue(late.outside().reads());
    }

    private CalleeSummaries.Walk walk() {
        return new CalleeSummaries(CLASSES).walk(FIXTURE, "constantComputedAtFirstUse()Ljava/util/List;");
    }

    private ParameterUses uses(String name) {
        return FixtureClasses.uses(model, name, new CalleeSummaries(CLASSES));
    }
}
