package deco.concurrent;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The version of a {@link Cache}'s function that a journal keeps results under (decision 042): the
 * SHA-256 of the function's code as {@link FunctionCode} lists it, and of the values a lambda
 * captured, or of a version the user stated. Results are reused only by a cache whose function has
 * the same version.
 *
 * <p>A lambda or method reference is read through its serialized form, which names its
 * implementing method and holds what it captured; a lambda that is not serializable does not say
 * which method implements it, so its code cannot be read. An instance of an ordinary class is read
 * as every method its class declares. Captured numbers, strings, characters, booleans, enum
 * constants and classes count by value; any other captured object, and the fields of a function
 * object, count by class only.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id          64 bits of the SHA-256, in hex
 * @param description what the version was made from, for messages
 */
record FunctionVersion(String id, String description) {

    /**
     * The version a user stated.
     *
     * @param version any text; equal texts are equal versions
     * @return the version
     */
    static FunctionVersion stated(String version) {
        return new FunctionVersion(digest("stated\n" + version), "the stated version \"" + version + "\"");
    }

    /**
     * The version of {@code function}'s code.
     *
     * @param function the function given to {@link Cache#builder}
     * @return its version
     * @throws IllegalArgumentException if its code cannot be read (a lambda that is not
     *                                  serializable)
     */
    static FunctionVersion of(Object function) {
        Class<?> type = function.getClass();
        ClassLoader loader = type.getClassLoader();
        StringBuilder text = new StringBuilder("code\n");
        List<FunctionCode.Method> roots = new ArrayList<>();
        String description;
        if (type.isHidden()) {
            SerializedLambda lambda = function instanceof Serializable ? serializedForm(function) : null;
            if (lambda == null) {
                throw new IllegalArgumentException("a journal keeps results under the version of the function's code, and "
                        + type.getName() + " is a lambda that is not serializable, so its code cannot be read: "
                        + "write the lambda or method reference in the call to Cache.builder (it is then serializable), "
                        + "or state the function's version with Builder.version(String)");
            }
            FunctionCode.Method implementation = new FunctionCode.Method(lambda.getImplClass(),
                    lambda.getImplMethodName(), lambda.getImplMethodSignature());
            roots.add(implementation);
            text.append("implementation ").append(implementation.key()).append('\n');
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                text.append("captured ").append(captured(lambda.getCapturedArg(i))).append('\n');
            }
            description = "the code of " + implementation.owner().replace('/', '.') + "." + implementation.name();
        } else {
            roots.addAll(FunctionCode.declaredBy(type));
            text.append("class ").append(type.getName()).append('\n');
            description = "the code of " + type.getName();
        }
        for (String line : FunctionCode.listing(loader, roots)) {
            text.append(line).append('\n');
        }
        return new FunctionVersion(digest(text.toString()), description);
    }

    /** The directory of the journal's results of this version. */
    String directoryName() {
        return "v-" + id;
    }

    /** A serializable lambda's serialized form, read without serializing what it captured. */
    private static SerializedLambda serializedForm(Object function) {
        final class Replacement extends ObjectOutputStream {
            SerializedLambda form;

            Replacement() throws IOException {
                super(OutputStream.nullOutputStream());
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object object) {
                if (form == null && object instanceof SerializedLambda lambda) {
                    form = lambda;
                    return null; // nothing it captured is written
                }
                return object;
            }
        }
        try (Replacement out = new Replacement()) {
            out.writeObject(function);
            return out.form;
        } catch (IOException | RuntimeException notSerializable) {
            return null;
        }
    }

    private static String captured(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String || value instanceof Character || value instanceof Boolean
                || value instanceof Byte || value instanceof Short || value instanceof Integer
                || value instanceof Long || value instanceof Float || value instanceof Double
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value.getClass().getName() + " " + value.toString().replace("\\", "\\\\").replace("\n", "\\n");
        }
        if (value instanceof Enum<?> constant) {
            return constant.getDeclaringClass().getName() + "." + constant.name();
        }
        if (value instanceof Class<?> type) {
            return "class " + type.getName();
        }
        return "instance of " + value.getClass().getName();
    }

    private static String digest(String text) {
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
