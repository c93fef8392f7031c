package deco.memory.store;

import deco.memory.jvm.JvmSetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.zip.CRC32;

/**
 * Supplies the one class Chronicle Values would otherwise generate and compile with javac when
 * the first Chronicle Map of a JVM is created ({@code VanillaGlobalMutableState$$Native}, the
 * view of a map's global header). The build generates it with Chronicle's own generator
 * ({@code src/build/GenerateChronicleValueClasses.java}) and stores its bytes here as a resource;
 * defining it before Chronicle looks for it saves ~1.4 s of run-time compilation and needs no
 * {@code java.class.path}, so deco runs on the module path without Chronicle's jars on
 * {@code -cp}. See docs/decisions/017-chronicle-classes-ahead-of-time.md.
 *
 * <p>The bytes are only used with the Chronicle classes they were generated from: the build
 * records a fingerprint of the header interface and of the generator's classes, and a JVM whose
 * Chronicle has another fingerprint (a consumer who overrode the tested versions) leaves the
 * generation to Chronicle, as before.
 *
 * <p>Thread-safety: {@link #supplied()} is; it supplies once per JVM, under a holder class's
 * initialisation, after {@code JvmSetup} found Chronicle there.
 */
final class ChronicleValueClasses {

    /** The Chronicle interface whose generated implementation is supplied. */
    static final String INTERFACE = "net.openhft.chronicle.hash.VanillaGlobalMutableState";

    /** The resource (next to this class) describing what the build generated. */
    static final String DESCRIPTION = "chronicle-value-classes.properties";

    /**
     * The classes whose bytes decide the generated code: the interface (its fields and ranges) and
     * Chronicle Values' generator for the field kinds it has (int and long ranges).
     */
    static final List<String> FINGERPRINTED = List.of(
            INTERFACE,
            "net.openhft.chronicle.values.ValueModel",
            "net.openhft.chronicle.values.Generators",
            "net.openhft.chronicle.values.FieldModel",
            "net.openhft.chronicle.values.ScalarFieldModel",
            "net.openhft.chronicle.values.PrimitiveFieldModel",
            "net.openhft.chronicle.values.IntegerBackedFieldModel",
            "net.openhft.chronicle.values.IntegerFieldModel",
            "net.openhft.chronicle.values.IntegerFieldModel$1",
            "net.openhft.chronicle.values.IntegerBackedNativeMemberGenerator",
            "net.openhft.chronicle.values.MemberGenerator",
            "net.openhft.chronicle.values.Utils",
            "net.openhft.chronicle.values.RangeImpl");

    /** What {@link #supply()} did. */
    enum Outcome {
        /** The pre-generated class is defined; Chronicle will load it instead of compiling. */
        DEFINED,
        /** The class already existed in this JVM (Chronicle made it before deco was used). */
        ALREADY_PRESENT,
        /** This JVM's Chronicle is not the one the class was generated from; Chronicle compiles it. */
        OTHER_CHRONICLE,
        /** This build of deco carries no pre-generated class. */
        NOT_BUILT
    }

    private ChronicleValueClasses() {
    }

    /** The outcome of the one {@link #supply()} of this JVM. */
    private static final class Supplied {
        static final Outcome OUTCOME = supply();
    }

    /**
     * Supplies the class once per JVM (the first call defines it).
     *
     * @return what the first call did
     */
    static Outcome supplied() {
        return Supplied.OUTCOME;
    }

    /**
     * What every entry point of deco.memory does before it touches Chronicle Map or a file: checks
     * this JVM's set-up, then supplies the class (once).
     *
     * @throws deco.memory.JvmSetupException if a Chronicle jar or JVM flag is missing
     */
    static void prepareJvm() {
        JvmSetup.requireChronicleMap();
        supplied();
    }

    /**
     * Defines the pre-generated class in Chronicle's package, unless this JVM's Chronicle differs
     * from the one it was generated from.
     *
     * @return what was done
     * @throws IllegalStateException if the resource is unreadable or the class cannot be defined
     *                               for another reason than being present already
     */
    static Outcome supply() {
        Properties description = new Properties();
        try (InputStream in = ChronicleValueClasses.class.getResourceAsStream(DESCRIPTION)) {
            if (in == null) {
                return Outcome.NOT_BUILT;
            }
            description.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read deco.memory's " + DESCRIPTION, e);
        }
        Class<?> host;
        try {
            host = Class.forName(INTERFACE, false, ChronicleValueClasses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(INTERFACE + " is not found", e);
        }
        if (!fingerprint(host.getClassLoader()).equals(description.getProperty("fingerprint"))) {
            return Outcome.OTHER_CHRONICLE;
        }
        byte[] bytes;
        try (InputStream in = ChronicleValueClasses.class.getResourceAsStream(description.getProperty("resource"))) {
            if (in == null) {
                throw new IllegalStateException("deco.memory's " + DESCRIPTION + " names a missing resource");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read deco.memory's pre-generated Chronicle class", e);
        }
        try {
            MethodHandles.privateLookupIn(host, MethodHandles.lookup()).defineClass(bytes);
            return Outcome.DEFINED;
        } catch (LinkageError alreadyDefined) {
            return Outcome.ALREADY_PRESENT;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot define " + description.getProperty("class")
                    + ": " + INTERFACE + "'s package is not open to deco.memory", e);
        }
    }

    /**
     * The fingerprint of the Chronicle classes that decide the generated code, as seen through
     * {@code loader}. The build calls this too, so the two can be compared.
     *
     * @param loader the loader of Chronicle's classes ({@code null}: the system class loader)
     * @return a hexadecimal CRC-32 over the class files of {@link #FINGERPRINTED}, or
     *         {@code "incomplete"} if one is missing
     */
    static String fingerprint(ClassLoader loader) {
        ClassLoader from = loader != null ? loader : ClassLoader.getSystemClassLoader();
        CRC32 crc = new CRC32();
        for (String name : FINGERPRINTED) {
            try (InputStream in = from.getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    return "incomplete";
                }
                crc.update(in.readAllBytes());
            } catch (IOException e) {
                return "incomplete";
            }
        }
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
