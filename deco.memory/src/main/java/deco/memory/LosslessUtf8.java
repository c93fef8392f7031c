package deco.memory;

import java.nio.charset.StandardCharsets;

/**
 * Strings as UTF-8 bytes that give back every Java string, lone surrogates included.
 *
 * <p>{@code String.getBytes(UTF_8)} replaces a surrogate that is not half of a pair by {@code '?'},
 * so two different strings could be stored as one key and a stored value could come back changed.
 * Here a well-formed string has exactly its UTF-8 bytes (so everything stored before reads the same),
 * and a lone surrogate takes the three bytes UTF-8 would give its code point ({@code ED A0 80} to
 * {@code ED BF BF}, "generalized UTF-8"), which decoding turns back into the same char. Decoding
 * takes the JDK's fast path and falls back to this decoder only when the text holds a
 * {@code U+FFFD}, which is what the JDK makes of those bytes.
 *
 * <p>Stateless; thread-safe.
 */
final class LosslessUtf8 {

    private static final char REPLACEMENT = '\uFFFD';

    private LosslessUtf8() {
    }

    /**
     * @param text any string
     * @return its bytes: UTF-8, lone surrogates in three bytes each
     */
    static byte[] encode(String text) {
        if (!hasLoneSurrogate(text)) {
            return text.getBytes(StandardCharsets.UTF_8); // well-formed: the JDK's bytes are exact
        }
        byte[] out = new byte[3 * text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[n++] = (byte) (0xF0 | cp >>> 18);
                out[n++] = (byte) (0x80 | (cp >>> 12 & 0x3F));
                out[n++] = (byte) (0x80 | (cp >>> 6 & 0x3F));
                out[n++] = (byte) (0x80 | (cp & 0x3F));
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | c >>> 6);
                out[n++] = (byte) (0x80 | (c & 0x3F));
            } else { // the BMP, lone surrogates included
                out[n++] = (byte) (0xE0 | c >>> 12);
                out[n++] = (byte) (0x80 | (c >>> 6 & 0x3F));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param bytes  bytes made by {@link #encode} (or plain UTF-8)
     * @param offset where the text starts
     * @param length how many bytes it takes
     * @return the string; bytes that are not UTF-8 at all decode to {@code U+FFFD}, one per byte
     */
    static String decode(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        return text.indexOf(REPLACEMENT) < 0 ? text : decodeGeneralized(bytes, offset, offset + length);
    }

    private static String decodeGeneralized(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int lead = bytes[i] & 0xFF;
            int continuation;
            int cp;
            int min;
            if (lead < 0x80) {
                out.append((char) lead);
                i++;
                continue;
            } else if (lead >= 0xC2 && lead <= 0xDF) {
                continuation = 1;
                cp = lead & 0x1F;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                continuation = 2;
                cp = lead & 0x0F;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                continuation = 3;
                cp = lead & 0x07;
                min = 0x10000;
            } else {
                out.append(REPLACEMENT);
                i++;
                continue;
            }
            int read = 0;
            while (read < continuation && i + 1 + read < to && (bytes[i + 1 + read] & 0xC0) == 0x80) {
                cp = cp << 6 | (bytes[i + 1 + read] & 0x3F);
                read++;
            }
            if (read < continuation || cp < min || cp > Character.MAX_CODE_POINT) {
                out.append(REPLACEMENT);
                i++;
                continue;
            }
            out.appendCodePoint(cp); // a surrogate's code point appends that char
            i += 1 + continuation;
        }
        return out.toString();
    }
}
