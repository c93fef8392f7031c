package deco.core.weave;

import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments whose writes {@code @Concurrent} calls of one {@code @Synchronized} method record
 * (decision 004), and where recording would not give the serial result (decision 030).
 *
 * <p>A recorded write reaches its object only at the event, so two things must hold for a call to
 * record. The call must not read the object it writes through another of its inputs: with
 * {@code stamp(x, x)} a callee that writes {@code target[0]} and reads {@code source[0]} reads its
 * own write in the serial program. And no pending call may write the object through while a
 * recording call runs: a recorded {@code set} checks its index against the object as it is. Where
 * the {@link Aliases} say either may happen, the call writes through instead (its arguments are
 * then read and written, and the caller synchronizes before passing them again), and recorded
 * arguments of groups written through lose their exemption from events.
 *
 * <p>Not thread-safe; one per analysis.
 */
final class RecordedArguments {

    /**
     * One input of one call: where it comes from, the callee's declared type for it, where it was
     * loaded (recorded arguments), and, for the receiver and for hidden state, what the callee
     * reads through their fields ({@code null} for an argument, which it may read all of).
     */
    private record Input(Root root, ClassDesc type, int load, HiddenReads through) {

        /** Whether this input may be, or reach, an object of type {@code written}. */
        boolean mayReach(ClassDesc written) {
            // a receiver is no array, and the callee sees of it only what it reads from its fields
            return through == null ? ArrayReach.mayReach(type, written) : through.mayReach(written);
        }
    }

    /** The recorded and the read inputs of one call. */
    private record Inputs(List<Input> recorded, List<Input> read) {
    }

    private final Map<ConcurrentCall, Inputs> calls = new LinkedHashMap<>();
    private final List<Root> writtenThrough = new ArrayList<>();

    private Inputs of(ConcurrentCall call) {
        Inputs inputs = calls.get(call); // no lambda on the agent's weaving path (decision 015)
        if (inputs == null) {
            inputs = new Inputs(new ArrayList<>(), new ArrayList<>());
            calls.put(call, inputs);
        }
        return inputs;
    }

    /** {@code call} records its writes to an argument of {@code type}, loaded at {@code load}. */
    void recorded(ConcurrentCall call, Root root, ClassDesc type, int load) {
        of(call).recorded().add(new Input(root, type, load, null));
    }

    /** {@code call} reads an argument of {@code type}. */
    void read(ConcurrentCall call, Root root, ClassDesc type) {
        if (root != null) {
            of(call).read().add(new Input(root, type, -1, null));
        }
    }

    /** {@code call} reads its receiver, and {@code through} what its fields hold. */
    void readsReceiver(ConcurrentCall call, Root root, HiddenReads through) {
        if (root != null) {
            of(call).read().add(new Input(root, null, -1, through));
        }
    }

    /**
     * {@code call} reads hidden state (statics, fields of objects it reached, unseen code): an
     * argument that may be hidden state is one it may read its writes back through (decision 043).
     */
    void readsHidden(ConcurrentCall call, HiddenReads through) {
        if (through.any()) {
            of(call).read().add(new Input(Root.HIDDEN, null, -1, through));
        }
    }

    /** Pending work writes {@code root}'s objects directly, while it runs. */
    void writtenThrough(Root root) {
        writtenThrough.add(root);
    }

    /**
     * Decides, once every alias of the method is known, which calls write through.
     *
     * @param aliases    the method's aliases, complete
     * @param readByPending where the roots of arguments that now are read and written are added
     * @return the loads of recorded arguments that feed their call without an event
     */
    Set<Integer> resolve(Aliases aliases, List<Root> readByPending) {
        for (Map.Entry<ConcurrentCall, Inputs> entry : calls.entrySet()) {
            if (readsOwnWrites(aliases, entry.getValue())) {
                entry.getKey().writeThrough();
                for (Input input : entry.getValue().recorded()) {
                    writtenThrough.add(input.root());
                    readByPending.add(input.root());
                }
            }
        }
        Set<Root> through = new HashSet<>();
        for (Root root : writtenThrough) {
            through.add(aliases.find(root));
        }
        Set<Integer> exempt = new HashSet<>();
        for (Inputs inputs : calls.values()) {
            for (Input input : inputs.recorded()) {
                if (!through.contains(aliases.find(input.root()))) {
                    exempt.add(input.load());
                }
            }
        }
        return exempt;
    }

    /** Whether some input the call reads may be, or reach, an object it records writes to. */
    private static boolean readsOwnWrites(Aliases aliases, Inputs inputs) {
        for (Input written : inputs.recorded()) {
            Root group = aliases.find(written.root());
            for (Input read : inputs.read()) {
                if (read.mayReach(written.type()) && aliases.find(read.root()).equals(group)) {
                    return true;
                }
            }
        }
        return false;
    }
}
