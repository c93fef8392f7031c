package deco.memory;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link DiskDict#recover} or {@link DiskList#recover} saved from a damaged collection.
 *
 * @param from      the damaged directory (left as it was)
 * @param to        the new directory that holds the saved entries
 * @param saved     entries copied
 * @param lost      entries found but unreadable (their checksum, key or value failed), and so left out
 * @param incompleteParts part files read in part or not at all (missing, truncated, beyond Chronicle
 *                  Map's recovery): the entries lost from them cannot be counted, so they are not in
 *                  {@code lost}; each file is named in the problems
 * @param problems  what Chronicle Map's recovery and the decoding reported, one line each
 */
public record Salvage(Path from, Path to, long saved, long lost, int incompleteParts, List<String> problems) {

    /**
     * A salvage report.
     *
     * @param problems copied
     */
    public Salvage {
        problems = List.copyOf(problems);
    }

    /**
     * {@return whether everything found was saved: no entry lost and every part file read whole}
     * {@code deco.memory.Recover} exits 0 only then.
     */
    public boolean complete() {
        return lost == 0 && incompleteParts == 0;
    }
}
