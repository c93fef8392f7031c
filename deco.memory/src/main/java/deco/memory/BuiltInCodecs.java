package deco.memory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The codecs of {@link Codec#forType(Class)} and {@link Codec#forKey(Class)}. A key codec is the
 * value codec made canonical (equal keys encode to equal bytes, {@link CanonicalKeys}): NaNs in one
 * form, records component by component even if {@code Serializable}, and Java serialization only
 * where it is canonical. Where the forms agree, the ids agree, so files keep opening.
 */
final class BuiltInCodecs {

    private BuiltInCodecs() {
    }

    static <T> Codec<T> forType(Class<T> type) {
        return of(type, false);
    }

    static <T> Codec<T> forKey(Class<T> type) {
        return of(type, true);
    }

    @SuppressWarnings("unchecked")
    private static <T> Codec<T> of(Class<T> type, boolean key) {
        java.util.Objects.requireNonNull(type, "type");
        Codec<?> codec;
        boolean serializable = Serializable.class.isAssignableFrom(type);
        if (type == Object.class) {
            codec = new Mixed(key);
        } else if (Tag.of(type) != null) {
            codec = new Tagged<>(type, Tag.of(type), key);
        } else if (type.isRecord() && (key || !serializable)) {
            codec = new RecordCodec<>(type, key);
        } else if (serializable) {
            if (key) {
                CanonicalKeys.requireSerializedFormCanonical(type, type);
            }
            codec = new Serialized<>(type, key);
        } else {
            throw new IllegalArgumentException("no built-in codec for " + type.getName()
                    + ": it is not String, a boxed primitive, byte[], Object, a record or Serializable; supply a Codec");
        }
        return (Codec<T>) codec;
    }

    /** The built-in scalar types, with the tag a mixed ({@code Object}) value carries. */
    enum Tag {
        STRING(String.class), LONG(Long.class), INTEGER(Integer.class), DOUBLE(Double.class),
        FLOAT(Float.class), SHORT(Short.class), BYTE(Byte.class), CHARACTER(Character.class),
        BOOLEAN(Boolean.class), BYTES(byte[].class), SERIALIZED(Serializable.class);

        final Class<?> type;

        Tag(Class<?> type) {
            this.type = type;
        }

        static Tag of(Class<?> type) {
            for (Tag tag : values()) {
                if (tag != SERIALIZED && tag.type == type) {
                    return tag;
                }
            }
            return null;
        }

        /** @param canonical whether every NaN takes one form (keys) or keeps its bits (values) */
        byte[] encode(Object value, boolean canonical) {
            return switch (this) {
                case STRING -> LosslessUtf8.encode((String) value);
                case LONG -> longBytes((Long) value);
                case INTEGER -> ByteBuffer.allocate(4).putInt((Integer) value).array();
                case DOUBLE -> ByteBuffer.allocate(8).putLong(canonical ? Double.doubleToLongBits((Double) value)
                        : Double.doubleToRawLongBits((Double) value)).array();
                case FLOAT -> ByteBuffer.allocate(4).putInt(canonical ? Float.floatToIntBits((Float) value)
                        : Float.floatToRawIntBits((Float) value)).array();
                case SHORT -> ByteBuffer.allocate(2).putShort((Short) value).array();
                case BYTE -> new byte[] {(Byte) value};
                case CHARACTER -> ByteBuffer.allocate(2).putChar((Character) value).array();
                case BOOLEAN -> new byte[] {(byte) ((Boolean) value ? 1 : 0)};
                case BYTES -> ((byte[]) value).clone();
                case SERIALIZED -> serialize(value);
            };
        }

        Object decode(byte[] bytes, int offset) {
            if (this == LONG) {
                return longOf(bytes, offset); // the hot path of queues of numbers: no buffer
            }
            ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
            return switch (this) {
                case STRING -> LosslessUtf8.decode(bytes, offset, bytes.length - offset);
                case LONG -> in.getLong();
                case INTEGER -> in.getInt();
                case DOUBLE -> in.getDouble();
                case FLOAT -> in.getFloat();
                case SHORT -> in.getShort();
                case BYTE -> in.get();
                case CHARACTER -> in.getChar();
                case BOOLEAN -> in.get() != 0;
                case BYTES -> Arrays.copyOfRange(bytes, offset, bytes.length);
                case SERIALIZED -> deserialize(bytes, offset);
            };
        }
    }

    private static byte[] longBytes(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }

    private static long longOf(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException | InvalidClassException e) {
            throw new IllegalArgumentException("cannot encode a " + value.getClass().getName()
                    + ": " + e.getMessage() + " is not serializable", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode a " + value.getClass().getName() + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] bytes, int offset) {
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes, offset, bytes.length - offset))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot decode a stored value: " + e, e);
        }
    }

    /** One scalar type, untagged; for keys, NaNs in one form. */
    private record Tagged<T>(Class<T> type, Tag tag, boolean key) implements Codec<T> {
        @Override
        public String id() {
            return "deco:" + tag.name().toLowerCase();
        }

        @Override
        public byte[] encode(T value) {
            return tag.encode(value, key);
        }

        @Override
        public T decode(byte[] bytes) {
            return type.cast(tag.decode(bytes, 0));
        }
    }

    /**
     * A Serializable type through Java serialization; for keys, only types whose serialized form
     * is canonical, and no instance of a subclass (its form names the subclass).
     */
    private record Serialized<T>(Class<T> type, boolean key) implements Codec<T> {
        @Override
        public String id() {
            return "deco:serializable:" + type.getName();
        }

        @Override
        public byte[] encode(T value) {
            if (key) {
                CanonicalKeys.requireSerializedFormCanonical(value.getClass(), type);
            }
            return serialize(type.cast(value));
        }

        @Override
        public T decode(byte[] bytes) {
            return type.cast(deserialize(bytes, 0));
        }
    }

    /** {@code Object}: a tag byte, then the value's own encoding. */
    private static final class Mixed implements Codec<Object> {
        /** Whether this codec encodes keys: NaNs in one form, Java serialization only where canonical. */
        private final boolean key;

        Mixed(boolean key) {
            this.key = key;
        }

        @Override
        public Class<Object> type() {
            return Object.class;
        }

        @Override
        public String id() {
            return "deco:mixed";
        }

        /** Tags after {@link Tag}'s: collections stored by content, so equal ones encode equally. */
        private static final int LIST = 11;
        private static final int SET = 12;
        private static final int MAP = 13;

        static {
            if (Tag.values().length != LIST) {
                throw new AssertionError("mixed tags overlap");
            }
        }

        @Override
        public byte[] encode(Object value) {
            switch (value) {
                case java.util.List<?> list -> {
                    return collection(LIST, list.stream().map(this::encode).toList());
                }
                case java.util.Set<?> set -> { // any order: the encodings are sorted
                    return collection(SET, set.stream().map(this::encode).sorted(Arrays::compare).toList());
                }
                case java.util.Map<?, ?> map -> {
                    java.util.List<byte[][]> entries = map.entrySet().stream()
                            .map(e -> new byte[][] {encode(e.getKey()), encode(e.getValue())})
                            .sorted((a, b) -> Arrays.compare(a[0], b[0])).toList();
                    java.util.List<byte[]> flat = new java.util.ArrayList<>();
                    entries.forEach(e -> {
                        flat.add(e[0]);
                        flat.add(e[1]);
                    });
                    return collection(MAP, flat);
                }
                default -> {
                }
            }
            Tag tag = Tag.of(value.getClass());
            if (tag == null) {
                if (!(value instanceof Serializable)) {
                    throw new IllegalArgumentException("cannot encode a " + value.getClass().getName()
                            + ": it is not a built-in type and not Serializable");
                }
                if (key) {
                    CanonicalKeys.requireSerializedFormCanonical(value.getClass(), Object.class);
                }
                tag = Tag.SERIALIZED;
            }
            byte[] payload = tag.encode(value, key);
            byte[] out = new byte[payload.length + 1];
            out[0] = (byte) tag.ordinal();
            System.arraycopy(payload, 0, out, 1, payload.length);
            return out;
        }

        private static byte[] collection(int tag, java.util.List<byte[]> items) {
            int size = 5;
            for (byte[] item : items) {
                size += 4 + item.length;
            }
            ByteBuffer out = ByteBuffer.allocate(size).put((byte) tag).putInt(items.size());
            for (byte[] item : items) {
                out.putInt(item.length).put(item);
            }
            return out.array();
        }

        @Override
        public Object decode(byte[] bytes) {
            int tag = bytes[0];
            if (tag < LIST) {
                return Tag.values()[tag].decode(bytes, 1);
            }
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            int count = in.getInt();
            java.util.List<Object> items = new java.util.ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] item = new byte[in.getInt()];
                in.get(item);
                items.add(decode(item));
            }
            return switch (tag) {
                case LIST -> items;
                case SET -> new java.util.LinkedHashSet<>(items);
                case MAP -> {
                    java.util.Map<Object, Object> map = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < items.size(); i += 2) {
                        map.put(items.get(i), items.get(i + 1));
                    }
                    yield map;
                }
                default -> throw new IllegalArgumentException("not a mixed value: tag " + tag);
            };
        }
    }

    /**
     * A record that is not {@code Serializable}, or any record as a key: its components in order,
     * each length-prefixed and encoded by the codec of its own type (components of type
     * {@code Object} by the mixed codec; a key's components by key codecs). Needs public access to
     * the record's accessors and canonical constructor, checked when the codec is made.
     */
    private static final class RecordCodec<T> implements Codec<T> {
        private final Class<T> type;
        private final java.lang.reflect.RecordComponent[] components;
        private final Codec<Object>[] codecs;
        private final java.lang.reflect.Constructor<T> constructor;

        @SuppressWarnings("unchecked")
        RecordCodec(Class<T> type, boolean key) {
            if (!java.lang.reflect.Modifier.isPublic(type.getModifiers())
                    || !type.getModule().isExported(type.getPackageName(), RecordCodec.class.getModule())) {
                throw new IllegalArgumentException("record " + type.getName() + " is not public in a package exported"
                        + " to deco.memory, so deco cannot read its components; make it public (and export its"
                        + " package), or supply a Codec");
            }
            this.type = type;
            this.components = type.getRecordComponents();
            this.codecs = new Codec[components.length];
            Class<?>[] parameters = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                parameters[i] = components[i].getType();
                codecs[i] = (Codec<Object>) of(wrap(components[i].getType()), key);
            }
            try {
                this.constructor = type.getDeclaredConstructor(parameters);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("record " + type.getName() + " has no canonical constructor", e);
            }
        }

        @Override
        public Class<T> type() {
            return type;
        }

        @Override
        public String id() {
            StringBuilder id = new StringBuilder("deco:record:").append(type.getName()).append('(');
            for (int i = 0; i < components.length; i++) {
                id.append(i == 0 ? "" : ",").append(components[i].getName()).append(':').append(codecs[i].id());
            }
            return id.append(')').toString();
        }

        @Override
        public byte[] encode(T value) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < components.length; i++) {
                Object component;
                try {
                    component = components[i].getAccessor().invoke(value);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException("cannot read " + type.getName() + "." + components[i].getName()
                            + " (is the record public, in an exported package?): " + e, e);
                }
                if (component == null) {
                    throw new IllegalArgumentException("cannot encode a " + type.getName() + " whose "
                            + components[i].getName() + " is null");
                }
                byte[] encoded = codecs[i].encode(component);
                bytes.writeBytes(ByteBuffer.allocate(4).putInt(encoded.length).array());
                bytes.writeBytes(encoded);
            }
            return bytes.toByteArray();
        }

        @Override
        public T decode(byte[] bytes) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            Object[] arguments = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                byte[] encoded = new byte[in.getInt()];
                in.get(encoded);
                arguments[i] = codecs[i].decode(encoded);
            }
            try {
                return constructor.newInstance(arguments);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct a " + type.getName() + ": " + e, e);
            }
        }
    }

    private static Class<?> wrap(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }
}
