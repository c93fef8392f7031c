package deco.core.woven;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One recorded index-based write to an argument of a forked {@code @Concurrent} call: what
 * {@link MutationLog} holds and replays. <strong>Not API.</strong>
 *
 * @param kind   which store it is
 * @param target the argument written (a {@code Map}, a {@code List} or an array)
 * @param key    the map key, or the list or array index as an {@code Integer}
 * @param value  the value stored (boxed for primitive arrays)
 */
public record Write(Kind kind, Object target, Object key, Object value) implements Serializable {

    /**
     * The stores deco records ({@code MAP_PUT}, {@code LIST_SET}, {@code ARRAY_STORE}) or defers
     * to the event as a woven loop's store of a {@code @Concurrent} result (all four).
     */
    public enum Kind {
        /** {@code map.put(key, value)} */
        MAP_PUT,
        /** {@code list.set(index, value)} */
        LIST_SET,
        /** {@code array[index] = value}, any array type */
        ARRAY_STORE,
        /** {@code collection.add(value)}: deferred, never recorded */
        COLLECTION_ADD;

        /**
         * Whether this store into {@code target} surely leaves every list's size as it was: an
         * array store, or a {@code put} or {@code set} into one of the JDK's collections (a
         * user's may do anything; an {@code add} grows its target).
         *
         * @param target what is written, {@code null} if not known
         * @return {@code true} if no list's size can change
         */
        boolean keepsListSizes(Object target) {
            return this == ARRAY_STORE || this != COLLECTION_ADD && target != null && KnownRefusals.jdk(target);
        }
    }

    /**
     * Performs the write on {@link #target()}.
     *
     * @throws RuntimeException what the store throws (an index out of range, a read-only map ...)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void apply() {
        switch (kind) {
            case MAP_PUT -> ((Map) target).put(key, value);
            case LIST_SET -> ((List) target).set((Integer) key, value);
            case ARRAY_STORE -> storeIntoArray(target, (Integer) key, value);
            case COLLECTION_ADD -> ((Collection) target).add(value);
        }
    }

    /** {@return whether this write surely leaves every list's size as it was ({@link Kind#keepsListSizes})} */
    boolean keepsListSizes() {
        return kind.keepsListSizes(target);
    }

    /**
     * The same write into another object: the owner's copy of the argument a remote call wrote.
     *
     * @param otherTarget the object to write into instead
     * @return the write
     */
    public Write to(Object otherTarget) {
        return new Write(kind, otherTarget, key, value);
    }

    private static void storeIntoArray(Object array, int index, Object value) {
        switch (array) {
            case int[] ints -> ints[index] = (Integer) value;
            case long[] longs -> longs[index] = (Long) value;
            case double[] doubles -> doubles[index] = (Double) value;
            case float[] floats -> floats[index] = (Float) value;
            case byte[] bytes -> bytes[index] = (Byte) value;
            case boolean[] booleans -> booleans[index] = (Boolean) value;
            case char[] chars -> chars[index] = (Character) value;
            case short[] shorts -> shorts[index] = (Short) value;
            case Object[] objects -> objects[index] = value;
            default -> throw new IllegalArgumentException("not an array: " + array.getClass().getName());
        }
    }
}
