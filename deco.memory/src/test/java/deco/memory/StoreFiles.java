package deco.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files of a collection directory, for tests that damage them. */
final class StoreFiles {

    private StoreFiles() {
    }

    /** @return the part files, sorted by name */
    static List<Path> parts(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.getFileName().toString().endsWith(".cm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the one part file of a small collection */
    static Path onlyPart(Path dir) {
        List<Path> parts = parts(dir);
        if (parts.size() != 1) {
            throw new IllegalStateException("expected one part in " + dir + ", found " + parts);
        }
        return parts.getFirst();
    }
}
