package deco.concurrent.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The payloads of deco's records, in one place (docs/format.md): what a {@code Buffer}'s queue and a
 * {@code Cache}'s journal hold inside {@link RecordLog}'s framing (kind, length, payload, CRC).
 *
 * <ul>
 *   <li>{@link #VALUES}: the index of the first element ({@code long}), the count ({@code int}),
 *       then per element its length ({@code int}) and its codec bytes.</li>
 *   <li>{@link #END}: the sequence's length ({@code long}).</li>
 *   <li>{@link #FAILURE}: the length so far ({@code long}), then UTF-8 "class, newline, message,
 *       newline, stack trace".</li>
 *   <li>{@link #ENTRY} (journals): key length ({@code int}), key bytes, value bytes.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Records {

    /** A batch of a Buffer's elements. */
    public static final byte VALUES = 0;
    /** A Buffer's sequence ended. */
    public static final byte END = 1;
    /** A Buffer's generator failed. */
    public static final byte FAILURE = 2;
    /** A Cache journal's entry (journals have only this kind). */
    public static final byte ENTRY = 0;

    private Records() {
    }

    /**
     * @param first the index of the first element
     * @param items the elements' bytes; {@code count} of them are taken
     * @param count how many
     * @param bytes their total length
     * @return a {@link #VALUES} payload
     */
    public static byte[] values(long first, byte[][] items, int count, int bytes) {
        ByteBuffer out = ByteBuffer.allocate(12 + 4 * count + bytes).putLong(first).putInt(count);
        for (int i = 0; i < count; i++) {
            out.putInt(items[i].length).put(items[i]);
        }
        return out.array();
    }

    /** @return the index of the first element of a {@link #VALUES} payload, or the length in {@link #END} and {@link #FAILURE} */
    public static long first(byte[] payload) {
        return ByteBuffer.wrap(payload).getLong();
    }

    /** @return how many elements a {@link #VALUES} payload holds */
    public static int count(byte[] payload) {
        return ByteBuffer.wrap(payload, 8, 4).getInt();
    }

    /** @return the elements' bytes of a {@link #VALUES} payload, in order */
    public static byte[][] elements(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        in.getLong();
        byte[][] items = new byte[in.getInt()][];
        for (int i = 0; i < items.length; i++) {
            items[i] = new byte[in.getInt()];
            in.get(items[i]);
        }
        return items;
    }

    /** @return an {@link #END} payload */
    public static byte[] end(long length) {
        return ByteBuffer.allocate(8).putLong(length).array();
    }

    /**
     * @param length     the elements written before the failure
     * @param className  the failure's class
     * @param message    its message, or null
     * @param stackTrace its stack trace
     * @return a {@link #FAILURE} payload
     */
    public static byte[] failure(long length, String className, String message, String stackTrace) {
        byte[] text = (className + "\n" + (message == null ? "" : message.replace('\n', ' ')) + "\n" + stackTrace)
                .getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length).putLong(length).put(text).array();
    }

    /** @return the class name, the message (null if none) and the stack trace of a {@link #FAILURE} payload */
    public static String[] failureText(byte[] payload) {
        String text = new String(payload, 8, payload.length - 8, StandardCharsets.UTF_8);
        String[] parts = text.split("\n", 3);
        return new String[] {parts[0], parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null,
                parts.length > 2 ? parts[2] : ""};
    }

    /** @return an {@link #ENTRY} payload */
    public static byte[] entry(byte[] key, byte[] value) {
        return ByteBuffer.allocate(4 + key.length + value.length).putInt(key.length).put(key).put(value).array();
    }

    /** @return the key and the value bytes of an {@link #ENTRY} payload */
    public static byte[][] entryParts(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        byte[] key = new byte[in.getInt()];
        in.get(key);
        byte[] value = new byte[in.remaining()];
        in.get(value);
        return new byte[][] {key, value};
    }
}
