package deco.cluster.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Java serialisation of what travels between a program and a member, with classes resolved
 * through the application's class loader (not the loader of the caller's frame).
 */
final class Payloads {

    private Payloads() {
    }

    /**
     * @param value the object graph
     * @return its bytes
     * @throws java.io.NotSerializableException or another {@link IOException} if some object of
     *                                          the graph cannot be serialised
     */
    static byte[] write(Object value) throws IOException {
        return write(value, null);
    }

    /**
     * As {@link #write}, and adds to {@code classes} every class whose description the bytes
     * carry (the classes of the graph's objects, and classes the graph holds as values, such as a
     * serialised lambda's capturing class); {@code classes} may be null.
     */
    static byte[] write(Object value, Set<Class<?>> classes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = classes == null ? new ObjectOutputStream(bytes) : new ClassesNoted(bytes, classes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** As {@link #write}, for values that are known to be serialisable. */
    static byte[] writeKnown(Object value) {
        try {
            return write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param bytes  what {@link #write} made
     * @param loader where the application's classes are
     * @return the object graph
     * @throws IOException            if the bytes are damaged
     * @throws ClassNotFoundException if a class is not found through {@code loader}
     */
    static Object read(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            return in.readObject();
        }
    }

    private static final class ClassesNoted extends ObjectOutputStream {
        private final Set<Class<?>> classes;

        ClassesNoted(OutputStream out, Set<Class<?>> classes) throws IOException {
            super(out);
            this.classes = classes;
        }

        @Override
        protected void annotateClass(Class<?> type) {
            classes.add(type);
        }
    }

    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, loader);
            } catch (ClassNotFoundException notThere) {
                return super.resolveClass(description); // primitives and the platform's classes
            }
        }
    }
}
