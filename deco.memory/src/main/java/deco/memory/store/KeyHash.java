package deco.memory.store;

/**
 * The 64-bit hash that chooses a key's part: a function of the stored key's content only, the
 * same in every process and every run. Independent of Chronicle Map's own hash (which picks the
 * segment inside a part), so the keys of one part still spread over all its segments.
 */
final class KeyHash {

    private KeyHash() {
    }

    /**
     * @param stored a stored key: {@code Long}, {@code Integer}, {@code Double}, {@code String} or
     *               {@code byte[]}
     * @return its hash
     */
    static long of(Object stored) {
        if (stored instanceof Long l) {
            return mix(l); // the common key, before the type switch
        }
        return switch (stored) {
            case Integer i -> mix(i);
            case Double d -> mix(Double.doubleToLongBits(d));
            case String s -> mix(s.hashCode()); // specified by the JLS, so stable; cached in the String
            case byte[] b -> ofBytes(b);
            default -> throw new IllegalArgumentException("no stored key: " + stored.getClass());
        };
    }

    private static long ofBytes(byte[] bytes) {
        long h = 0xcbf29ce484222325L ^ bytes.length;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** MurmurHash3's finaliser: a bijection on longs whose every output bit depends on every input bit. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
