package deco.memory;

/**
 * How values of one type become bytes and back: for {@code deco.memory}'s {@code DiskDict} and
 * {@code DiskList}, and for {@code deco.concurrent}'s {@code Buffer} queues and {@code Cache}
 * journals.
 *
 * <p>Built-in codecs ({@link #forType(Class)}) cover {@code String}, the boxed primitives,
 * {@code byte[]}, {@code Object} (a tagged mix of those and {@code Serializable}s), any
 * {@link java.io.Serializable} type, and records (component by component, if not
 * {@code Serializable}). {@code String}, {@code Long},
 * {@code Integer} and {@code Double} are stored in Chronicle Map's own fixed or compact form
 * (fast paths); the others as bytes. Supply your own for anything else:
 *
 * {@snippet :
 * Codec<Point> points = Codec.of(Point.class, "com.example.Point:v1",
 *         p -> ByteBuffer.allocate(8).putInt(p.x()).putInt(p.y()).array(),
 *         b -> { ByteBuffer in = ByteBuffer.wrap(b); return new Point(in.getInt(), in.getInt()); });
 * DiskDict<String, Point> dict = DiskDict.builder(dir, String.class, Point.class).valueCodec(points).open();
 * }
 *
 * <p>A codec must be lossless ({@code decode(encode(v))} equals {@code v}; strings keep even
 * lone surrogates) and thread-safe. A codec for {@code DiskDict} keys must also be canonical:
 * equal keys give equal bytes, since keys are hashed and compared by their bytes.
 * {@link #forKey(Class)} gives the built-in canonical ones; Java serialization is not canonical in
 * general (an object referenced twice is written once, a {@code HashSet} writes its capacity), so
 * it is used for keys only where it is (enums, a few JDK value classes).
 *
 * @param <T> the type
 */
public interface Codec<T> {

    /**
     * {@return the type this codec encodes}
     */
    Class<T> type();

    /**
     * A stable name, written to the file and checked on reopen; change it when the byte format
     * changes.
     *
     * @return the codec's id
     */
    String id();

    /**
     * Encodes one value.
     *
     * @param value a non-null value
     * @return its bytes
     * @throws IllegalArgumentException if the value cannot be encoded (nothing is written then)
     */
    byte[] encode(T value);

    /**
     * Decodes what {@link #encode} made.
     *
     * @param bytes bytes made by {@link #encode}
     * @return the value
     */
    T decode(byte[] bytes);

    /**
     * The built-in codec of {@code type}.
     *
     * @param type the type
     * @param <T>  the type
     * @return the codec
     * @throws IllegalArgumentException if there is no built-in codec for the type (it is not one of
     *                                  the listed types and not {@code Serializable})
     */
    static <T> Codec<T> forType(Class<T> type) {
        return BuiltInCodecs.forType(type);
    }

    /**
     * The built-in canonical codec of {@code type}, for {@code DiskDict} keys (the default there):
     * equal keys encode to equal bytes. It is {@link #forType} with every {@code Double} and
     * {@code Float} NaN in one form, records (even {@code Serializable} ones) component by
     * component with key codecs, {@code Object} keys refusing serialized objects whose form is not
     * canonical, and Java serialization only for enums, {@code UUID}, {@code BigInteger},
     * {@code BigDecimal} and the {@code java.time} value classes. Where its bytes are those of
     * {@link #forType}, its id is the same.
     *
     * {@snippet :
     * Codec<java.util.UUID> ids = Codec.forKey(java.util.UUID.class);   // serialized: canonical
     * Codec<Double> reals = Codec.forKey(Double.class);                 // every NaN one key
     * }
     *
     * @param type the key type
     * @param <T>  the type
     * @return the codec
     * @throws IllegalArgumentException if there is no built-in codec for the type, or its only one
     *                                  would be Java serialization of a class whose serialized form
     *                                  is not canonical (the message says what to use instead)
     */
    static <T> Codec<T> forKey(Class<T> type) {
        return BuiltInCodecs.forKey(type);
    }

    /**
     * A codec from two functions.
     *
     * @param type    the type
     * @param id      the stable id written to the file
     * @param encoder value to bytes
     * @param decoder bytes to value
     * @param <T>     the type
     * @return the codec
     */
    static <T> Codec<T> of(Class<T> type, String id, java.util.function.Function<? super T, byte[]> encoder,
                           java.util.function.Function<byte[], ? extends T> decoder) {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(id, "id");
        java.util.Objects.requireNonNull(encoder, "encoder");
        java.util.Objects.requireNonNull(decoder, "decoder");
        return new Codec<>() {
            @Override
            public Class<T> type() {
                return type;
            }

            @Override
            public String id() {
                return id;
            }

            @Override
            public byte[] encode(T value) {
                return encoder.apply(value);
            }

            @Override
            public T decode(byte[] bytes) {
                return decoder.apply(bytes);
            }
        };
    }
}
