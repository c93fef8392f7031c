package deco.core.weave;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lambdas and method references a {@code @Synchronized} method makes whose bodies set process-wide
 * state (decision 057) or touch files (decision 059), and the {@code @Concurrent} calls that may be
 * handed one. A callee that runs what it is given ({@code task.run()}) calls a JDK interface
 * method, which its summary cannot see through, so the loop, which sees the lambda's body, lends
 * the body's effects to every call that takes an object: such a call then waits, and is made, as
 * if its callee did what the body does.
 *
 * <p>Conservative: the analysis does not follow which lambda reaches which call, so one such
 * lambda anywhere in the method counts for every call that takes an object other than an
 * immutable value. Not thread-safe: one per analysis.
 */
final class LambdasHandedToCalls {

    private FileSystemUse files = FileSystemUse.NONE;
    private boolean setsProcessState;
    /** The calls that take an object. */
    private final List<ConcurrentCall> takingObjects = new ArrayList<>();
    /** Those of them whose callee did not promise its files are its own: the element index of each. */
    private final List<Integer> lentFiles = new ArrayList<>();

    /** The method makes a lambda whose body does {@code body}. */
    void made(ParameterUses.Outside body) {
        files = files.and(body.files());
        setsProcessState |= body.setsProcessState();
    }

    /**
     * {@code call} takes an object that may be such a lambda (its receiver, or an argument of a type
     * that is not immutable).
     *
     * @param ownFiles its callee promised its files are its own ({@code @Concurrent(ownFiles = true)})
     */
    void mayBeHandedOne(ConcurrentCall call, boolean ownFiles) {
        takingObjects.add(call);
        if (!ownFiles) {
            lentFiles.add(call.callIndex);
        }
    }

    /**
     * Once every lambda and call is known: each call that may be handed one does what the lambdas'
     * bodies do — it touches files as they do, and if they set process-wide state it is a barrier
     * made at once on the caller's thread.
     */
    void lend(FileSystemAccesses fileSystem, Set<Integer> barriers) {
        for (int at : lentFiles) {
            fileSystem.task(at, files);
        }
        if (setsProcessState) {
            for (ConcurrentCall call : takingObjects) {
                call.runsCodeSettingProcessState();
                barriers.add(call.callIndex);
            }
        }
    }
}
