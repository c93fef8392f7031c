package deco.core.weave;

/**
 * Where a reference on the operand stack comes from: a local variable slot, or a field (of
 * {@code this} or static). A store into {@code results.get(lat)} has the root of {@code results}.
 *
 * @param slot  the local variable slot, or -1 for a field
 * @param owner the field's class, for a field
 * @param field the field's name, for a field
 */
record Root(int slot, String owner, String field) {

    static Root local(int slot) {
        return new Root(slot, null, null);
    }

    static Root field(String owner, String name) {
        return new Root(-1, owner, name);
    }
}
