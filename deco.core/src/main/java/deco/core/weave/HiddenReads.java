package deco.core.weave;

import java.lang.constant.ClassDesc;
import java.util.Set;

/**
 * The objects a {@code @Concurrent} method may read other than through its parameters: what the
 * reference fields it reads hold (of its receiver, of statics, of whatever it reached), named by
 * the fields' declared types, or anything at all ({@code untyped}) when it calls application code
 * that reads hidden state, runs a lambda, reads a {@code ScopedValue} or hands its receiver itself
 * to code (decision 043).
 *
 * <p>Index writes change elements of arrays and contents of collections, never a field; to see
 * such a write, code must hold a reference to the written object, so a number read from a field
 * sees none, and neither does a field of an immutable type. A primitive array holds no references,
 * so a {@code double[]} field reaches only {@code double[]} objects; any other reference may reach
 * anything.
 *
 * @param untyped whether the method may read objects the weaver cannot name by type
 * @param types   the declared types of the reference fields it reads (immutable types left out)
 */
record HiddenReads(boolean untyped, Set<ClassDesc> types) {

    /** Reads nothing through fields, statics or unseen code. */
    static final HiddenReads NONE = new HiddenReads(false, Set.of());
    /** May read anything: code the weaver cannot see. */
    static final HiddenReads ANY = new HiddenReads(true, Set.of());

    /** Whether the method reads any object this way. */
    boolean any() {
        return untyped || !types.isEmpty();
    }

    /**
     * Whether what the method reads this way may be, or hold a path to, an object of type
     * {@code written} whose elements or contents pending work writes; {@code null}: of a type not known.
     */
    boolean mayReach(ClassDesc written) {
        if (untyped) {
            return true;
        }
        for (ClassDesc type : types) { // no stream: the agent weaves on the start-up path (decision 015)
            if (written == null || ArrayReach.mayReach(type, written)) {
                return true;
            }
        }
        return false;
    }

    /** {@return what either reads: a call that runs one of two methods (decision 052)} */
    HiddenReads or(HiddenReads other) {
        Set<ClassDesc> both = new java.util.HashSet<>(types);
        both.addAll(other.types);
        return new HiddenReads(untyped || other.untyped, Set.copyOf(both));
    }

    // equals by hand: a record's own bootstrap costs milliseconds on the agent's path (decision 015)
    boolean same(HiddenReads other) {
        return untyped == other.untyped && types.equals(other.types);
    }
}
