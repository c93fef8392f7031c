package deco.core.weave;

import java.util.HashSet;
import java.util.Set;

/**
 * Where a {@code @Synchronized} method touches the file system, and where it must wait for that
 * (decision 059). The file system is one piece of state every call and the loop share, reached
 * through no object, so no alias analysis applies: code that changes files meets every other code
 * that touches them, and code that reads files meets code that changes them.
 *
 * <ul>
 *   <li>A place in the loop that reads files (a JDK call, an application helper or a lambda made
 *       there that may) waits for pending calls if some task may change files.</li>
 *   <li>A place that changes files waits for pending calls if some task may touch files.</li>
 *   <li>A {@code @Concurrent} call whose task touches files is such a place too, at its call: so
 *       tasks that change files run in call order against every task that touches files, one per
 *       event, and tasks that only read files run beside each other.</li>
 * </ul>
 *
 * <p>Like the rest of the analysis this is per method, not per path: one task that may change files
 * makes every reading place wait. Not thread-safe: one per analysis.
 */
final class FileSystemAccesses {

    private final Set<Integer> reads = new HashSet<>();
    private final Set<Integer> writes = new HashSet<>();
    private boolean tasksRead;
    private boolean tasksWrite;

    /** The loop's own code at element {@code at} does {@code use} to the file system. */
    void at(int at, FileSystemUse use) {
        if (use == FileSystemUse.WRITES) {
            writes.add(at);
        } else if (use == FileSystemUse.READS) {
            reads.add(at);
        }
    }

    /** The {@code @Concurrent} call at element {@code at} makes a task that does {@code use} to the file system. */
    void task(int at, FileSystemUse use) {
        at(at, use);
        tasksRead |= use.any();
        tasksWrite |= use == FileSystemUse.WRITES;
    }

    /** Puts an event before every place that must wait for pending calls first. */
    void placeEvents(SynchronizedPlan plan) {
        if (tasksRead) {
            plan.syncBefore(writes, "files are changed here, and a pending call may read or change them; "
                    + "if each call's files are its own, say @Concurrent(ownFiles = true) (decision 059)");
        }
        if (tasksWrite) {
            plan.syncBefore(reads, "files are read here, and a pending call may change them; "
                    + "if each call's files are its own, say @Concurrent(ownFiles = true) (decision 059)");
        }
    }
}
