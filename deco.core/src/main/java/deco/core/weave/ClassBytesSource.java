package deco.core.weave;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the weaver finds the class files of the methods a woven method calls, to learn which of
 * them are {@code @Concurrent}. Classes are read as bytes, never loaded.
 */
@FunctionalInterface
public interface ClassBytesSource {

    /**
     * The bytes of one class file.
     *
     * @param internalName a class name such as {@code java/util/Map}
     * @return the class file's bytes, or {@code null} if this source does not have it
     */
    byte[] find(String internalName);

    /**
     * Class files as a class loader's resources.
     *
     * @param loader the loader whose resources are searched; {@code null} for the platform's
     * @return a source reading {@code name.class} resources
     */
    static ClassBytesSource of(ClassLoader loader) {
        return new LoaderClassBytes(loader);
    }

    /**
     * Class files in directories.
     *
     * @param roots class-file directories
     * @return a source reading {@code root/name.class}
     */
    static ClassBytesSource of(List<Path> roots) {
        return internalName -> {
            for (Path root : roots) {
                Path file = root.resolve(internalName + ".class");
                if (Files.isRegularFile(file)) {
                    try {
                        return Files.readAllBytes(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return null;
        };
    }

    /**
     * This source, then another one.
     *
     * @param next the source asked when this one has nothing
     * @return a source that asks this one first
     */
    default ClassBytesSource orElse(ClassBytesSource next) {
        return internalName -> {
            byte[] found = find(internalName);
            return found != null ? found : next.find(internalName);
        };
    }
}
