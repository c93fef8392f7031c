package deco.core.weave;

import java.lang.constant.ClassDesc;
import java.lang.invoke.MethodHandles;
import java.util.Set;

/**
 * What an array may be or reach, judged by declared types: the one place the weaver tells objects
 * apart by type (decisions 043 and 054). Index writes change elements of arrays and contents of
 * collections; an array whose elements hold no caller's object (numbers, {@code String}, the boxes,
 * locks and latches) reaches only itself and its sub-arrays, so reading it sees no write to any
 * other array. Any other reference may reach anything. Only the JDK's classes are loaded.
 *
 * <p>Array covariance is respected: a declared {@code Object[]} (or {@code Number[]},
 * {@code Serializable}) may be a {@code String[]} (an {@code Integer[]}, an {@code int[][]}), so
 * a store into it may be a store into an array of those types.
 */
final class ArrayReach {

    /** Element types of arrays whose reads touch nothing but their own elements: final JDK values. */
    private static final Set<String> FINAL_VALUES = Set.of("java/lang/String", "java/lang/Integer",
            "java/lang/Long", "java/lang/Double", "java/lang/Float", "java/lang/Short", "java/lang/Byte",
            "java/lang/Character", "java/lang/Boolean");

    private ArrayReach() {
    }

    /**
     * Whether a value of declared type {@code from} may be, or hold a path to, an object of
     * declared type {@code to} ({@code null}: not known).
     */
    static boolean mayReach(ClassDesc from, ClassDesc to) {
        if (to == null || !from.isArray()) {
            return true;
        }
        ClassDesc element = innermost(from);
        if (!element.isPrimitive() && !ImmutableTypes.isJdkValue(Descriptors.internalName(element))
                && !JdkTypes.holdsNoCallerObjects(element)) {
            return true;
        }
        for (ClassDesc level = from; level.isArray(); level = level.componentType()) {
            if (mayBe(to, level)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether everything done with a value of declared type {@code type} touches that array's
     * elements and nothing else: a one-dimensional array of a primitive, {@code String} or a box
     * (decision 054). Whether it is the array a store writes is then a question of identity.
     */
    static boolean readsOnlyItself(ClassDesc type) {
        if (type == null || !type.isArray() || type.componentType().isArray()) {
            return false;
        }
        ClassDesc element = type.componentType();
        return element.isPrimitive() || FINAL_VALUES.contains(Descriptors.internalName(element));
    }

    /**
     * Whether an object of declared type {@code declared} may be an array of exactly type
     * {@code array}, whose innermost element is a primitive or a JDK class.
     */
    private static boolean mayBe(ClassDesc declared, ClassDesc array) {
        if (declared.equals(array)) {
            return true;
        }
        ClassDesc element = innermost(declared);
        if (!element.isPrimitive() && !JdkTypes.isJdk(Descriptors.internalName(element))) {
            return false; // no array of the JDK's elements is an application type, or an array of one
        }
        Class<?> declaredClass = classOf(declared);
        Class<?> arrayClass = classOf(array);
        return declaredClass == null || arrayClass == null || declaredClass.isAssignableFrom(arrayClass);
    }

    private static ClassDesc innermost(ClassDesc type) {
        ClassDesc element = type;
        while (element.isArray()) {
            element = element.componentType();
        }
        return element;
    }

    /** The class a JDK or primitive type names, or {@code null} if it cannot be loaded. */
    private static Class<?> classOf(ClassDesc type) {
        if (type.isArray()) {
            Class<?> component = classOf(type.componentType());
            return component == null ? null : component.arrayType();
        }
        if (type.isPrimitive()) {
            try {
                return (Class<?>) type.resolveConstantDesc(MethodHandles.publicLookup()); // loads nothing
            } catch (ReflectiveOperationException impossible) {
                throw new AssertionError(impossible);
            }
        }
        Class<?> loaded = JdkTypes.load(Descriptors.internalName(type));
        return loaded == Void.class ? null : loaded;
    }
}
