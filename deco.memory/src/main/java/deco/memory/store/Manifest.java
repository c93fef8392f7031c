package deco.memory.store;

import deco.core.io.DiskFormatException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * {@code deco.properties}: what a directory of parts holds (docs/format.md). Written once, when
 * the collection is created, atomically (a temporary file moved into place).
 *
 * @param format         {@code deco.DiskDict} or {@code deco.DiskList}
 * @param keyType        the key class name
 * @param keyCodec       the key codec id
 * @param valueType      the value class name
 * @param valueCodec     the value codec id
 * @param averageKeySize bytes, a sizing hint for variable-size keys
 * @param averageValueSize bytes, a sizing hint for variable-size values
 * @param initialCapacity entries of the first part; part {@code i} holds {@code initialCapacity << i}
 */
public record Manifest(String format, String keyType, String keyCodec, String valueType, String valueCodec,
                       double averageKeySize, double averageValueSize, long initialCapacity) {

    /** The file name. */
    public static final String FILE = "deco.properties";
    private static final int VERSION = 1;

    static Manifest read(Path directory) {
        Path file = directory.resolve(FILE);
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new DiskFormatException(file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            if (!String.valueOf(VERSION).equals(properties.getProperty("version"))) {
                throw new DiskFormatException(file + " has format version " + properties.getProperty("version")
                        + "; this deco reads version " + VERSION);
            }
            return new Manifest(required(properties, "format", file), required(properties, "keyType", file),
                    required(properties, "keyCodec", file), required(properties, "valueType", file),
                    required(properties, "valueCodec", file),
                    Double.parseDouble(required(properties, "averageKeySize", file)),
                    Double.parseDouble(required(properties, "averageValueSize", file)),
                    Long.parseLong(required(properties, "initialCapacity", file)));
        } catch (NumberFormatException e) {
            throw new DiskFormatException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    void write(Path directory) {
        Properties properties = new Properties();
        properties.setProperty("version", String.valueOf(VERSION));
        properties.setProperty("format", format);
        properties.setProperty("keyType", keyType);
        properties.setProperty("keyCodec", keyCodec);
        properties.setProperty("valueType", valueType);
        properties.setProperty("valueCodec", valueCodec);
        properties.setProperty("averageKeySize", String.valueOf(averageKeySize));
        properties.setProperty("averageValueSize", String.valueOf(averageValueSize));
        properties.setProperty("initialCapacity", String.valueOf(initialCapacity));
        Path file = directory.resolve(FILE);
        Path temporary = directory.resolve(FILE + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "deco collection: see docs/format.md. Do not edit.");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks that a reopened collection is what the caller asks for; the files are not touched.
     *
     * @param requested what the caller opens
     * @param directory the directory, for the message
     * @throws IllegalArgumentException naming both the stored and the requested types
     */
    void checkCompatible(Manifest requested, Path directory) {
        if (!format.equals(requested.format)) {
            throw new DiskFormatException(directory + " holds a " + format + ", not a " + requested.format);
        }
        if (!keyType.equals(requested.keyType) || !valueType.equals(requested.valueType)) {
            throw new IllegalArgumentException(directory + " holds " + describe() + ", not "
                    + requested.describe() + "; nothing was changed");
        }
        if (!keyCodec.equals(requested.keyCodec) || !valueCodec.equals(requested.valueCodec)) {
            throw new IllegalArgumentException(directory + " was written with codecs " + keyCodec + " / "
                    + valueCodec + ", not " + requested.keyCodec + " / " + requested.valueCodec
                    + "; nothing was changed");
        }
    }

    private String describe() {
        return format.equals("deco.DiskList") ? "elements of " + valueType : keyType + " -> " + valueType;
    }

    private static String required(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new DiskFormatException(file + " is damaged: no '" + key + "'");
        }
        return value;
    }
}
