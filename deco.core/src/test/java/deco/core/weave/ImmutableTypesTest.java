package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.core.weave.fixtures.ValueTypes;
import java.lang.constant.ClassDesc;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which types' instances never change, read from class files (decisions 013, 065). */
@DisplayName("Weaver: immutable types, by their class files")
class ImmutableTypesTest {

    private final ImmutableTypes types = new ImmutableTypes(ClassBytesSource.of(ImmutableTypesTest.class.getClassLoader()));

    private static ClassDesc of(Class<?> type) {
        return type.describeConstable().orElseThrow();
    }

    @Test
    @DisplayName("strings, boxes, enums of plain constants and records of such components are values")
    void values() {
        assertTrue(types.isImmutable(of(String.class)));
        assertTrue(types.isImmutable(of(Integer.class)));
        assertTrue(types.isImmutable(of(ValueTypes.Plain.class)));
        assertTrue(types.isImmutable(of(ValueTypes.Point.class)));
    }

    @Test
    @DisplayName("an enum whose constants have bodies holding nothing is a value")
    void constantBodiesWithoutState() {
        assertTrue(types.isImmutable(of(ValueTypes.Operation.class)));
    }

    @Test
    @DisplayName("an enum holding a count, in itself or in a constant's body, is state, and so is a record of one")
    void enumsThatCount() {
        assertFalse(types.isImmutable(of(ValueTypes.Tally.class)));
        assertFalse(types.isImmutable(of(ValueTypes.Counter.class)), "ONE { int count; }: the body's field counts");
        assertFalse(types.isImmutable(of(ValueTypes.Holder.class)));
    }

    @Test
    @DisplayName("lists and arrays are state")
    void collectionsAndArrays() {
        assertFalse(types.isImmutable(of(java.util.List.class)));
        assertFalse(types.isImmutable(of(int[].class)));
    }
}
