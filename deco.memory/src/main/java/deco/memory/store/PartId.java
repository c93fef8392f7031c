package deco.memory.store;

/**
 * One part of a hash-addressed collection: the keys whose hash has {@code bits} in its low
 * {@code depth} bits (extendible hashing). Parts only ever split: {@code (d, b)} becomes
 * {@code (d + 1, b)} and {@code (d + 1, b | 1 << d)}, so a part id is never reused once retired.
 *
 * @param depth how many low hash bits the part's keys share, 0 to {@link Layout#MAX_DEPTH}
 * @param bits  the shared bits, below {@code 1 << depth}
 */
record PartId(int depth, int bits) {

    PartId {
        if (depth < 0 || depth > Layout.MAX_DEPTH || bits < 0 || (depth < 31 && bits >= 1 << depth)) {
            throw new IllegalArgumentException("no part " + depth + "/" + bits);
        }
    }

    /** @return whether a key of this hash belongs here */
    boolean holds(long hash) {
        return (hash & mask()) == bits;
    }

    /** @return the two children, lower bit 0 first */
    PartId[] children() {
        return new PartId[] {new PartId(depth + 1, bits), new PartId(depth + 1, bits | 1 << depth)};
    }

    /** @return the part this one was split from, or null for the root */
    PartId parent() {
        return depth == 0 ? null : new PartId(depth - 1, bits & ((1 << (depth - 1)) - 1));
    }

    /** @return whether this part is a child, grandchild, ... of {@code ancestor} (split from it) */
    boolean descendsFrom(PartId ancestor) {
        return depth > ancestor.depth && (bits & ancestor.mask()) == ancestor.bits;
    }

    long mask() {
        return (1L << depth) - 1;
    }

    /** @return the file name of this part in a collection with this id */
    String fileName(long collectionId) {
        return "part-" + Long.toHexString(collectionId) + "-" + depth + "-" + Integer.toHexString(bits) + ".cm";
    }

    /**
     * @param name a file name
     * @return the part a {@link #fileName} names, or null if the name is not one
     */
    static PartId ofFileName(String name) {
        String[] pieces = name.endsWith(".cm") ? name.substring(0, name.length() - 3).split("-") : new String[0];
        if (pieces.length != 4 || !pieces[0].equals("part")) {
            return null;
        }
        try {
            return new PartId(Integer.parseInt(pieces[2]), Integer.parseInt(pieces[3], 16));
        } catch (IllegalArgumentException notAPart) { // NumberFormatException included
            return null;
        }
    }

    /** @return a positive number naming this part in the layout file; 0 means none */
    long encode() {
        return ((long) depth << 32 | bits) + 1;
    }

    /** @return the part {@link #encode} gave, or null for 0 */
    static PartId decode(long encoded) {
        if (encoded == 0) {
            return null;
        }
        long value = encoded - 1;
        return new PartId((int) (value >>> 32), (int) value);
    }

    @Override
    public String toString() {
        return "part " + depth + "/" + Integer.toHexString(bits);
    }
}
