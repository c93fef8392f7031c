package deco.core.remote;

import java.lang.classfile.Attribute;
import java.lang.classfile.AttributeMapper;
import java.lang.classfile.AttributedElement;
import java.lang.classfile.BufWriter;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassReader;
import java.lang.classfile.CustomAttribute;
import java.lang.classfile.attribute.UnknownAttribute;
import java.lang.classfile.constantpool.Utf8Entry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What identifies a class's code across JVMs: the SHA-256 of its class file <em>as compiled</em>.
 * The weaver keeps that digest in every class it weaves, in the class attribute
 * {@value #ATTRIBUTE}, so a class woven offline, the same class woven by the agent as it loads
 * (whose class file on disk is the compiled one) and the same class unwoven all have one digest,
 * and any change to the compiled class changes it. A remote engine compares these digests to tell
 * whether a member would run the program's code (deco.cluster, decision 041).
 *
 * <p>Stateless and thread-safe. Written without lambdas, method references or string
 * concatenation, because the weaver runs it while the agent weaves (decision 015). This package is
 * exported to deco.cluster and deco.concurrent only; it is not API.
 */
public final class ClassDigest {

    /** The name of the class attribute in which the weaver keeps the compiled class file's digest. */
    public static final String ATTRIBUTE = "deco.CompiledSha256";

    private static final int LENGTH = 32;

    private ClassDigest() {
    }

    /**
     * The digest of a class's code: the one the weaver recorded if the class is woven, else the
     * SHA-256 of {@code classFile}.
     *
     * @param model     the parsed class
     * @param classFile the bytes {@code model} was parsed from
     * @return 32 bytes
     */
    public static byte[] of(ClassModel model, byte[] classFile) {
        byte[] recorded = recorded(model);
        return recorded != null ? recorded : sha256(classFile);
    }

    /**
     * The digest the weaver recorded in a class.
     *
     * @param element a parsed class (or any attributed element)
     * @return the digest the weaver recorded in it, or {@code null} if it has none
     */
    public static byte[] recorded(AttributedElement element) {
        for (Attribute<?> attribute : element.attributes()) {
            // a parsed class holds it as an attribute the JDK does not know
            if (attribute instanceof UnknownAttribute unknown && unknown.attributeName().equalsString(ATTRIBUTE)
                    && unknown.contents().length == LENGTH) {
                return unknown.contents();
            }
        }
        return null;
    }

    /**
     * The attribute the weaver adds to a class it weaves.
     *
     * @param digest what {@link #of} says about the class as the weaver was given it
     * @return a class element to add once to the woven class
     */
    public static ClassElement attribute(byte[] digest) {
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
        }
        return new Recorded(digest.clone());
    }

    /**
     * Tells the digest attribute from the class's other elements.
     *
     * @param element a class element
     * @return whether it is the digest attribute of a parsed class
     */
    public static boolean isAttribute(ClassElement element) {
        return element instanceof UnknownAttribute unknown && unknown.attributeName().equalsString(ATTRIBUTE);
    }

    /**
     * The SHA-256 of some bytes.
     *
     * @param bytes anything
     * @return its SHA-256, 32 bytes
     */
    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The attribute as the weaver writes it: the 32 bytes of the digest. */
    private static final class Recorded extends CustomAttribute<Recorded> {
        private final byte[] digest;

        Recorded(byte[] digest) {
            super(Mapper.INSTANCE);
            this.digest = digest;
        }
    }

    private static final class Mapper implements AttributeMapper<Recorded> {
        static final Mapper INSTANCE = new Mapper();

        @Override
        public String name() {
            return ATTRIBUTE;
        }

        @Override
        public Recorded readAttribute(AttributedElement enclosing, ClassReader reader, int start) {
            return new Recorded(reader.readBytes(start, LENGTH));
        }

        @Override
        public void writeAttribute(BufWriter buf, Recorded attribute) {
            Utf8Entry name = buf.constantPool().utf8Entry(ATTRIBUTE);
            buf.writeIndex(name);
            buf.writeInt(LENGTH);
            buf.writeBytes(attribute.digest);
        }

        @Override
        public AttributeStability stability() {
            return AttributeStability.STATELESS;
        }
    }
}
