package deco.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Strings in codec bytes: every Java string comes back, lone surrogates included")
class LosslessUtf8Test {

    /** Strings getBytes(UTF_8) turned into "?" where they hold a surrogate without its pair. */
    private static final List<String> LONE = List.of("\uD800", "a\uD801", "\uDC00b", "\uDBFF\uDBFF", "\uDC00\uD800",
            "x\uD83D", "\uDE00y", "\uD83D\uDE00\uDE00", "?");

    @TempDir
    Path temp;

    private static String roundTrip(String text) {
        byte[] bytes = LosslessUtf8.encode(text);
        return LosslessUtf8.decode(bytes, 0, bytes.length);
    }

    @Test
    @DisplayName("lone surrogates, at either end, reversed pairs and beside real pairs, come back as they were")
    void loneSurrogates() {
        for (String text : LONE) {
            assertEquals(text, roundTrip(text), () -> "changed: " + text.chars().boxed().toList());
        }
    }

    @Test
    @DisplayName("well-formed text has exactly its UTF-8 bytes, so what earlier decos wrote reads the same")
    void wellFormedIsUtf8() {
        for (String text : List.of("", "plain", "caf\u00e9", "\ud55c\uad6d\uc5b4", "\uD83D\uDE00 pair", "\uFFFD real")) {
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), LosslessUtf8.encode(text));
            assertEquals(text, roundTrip(text));
        }
    }

    @Test
    @DisplayName("10,000 random strings of any chars (surrogates 1 in 4) come back equal")
    void randomStrings() {
        SplittableRandom random = new SplittableRandom(35);
        for (int n = 0; n < 10_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(random.nextInt(4) == 0 ? (char) random.nextInt(0xD800, 0xE000)
                        : (char) random.nextInt(0x10000));
            }
            assertEquals(text.toString(), roundTrip(text.toString()));
        }
    }

    @Test
    @DisplayName("bytes that are not UTF-8 at all decode to U+FFFD, one per bad byte, never throw")
    void foreignBytes() {
        byte[] bytes = {'a', (byte) 0xFF, (byte) 0xC3, 'b', (byte) 0xED, (byte) 0xA0};
        assertEquals("a\uFFFD\uFFFDb\uFFFD\uFFFD", LosslessUtf8.decode(bytes, 0, bytes.length));
    }

    /** A record with a String component: stored by the String codec. */
    public record Label(String text) {
    }

    @Test
    @DisplayName("in stores: Object keys and values, record components and DiskList elements keep lone surrogates")
    void inStores() {
        String one = "a\uD800";
        String other = "a\uD801";
        try (DiskDict<Object, Object> mixed = DiskDict.open(temp.resolve("o"), Object.class, Object.class);
             DiskDict<Label, Label> records = DiskDict.open(temp.resolve("r"), Label.class, Label.class);
             DiskList<Object> list = DiskList.open(temp.resolve("l"), Object.class)) {
            mixed.put(one, one);
            mixed.put(other, List.of(other));
            assertEquals(Map.of(one, one, other, List.of(other)), Map.copyOf(mixed), "was one entry, '?' for both");
            records.put(new Label(one), new Label(other));
            records.put(new Label(other), new Label(one));
            assertEquals(Map.of(new Label(one), new Label(other), new Label(other), new Label(one)),
                    Map.copyOf(records));
            list.add(one);
            assertEquals(List.of(one), List.copyOf(list));
        }
    }
}
