package deco.concurrent;

import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * When {@link Buffer#contains(Object)} may stop searching: given the sought item and the value
 * just read, {@code true} means the item cannot come later. For a non-decreasing sequence, once a
 * value exceeds the item the search is over.
 *
 * <p>{@code contains} calls the condition on its own thread, once for each value it reads that is
 * not the item; the built-in conditions are stateless and may be shared by any number of buffers.
 *
 * @see #uniformlyNonDecreasing()
 * @see #absolutelyNonDecreasing()
 */
@FunctionalInterface
public interface HaltCondition {

    /**
     * Whether {@code sought} can no longer come after {@code current}.
     *
     * @param sought  the item {@code contains} looks for
     * @param current the value just read (not equal to {@code sought})
     * @return {@code true} to stop: the item is not in the rest of the sequence
     * @throws IllegalArgumentException if the condition cannot compare the two (the built-in
     *                                  conditions, for values of kinds they do not order); the
     *                                  search ends with it
     */
    boolean halt(Object sought, Object current);

    /**
     * The default: the sequence never decreases, so stop at the first value greater than the item
     * ({@code Number}s compared as numbers, other {@code Comparable}s by {@code compareTo} when one
     * is an instance of the other's class, enum constants of one enum by their order).
     *
     * <p>A value the item cannot be compared with ends the search with an exception rather than
     * searching on: in a non-decreasing sequence of one kind, such an item can never be found, and
     * on an infinite sequence the search would never return. For a sequence of mixed kinds, use
     * {@link #never()} or a condition of your own.
     *
     * @return the condition; its {@code halt} throws {@link IllegalArgumentException} for an item
     *         and a value it cannot compare
     */
    static HaltCondition uniformlyNonDecreasing() {
        return (sought, current) -> {
            if (sought instanceof Number a && current instanceof Number b) {
                return Double.compare(b.doubleValue(), a.doubleValue()) > 0;
            }
            if (sought instanceof Enum<?> a && current instanceof Enum<?> b
                    && a.getDeclaringClass() == b.getDeclaringClass()) {
                return b.ordinal() > a.ordinal();
            }
            if (sought instanceof Comparable<?> && current instanceof Comparable<?>
                    && (current.getClass().isInstance(sought) || sought.getClass().isInstance(current))) {
                @SuppressWarnings("unchecked")
                Comparable<Object> comparable = (Comparable<Object>) current;
                return comparable.compareTo(sought) > 0;
            }
            throw cannotCompare("uniformlyNonDecreasing()", sought, current,
                    "compares numbers with numbers and a Comparable with values of its own class");
        };
    }

    /**
     * The sequence's absolute values never decrease (a spiral): stop at the first value whose
     * magnitude exceeds the item's. Numbers use {@code Math.abs}; other values their
     * {@link Magnitude}. An item or value with neither ends the search with an exception, as for
     * {@link #uniformlyNonDecreasing()}.
     *
     * @return the condition; its {@code halt} throws {@link IllegalArgumentException} for an item
     *         or a value without a magnitude
     */
    static HaltCondition absolutelyNonDecreasing() {
        return (sought, current) -> {
            if (!hasMagnitude(sought) || !hasMagnitude(current)) {
                throw cannotCompare("absolutelyNonDecreasing()", sought, current,
                        "compares the magnitudes of Numbers and of HaltCondition.Magnitude values");
            }
            double a = magnitude(sought);
            double b = magnitude(current);
            return !Double.isNaN(a) && !Double.isNaN(b) && b > a;
        };
    }

    /**
     * A search that stops only at the end of the sequence; on an infinite sequence
     * {@code contains} of an absent item never returns.
     *
     * @return the condition
     */
    static HaltCondition never() {
        return (sought, current) -> false;
    }

    /**
     * A halting condition from a predicate.
     *
     * @param halt the test
     * @return a condition from a predicate
     */
    static HaltCondition of(BiPredicate<Object, Object> halt) {
        Objects.requireNonNull(halt, "halt");
        return halt::test;
    }

    /** A value with a magnitude, for {@link #absolutelyNonDecreasing()} (complex numbers, vectors). */
    interface Magnitude {
        /** {@return the absolute value} */
        double magnitude();
    }

    private static boolean hasMagnitude(Object value) {
        return value instanceof Number || value instanceof Magnitude;
    }

    private static double magnitude(Object value) {
        return value instanceof Number number ? Math.abs(number.doubleValue()) : ((Magnitude) value).magnitude();
    }

    private static IllegalArgumentException cannotCompare(String condition, Object sought, Object current,
                                                          String what) {
        return new IllegalArgumentException("cannot tell whether " + describe(sought)
                + " can come after " + describe(current) + ": " + condition + " " + what
                + "; search a sequence of mixed kinds with HaltCondition.never() or a condition of your own");
    }

    private static String describe(Object value) {
        return value == null ? "null" : "the " + value.getClass().getName() + " " + value;
    }
}
