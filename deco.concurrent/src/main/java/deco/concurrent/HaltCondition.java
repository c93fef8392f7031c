package deco.concurrent;

import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * When {@link Buffer#contains(Object)} may stop searching: given the sought item and the value
 * just read, {@code true} means the item cannot come later. For a non-decreasing sequence, once a
 * value exceeds the item the search is over.
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
     */
    boolean halt(Object sought, Object current);

    /**
     * The default: the sequence never decreases, so stop at the first value greater than the item
     * ({@code Number}s compared as numbers, other {@code Comparable}s by {@code compareTo}). A
     * value that cannot be compared with the item never stops the search.
     *
     * @return the condition
     */
    static HaltCondition uniformlyNonDecreasing() {
        return (sought, current) -> {
            if (sought instanceof Number a && current instanceof Number b) {
                return Double.compare(b.doubleValue(), a.doubleValue()) > 0;
            }
            if (sought instanceof Comparable<?> && current != null && sought.getClass() == current.getClass()) {
                @SuppressWarnings("unchecked")
                Comparable<Object> comparable = (Comparable<Object>) current;
                return comparable.compareTo(sought) > 0;
            }
            return false;
        };
    }

    /**
     * The sequence's absolute values never decrease (a spiral): stop at the first value whose
     * magnitude exceeds the item's. Numbers use {@code Math.abs}; other values their
     * {@link Magnitude}.
     *
     * @return the condition
     */
    static HaltCondition absolutelyNonDecreasing() {
        return (sought, current) -> {
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

    private static double magnitude(Object value) {
        if (value instanceof Number number) {
            return Math.abs(number.doubleValue());
        }
        if (value instanceof Magnitude m) {
            return m.magnitude();
        }
        return Double.NaN;
    }
}
