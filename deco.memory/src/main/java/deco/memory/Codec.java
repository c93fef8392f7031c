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
 * <p>A codec must be deterministic: equal values give equal bytes, since keys are hashed and
 * compared by their bytes. Implementations must be thread-safe.
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
