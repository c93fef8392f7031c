package deco.concurrent;

import deco.core.remote.ClassDigest;
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
import java.util.Set;

/**
 * The version of a {@link Cache}'s function that a journal keeps results under (decision 042): the
 * SHA-256 of the function's code as {@link FunctionCode} lists it, and of the values a lambda
 * captured, or of a version the user stated. Results are reused only by a cache whose function has
 * the same version.
 *
 * <p>A lambda or method reference is read through its serialized form, which names its
 * implementing method and holds what it captured. A lambda that is not serializable does not say
 * which method implements it, so its code is taken to be every method of every class of the nest
 * it was written in (the top-level class and its nested classes): correct, but changed by any edit
 * there. An instance of an ordinary class is read as every method its class declares. Captured
 * numbers, strings, characters, booleans, enum constants and classes count by value, captured
 * lambdas by their code, captured caches by their function's version; any other captured object,
 * and the fields of a function object, count by class only.
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
     */
    static FunctionVersion of(Object function) {
        Reading reading = new Reading(new FunctionCode(function.getClass().getClassLoader()));
        String description = reading.code(function);
        StringBuilder text = new StringBuilder("code\n").append(description).append('\n');
        for (String line : reading.classFiles.listing(reading.roots)) {
            text.append(line).append('\n');
        }
        return new FunctionVersion(digest(text.toString()), "the code of " + description);
    }

    /** Finds the methods a function object runs first, and names what it captured. */
    private static final class Reading {
        /** Reads every class file once, for the roots and for the listing. */
        final FunctionCode classFiles;
        final List<FunctionCode.Method> roots = new ArrayList<>();
        private final Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        Reading(FunctionCode classFiles) {
            this.classFiles = classFiles;
        }

        /** Adds the roots of a function object; how the version's text names it. */
        String code(Object function) {
            Class<?> type = function.getClass();
            if (!type.isHidden()) {
                roots.addAll(classFiles.declaredBy(type));
                return type.getName();
            }
            SerializedLambda lambda = function instanceof Serializable && seen.add(function) ? serializedForm(function) : null;
            if (lambda == null) {
                // a lambda that does not say which method implements it: every method of the classes it may be written in
                Class<?> host = type.getNestHost();
                Class<?>[] members;
                try {
                    members = host.getNestMembers();
                } catch (LinkageError e) {
                    members = new Class<?>[] {host};
                }
                for (Class<?> member : members) {
                    roots.addAll(classFiles.declaredBy(member));
                }
                return "a lambda that is not serializable, so every class of nest " + host.getName();
            }
            FunctionCode.Method implementation = new FunctionCode.Method(lambda.getImplClass(),
                    lambda.getImplMethodName(), lambda.getImplMethodSignature());
            roots.add(implementation);
            StringBuilder name = new StringBuilder(implementation.owner().replace('/', '.')).append('.')
                    .append(implementation.name().startsWith("lambda$") ? "lambda$" : implementation.name())
                    .append(implementation.descriptor());
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                name.append(" capturing ").append(captured(lambda.getCapturedArg(i)));
            }
            return name.toString();
        }

        private String captured(Object value) {
            if (value == null) {
                return "null";
            }
            if (value instanceof String || value instanceof Character || value instanceof Boolean
                    || value instanceof Byte || value instanceof Short || value instanceof Integer
                    || value instanceof Long || value instanceof Float || value instanceof Double
                    || value instanceof BigInteger || value instanceof BigDecimal) {
                return "(" + value.getClass().getName() + " " + value.toString().replace("\\", "\\\\")
                        .replace("\n", "\\n").replace(")", "\\)") + ")";
            }
            if (value instanceof Enum<?> constant) {
                return "(" + constant.getDeclaringClass().getName() + "." + constant.name() + ")";
            }
            if (value instanceof Class<?> type) {
                return "(class " + type.getName() + ")";
            }
            if (value instanceof Cache<?, ?> other) {
                // a cache this function reads: its function counts, as if this one called it
                return other.version != null ? "(cache of the stated version " + captured(other.version) + ")"
                        : seen.add(other) ? "(cache of " + code(other.code) + ")" : "(cache read again)";
            }
            if (value.getClass().isHidden()) {
                return "(" + code(value) + ")"; // a captured lambda: its code, not its run-specific class name
            }
            return "(instance of " + value.getClass().getName() + ")";
        }
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

    private static String digest(String text) {
        return HexFormat.of().formatHex(ClassDigest.sha256(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }
}
