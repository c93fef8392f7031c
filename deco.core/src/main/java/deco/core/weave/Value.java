package deco.core.weave;

/**
 * One value on the simulated operand stack.
 *
 * @param size     1 or 2 slots
 * @param root     where a reference came from, or {@code null}
 * @param rootLoad the element index of the instruction that loaded {@code root}, or -1
 * @param direct   {@code true} if the value is the root itself (a local or field as loaded), not
 *                 something reached through it
 * @param result   the {@code @Concurrent} call whose (possibly converted) result this is, or
 *                 {@code null}
 */
record Value(int size, Root root, int rootLoad, boolean direct, ConcurrentCall result) {

    static final Value CATEGORY_1 = new Value(1, null, -1, false, null);
    static final Value CATEGORY_2 = new Value(2, null, -1, false, null);

    static Value ofSize(int size) {
        return size == 2 ? CATEGORY_2 : CATEGORY_1;
    }

    static Value loaded(Root root, int index) {
        return new Value(1, root, index, true, null);
    }

    /** A value reached through this one (a call on it, an element of it): same root, not direct. */
    Value derived(int size) {
        return new Value(size, root, rootLoad, false, null);
    }

    Value withResult(ConcurrentCall call) {
        return new Value(size, null, -1, false, call);
    }

    // equals and hashCode by hand, as Root's: the stack model compares values at every branch
    // target on the agent's weaving path, where a record's own bootstrap costs milliseconds
    // (decision 015); a call is compared by identity, as the record would

    @Override
    public boolean equals(Object other) {
        return other instanceof Value value && size == value.size && rootLoad == value.rootLoad
                && direct == value.direct && result == value.result && java.util.Objects.equals(root, value.root);
    }

    @Override
    public int hashCode() {
        return (java.util.Objects.hashCode(root) * 31 + rootLoad) * 31 + size;
    }
}
