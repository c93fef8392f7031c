package deco.bench.memory;

import deco.memory.Codec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the built-in codecs cost per string, against the JDK's own UTF-8 ({@code getBytes} and
 * {@code new String}), which lost lone surrogates: the byte codecs used by {@code Object} values and
 * keys, records, {@code DiskList<Object>}, {@code Buffer} queues and {@code Cache} journals.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CodecBenchmark {

    /** A record of a string and a number, encoded component by component. */
    public record Labelled(String label, long n) {
    }

    /** ASCII, accented, or Korean text of about 24 chars. */
    @Param({"ascii", "latin", "hangul"})
    public String text;

    private String value;
    private byte[] utf8;
    private Codec<Object> mixed;
    private Codec<Object> mixedKeys;
    private Codec<Labelled> record;
    private byte[] mixedBytes;
    private Labelled labelled;

    /** Picks the text and encodes it once for the decode benchmarks. */
    @Setup
    public void setUp() {
        value = switch (text) {
            case "ascii" -> "value-12345-abcdefghijkl";
            case "latin" -> "caf\u00e9-cr\u00e8me-br\u00fbl\u00e9e-na\u00efve";
            default -> List.of("\ud55c\uad6d\uc5b4 ", "\ud14d\uc2a4\ud2b8 ", "\uc608\uc2dc ").toString();
        };
        utf8 = value.getBytes(StandardCharsets.UTF_8);
        mixed = Codec.forType(Object.class);
        mixedKeys = Codec.forKey(Object.class);
        record = Codec.forType(Labelled.class);
        mixedBytes = mixed.encode(value);
        labelled = new Labelled(value, 42);
    }

    /** @return the JDK's UTF-8 bytes (the raw alternative) */
    @Benchmark
    public byte[] jdkEncode() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the JDK's string from UTF-8 */
    @Benchmark
    public String jdkDecode() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** @return an {@code Object} value's bytes */
    @Benchmark
    public byte[] mixedEncode() {
        return mixed.encode(value);
    }

    /** @return an {@code Object} key's bytes */
    @Benchmark
    public byte[] mixedKeyEncode() {
        return mixedKeys.encode(value);
    }

    /** @return an {@code Object} value */
    @Benchmark
    public Object mixedDecode() {
        return mixed.decode(mixedBytes);
    }

    /** @return a record's bytes */
    @Benchmark
    public byte[] recordEncode() {
        return record.encode(labelled);
    }
}
