package deco.core.weave;

/**
 * Where a reference on the operand stack comes from, as far as the analysis of one method can
 * name it: a local variable slot, a field, an object the method allocated, the result of a call,
 * or {@link #HIDDEN} (what the method cannot name: objects reachable from fields, parameters or
 * code it does not see). A store into {@code results.get(lat)} has the root of {@code results}.
 *
 * @param kind  what kind of root
 * @param slot  the local variable slot, or the element index of the allocation or call
 * @param owner the field's class, for a field
 * @param field the field's name, for a field
 */
record Root(Kind kind, int slot, String owner, String field) {

    enum Kind { LOCAL, FIELD, ALLOCATION, RESULT, HIDDEN }

    /** Everything the analysed method cannot name or bound: fields, parameters, other code's objects. */
    static final Root HIDDEN = new Root(Kind.HIDDEN, -1, null, null);

    static Root local(int slot) {
        return new Root(Kind.LOCAL, slot, null, null);
    }

    static Root field(String owner, String name) {
        return new Root(Kind.FIELD, -1, owner, name);
    }

    /** An object created at element {@code index} ({@code new}, {@code newarray}). */
    static Root allocation(int index) {
        return new Root(Kind.ALLOCATION, index, null, null);
    }

    /** The result of the call at element {@code index}. */
    static Root result(int index) {
        return new Root(Kind.RESULT, index, null, null);
    }

    // equals and hashCode by hand: a record's own bootstrap (ObjectMethods) costs milliseconds on
    // the application's start-up path, where the agent weaves (decision 015)

    @Override
    public boolean equals(Object other) {
        return other instanceof Root root && kind == root.kind && slot == root.slot
                && java.util.Objects.equals(owner, root.owner) && java.util.Objects.equals(field, root.field);
    }

    @Override
    public int hashCode() {
        return (kind.ordinal() * 31 + slot) * 31 + java.util.Objects.hashCode(field);
    }
}
