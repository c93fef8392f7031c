package deco.memory.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates a small file that several processes may create at once, so that every process ends up
 * with the same one: its content is written under a temporary name in the same directory
 * ({@code name} + digits + {@code .tmp}) and hard-linked into place, which is atomic and fails if
 * the file exists. A rename would replace a file another process created and may already use
 * (two processes mapping two counters); a link never does. On a file system without hard links,
 * a move without replace stands in. Not API: deco's modules share it.
 */
public final class WholeFile {

    private WholeFile() {
    }

    /**
     * Creates {@code file} with {@code content}, unless it exists or another process creates it
     * meanwhile; either way it is then complete.
     *
     * @param file    the file
     * @param content its content
     * @return whether this call created it
     * @throws IOException if it cannot be written
     */
    public static boolean createOnce(Path file, byte[] content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, content);
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException anotherProcessWasFirst) {
                return false;
            } catch (UnsupportedOperationException | IOException noHardLinks) {
                try {
                    Files.move(temporary, file); // without REPLACE_EXISTING: fails if the file exists
                } catch (FileAlreadyExistsException anotherProcessWasFirst) {
                    return false;
                }
            }
            return true;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Whether {@code candidate} is the temporary file of a {@link #createOnce} in progress (in this
     * or another process) of the file called {@code name}.
     *
     * @param candidate a file in the directory of the file called {@code name}
     * @param name      the name of a file {@link #createOnce} creates
     * @return whether it is that temporary file
     */
    public static boolean isBeingCreated(Path candidate, String name) {
        String found = candidate.getFileName().toString();
        return found.startsWith(name) && found.endsWith(".tmp");
    }
}
