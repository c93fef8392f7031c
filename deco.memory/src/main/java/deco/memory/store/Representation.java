package deco.memory.store;

import deco.memory.Codec;
import java.util.Set;

/**
 * How values of one type are stored in a Chronicle Map: in Chronicle's own form for
 * {@code String}, {@code Long}, {@code Integer} and {@code Double} (fast paths; hashed by
 * content), otherwise as the bytes of a {@link Codec}.
 *
 * @param <T> the user's type
 */
public final class Representation<T> {

    private static final Set<Class<?>> NATIVE = Set.of(String.class, Long.class, Integer.class, Double.class);

    private final Codec<T> codec;
    private final boolean nativeForm;
    private final boolean key;

    private Representation(Codec<T> codec, boolean key) {
        this.codec = codec;
        this.nativeForm = NATIVE.contains(codec.type()) && codec.id().startsWith("deco:");
        this.key = key;
    }

    /**
     * @param codec the codec of the type
     * @param <T>   the type
     * @return how values (or list elements) of the type are stored
     */
    public static <T> Representation<T> ofValues(Codec<T> codec) {
        return new Representation<>(codec, false);
    }

    /**
     * Keys in Chronicle's own {@code Double} form take one NaN, as a key codec's bytes do
     * (equal keys, equal bytes: {@code Double.equals} holds for every NaN).
     *
     * @param codec the key codec of the type
     * @param <T>   the type
     * @return how keys of the type are stored
     */
    public static <T> Representation<T> ofKeys(Codec<T> codec) {
        return new Representation<>(codec, true);
    }

    /** @return the class Chronicle Map stores */
    public Class<?> storedClass() {
        return nativeForm ? codec.type() : byte[].class;
    }

    /** @return the codec */
    public Codec<T> codec() {
        return codec;
    }

    /** @return whether the stored form has a fixed size (no average-size hint needed) */
    public boolean fixedSize() {
        return nativeForm && codec.type() != String.class;
    }

    /**
     * @param value a value of the user's type
     * @return its stored form
     * @throws IllegalArgumentException if the codec cannot encode it
     * @throws ClassCastException       if it is not of the type
     */
    public Object toStored(Object value) {
        T typed = codec.type().cast(value);
        if (!nativeForm) {
            return codec.encode(typed);
        }
        return key && typed instanceof Double d && d.isNaN() ? Double.NaN : typed;
    }

    /**
     * @param stored a stored form, or {@code null}
     * @return the value, or {@code null}
     */
    public T fromStored(Object stored) {
        if (stored == null) {
            return null;
        }
        return nativeForm ? codec.type().cast(stored) : codec.decode((byte[]) stored);
    }

    /**
     * @param value anything
     * @return its stored form, or {@code null} if it is not of the type or cannot be encoded (so
     * it cannot be in the collection)
     */
    public Object toStoredOrNull(Object value) {
        if (value == null || !codec.type().isInstance(value)) {
            return null;
        }
        try {
            return toStored(value);
        } catch (IllegalArgumentException cannotEncode) {
            return null;
        }
    }
}
