package deco.cluster.engine;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.io.StreamCorruptedException;

/**
 * The results that travel as themselves, a tag byte and the value, instead of through Java
 * serialisation: {@code null}, the boxed primitives and strings — what most {@code @Concurrent}
 * methods return, and classes every JVM has, so no class loader is involved.
 */
final class InlineValues {

    private static final byte NULL = 0;
    private static final byte INTEGER = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte STRING = 4;
    private static final byte BOOLEAN = 5;
    private static final byte FLOAT = 6;
    private static final byte SHORT = 7;
    private static final byte BYTE = 8;
    private static final byte CHARACTER = 9;

    private InlineValues() {
    }

    /** {@return whether {@code value} travels inline} */
    static boolean inline(Object value) {
        return value == null || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof String || value instanceof Boolean || value instanceof Float
                || value instanceof Short || value instanceof Byte || value instanceof Character;
    }

    /** Writes a value for which {@link #inline} holds. */
    static void write(ObjectDataOutput out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeByte(NULL);
            case Integer i -> {
                out.writeByte(INTEGER);
                out.writeInt(i);
            }
            case Long l -> {
                out.writeByte(LONG);
                out.writeLong(l);
            }
            case Double d -> {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            }
            case String s -> {
                out.writeByte(STRING);
                out.writeString(s);
            }
            case Boolean b -> {
                out.writeByte(BOOLEAN);
                out.writeBoolean(b);
            }
            case Float f -> {
                out.writeByte(FLOAT);
                out.writeFloat(f);
            }
            case Short s -> {
                out.writeByte(SHORT);
                out.writeShort(s);
            }
            case Byte b -> {
                out.writeByte(BYTE);
                out.writeByte(b);
            }
            case Character c -> {
                out.writeByte(CHARACTER);
                out.writeChar(c);
            }
            default -> throw new IllegalArgumentException("not an inline value: " + value.getClass().getName());
        }
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws StreamCorruptedException if the tag is unknown
     */
    static Object read(ObjectDataInput in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case INTEGER -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case STRING -> in.readString();
            case BOOLEAN -> in.readBoolean();
            case FLOAT -> in.readFloat();
            case SHORT -> in.readShort();
            case BYTE -> in.readByte();
            case CHARACTER -> in.readChar();
            default -> throw new StreamCorruptedException("unknown value tag " + tag + " in a deco reply");
        };
    }
}
