package deco.core.weave;

/**
 * What code does to the file system (decision 059): nothing, reads it (a file's contents, whether
 * it exists, a directory's listing), or changes it (writes, creates, deletes, moves; or starts a
 * process, which may do any of these). The file system is state the whole process shares, reached
 * through no object: a call that writes a file and a read of that file by name meet only here.
 *
 * <p>Ordered: {@link #WRITES} includes reading. Immutable.
 */
enum FileSystemUse {
    /** Touches no file. */
    NONE,
    /** May read files or their attributes. */
    READS,
    /** May change files (and read them). */
    WRITES;

    /** {@return the stronger of the two: what code that may do either does} */
    FileSystemUse and(FileSystemUse other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** {@return whether it reads or writes files} */
    boolean any() {
        return this != NONE;
    }
}
