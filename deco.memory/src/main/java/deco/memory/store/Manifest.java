package deco.memory.store;

import deco.memory.DiskFormatException;
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
 * @param initialCapacity entries of the first part before Chronicle's extra tiers; the size hint
 *                       ({@link PartSizing} derives the other parts' sizes from it)
 * @param version        3 for hash-addressed parts of staggered sizes; 2 for hash-addressed parts
 *                       all of {@code initialCapacity} entries; 1 for the chain of parts of deco 0.1
 *                       (migrated on open)
 * @param id             the collection's random id, in its layout and every part's file name (0 in version 1)
 */
public record Manifest(String format, String keyType, String keyCodec, String valueType, String valueCodec,
                       double averageKeySize, double averageValueSize, long initialCapacity, int version, long id) {

    /** The file name. */
    public static final String FILE = "deco.properties";
    /** The version this deco writes. */
    static final int VERSION = 3;

    /**
     * What a caller asks for, before the directory is read.
     *
     * @return a manifest of the current version without an id yet
     */
    public static Manifest requested(String format, String keyType, String keyCodec, String valueType,
                                     String valueCodec, double averageKeySize, double averageValueSize,
                                     long initialCapacity) {
        return new Manifest(format, keyType, keyCodec, valueType, valueCodec, averageKeySize, averageValueSize,
                initialCapacity, VERSION, 0);
    }

    /** @return this manifest with a new id, as written for a new or migrated collection */
    Manifest withId(long newId) {
        return new Manifest(format, keyType, keyCodec, valueType, valueCodec, averageKeySize, averageValueSize,
                initialCapacity, VERSION, newId);
    }

    /**
     * @param directory a collection directory
     * @return its manifest
     * @throws DiskFormatException if it is missing or damaged
     */
    public static Manifest read(Path directory) {
        Path file = directory.resolve(FILE);
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new DiskFormatException(file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            String version = properties.getProperty("version");
            if (!"1".equals(version) && !"2".equals(version) && !String.valueOf(VERSION).equals(version)) {
                throw new DiskFormatException(file + " has format version " + version
                        + "; this deco reads versions 1 to " + VERSION);
            }
            int number = Integer.parseInt(version);
            long id = number == 1 ? 0 : Long.parseUnsignedLong(required(properties, "id", file), 16);
            return new Manifest(required(properties, "format", file), required(properties, "keyType", file),
                    required(properties, "keyCodec", file), required(properties, "valueType", file),
                    required(properties, "valueCodec", file),
                    Double.parseDouble(required(properties, "averageKeySize", file)),
                    Double.parseDouble(required(properties, "averageValueSize", file)),
                    Long.parseLong(required(properties, "initialCapacity", file)), number, id);
        } catch (NumberFormatException e) {
            throw new DiskFormatException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    void write(Path directory) {
        Properties properties = new Properties();
        properties.setProperty("version", String.valueOf(version));
        properties.setProperty("format", format);
        properties.setProperty("keyType", keyType);
        properties.setProperty("keyCodec", keyCodec);
        properties.setProperty("valueType", valueType);
        properties.setProperty("valueCodec", valueCodec);
        properties.setProperty("averageKeySize", String.valueOf(averageKeySize));
        properties.setProperty("averageValueSize", String.valueOf(averageValueSize));
        properties.setProperty("initialCapacity", String.valueOf(initialCapacity));
        properties.setProperty("id", Long.toHexString(id));
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
    public void checkCompatible(Manifest requested, Path directory) {
        if (!format.equals(requested.format)) {
            throw new DiskFormatException(directory + " holds a " + format + ", not a " + requested.format);
        }
        if (!keyType.equals(requested.keyType) || !valueType.equals(requested.valueType)) {
            throw new IllegalArgumentException(directory + " holds " + describe() + ", not "
                    + requested.describe() + "; nothing was changed");
        }
        if (!keyCodec.equals(requested.keyCodec) || !valueCodec.equals(requested.valueCodec)) {
            String serializedKeys = keyCodec.contains("deco:serializable:") && !keyCodec.equals(requested.keyCodec)
                    ? "; its keys were written in Java-serialized form, which deco no longer picks for keys (equal keys"
                    + " can serialize to different bytes, decision 035): to open it as written, pass"
                    + " keyCodec(Codec.forType(" + keyType.substring(keyType.lastIndexOf('.') + 1).replace('$', '.') + ".class))" : "";
            throw new IllegalArgumentException(directory + " was written with codecs " + keyCodec + " / "
                    + valueCodec + ", not " + requested.keyCodec + " / " + requested.valueCodec
                    + serializedKeys + "; nothing was changed");
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
