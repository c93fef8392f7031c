package deco.memory.store;

/**
 * How many entries each part of a collection is created for (decision 027).
 *
 * <p><b>Uniform</b> (format version 2): every part is created for the manifest's
 * {@code initialCapacity}. <b>Staggered</b> (version 3): the root part is created for
 * {@code initialCapacity}; a part of depth {@code d} for {@code base(d) × 2^u}, where
 * {@code base(d)} doubles with the depth from {@code initialCapacity} up to {@link #TARGET} (or
 * stays at {@code initialCapacity} if that is larger), and {@code u} in {@code [0, 1)} is the
 * part's bits reversed, as a binary fraction. The reversal gives the parts of one depth sizes spread
 * evenly over a factor of two, so that with a uniform hash they fill, and split, at different
 * times: at any size some parts are nearly full and some just split, instead of all of them being
 * half full after a round of splits. A child is never created for fewer entries than its parent,
 * so it starts at most half full.
 *
 * <p>Immutable; a function of the manifest only, so every process sizes a part the same way.
 */
final class PartSizing {

    /** Parts grow to about this many entries (times up to two) before their size stops doubling with depth. */
    static final long TARGET = 1L << 18;

    private final long initialCapacity;
    private final boolean staggered;

    private PartSizing(long initialCapacity, boolean staggered) {
        this.initialCapacity = Math.max(1, initialCapacity);
        this.staggered = staggered;
    }

    /** @return the sizing the collection of this manifest was created with */
    static PartSizing of(Manifest manifest) {
        return new PartSizing(manifest.initialCapacity(), manifest.version() >= 3);
    }

    /**
     * @param part a part
     * @return the entries its Chronicle Map file is created for
     */
    long entries(PartId part) {
        if (!staggered) {
            return initialCapacity;
        }
        long base = initialCapacity >= TARGET ? initialCapacity : Math.min(TARGET, initialCapacity << part.depth());
        return Math.round(base * Math.pow(2, fraction(part)));
    }

    /** @return the part's bits reversed as a binary fraction: 0, 1/2, 1/4, 3/4, ... in [0, 1) */
    static double fraction(PartId part) {
        int depth = part.depth(); // at most Layout.MAX_DEPTH; at 0, bits is 0 and so is the fraction
        return (Integer.reverse(part.bits()) >>> (32 - depth)) / (double) (1 << depth);
    }
}
