package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Weaver: what an array may be or reach, by declared types")
class ArrayReachTest {

    private static final ClassDesc INTS = ConstantDescs.CD_int.arrayType();
    private static final ClassDesc DOUBLES = ConstantDescs.CD_double.arrayType();
    private static final ClassDesc STRINGS = ConstantDescs.CD_String.arrayType();
    private static final ClassDesc INTEGERS = ConstantDescs.CD_Integer.arrayType();
    private static final ClassDesc OBJECTS = ConstantDescs.CD_Object.arrayType();
    private static final ClassDesc NUMBERS = ClassDesc.of("java.lang.Number").arrayType();
    private static final ClassDesc APPLICATION_TYPES = ClassDesc.of("app.Cell").arrayType();
    private static final ClassDesc LIST = ClassDesc.of("java.util.List");

    @Test
    @DisplayName("an array of numbers reaches only itself and its sub-arrays")
    void numbersReachOnlyTheirOwnArrays() {
        assertTrue(ArrayReach.mayReach(INTS, INTS));
        assertFalse(ArrayReach.mayReach(DOUBLES, INTS));
        assertTrue(ArrayReach.mayReach(INTS.arrayType(), INTS), "a row of the grid");
        assertFalse(ArrayReach.mayReach(INTS, INTS.arrayType()));
        assertFalse(ArrayReach.mayReach(INTS, LIST));
    }

    @Test
    @DisplayName("a store into a declared Object[] or Number[] may be a store into a String[], an Integer[] or an int[][]")
    void storesFollowArrayCovariance() {
        assertTrue(ArrayReach.mayReach(STRINGS, OBJECTS));
        assertTrue(ArrayReach.mayReach(INTEGERS, NUMBERS));
        assertTrue(ArrayReach.mayReach(INTS.arrayType(), OBJECTS));
        assertTrue(ArrayReach.mayReach(INTS, ConstantDescs.CD_Object));
        assertTrue(ArrayReach.mayReach(STRINGS, ClassDesc.of("java.io.Serializable")));
        assertFalse(ArrayReach.mayReach(INTS, OBJECTS), "an int[] is no Object[]");
        assertFalse(ArrayReach.mayReach(INTEGERS, STRINGS));
        assertFalse(ArrayReach.mayReach(STRINGS, APPLICATION_TYPES));
    }

    @Test
    @DisplayName("any other reference, or a type not known, may reach anything")
    void otherReferencesReachAnything() {
        assertTrue(ArrayReach.mayReach(LIST, INTS));
        assertTrue(ArrayReach.mayReach(OBJECTS, INTS));
        assertTrue(ArrayReach.mayReach(APPLICATION_TYPES, INTS));
        assertTrue(ArrayReach.mayReach(INTS, null));
    }

    @Test
    @DisplayName("one-dimensional arrays of numbers, strings or boxes are told apart by identity alone")
    void identityTellsApartOnlyFlatArraysOfValues() {
        assertTrue(ArrayReach.readsOnlyItself(INTS));
        assertTrue(ArrayReach.readsOnlyItself(DOUBLES));
        assertTrue(ArrayReach.readsOnlyItself(STRINGS));
        assertTrue(ArrayReach.readsOnlyItself(INTEGERS));
        assertFalse(ArrayReach.readsOnlyItself(INTS.arrayType()), "rows may be shared");
        assertFalse(ArrayReach.readsOnlyItself(OBJECTS));
        assertFalse(ArrayReach.readsOnlyItself(ClassDesc.of("java.math.BigInteger").arrayType()), "not final");
        assertFalse(ArrayReach.readsOnlyItself(LIST));
        assertFalse(ArrayReach.readsOnlyItself(null));
    }
}
