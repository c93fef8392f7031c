package deco.core.weave;

import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a local variable of one method holds an iterator the method made itself from a JDK
 * collection ({@code for (String key : keys)} compiles to {@code Iterator it = keys.iterator()}),
 * and nothing else (decision 062). An iterator is made where the result of a JDK
 * {@code iterator()}, {@code listIterator()} or {@code descendingIterator()} call is stored at once,
 * with no branch target between the call and the store; at a load, the local holds a made iterator
 * if every store into its slot that can reach the load made one (javac gives the slot to other
 * variables in other scopes). Stepping such an iterator ({@code hasNext}, {@code next}) moves only
 * its own cursor, which nobody else holds unless the method hands the iterator on, and reads the
 * collection it walks; stepping any other iterator, or a {@code Scanner}, changes an object someone
 * gave the method. The same is followed for the locals that hold what such an iterator's
 * {@code next()} gave ({@code Map.Entry e = (Map.Entry) it.next()}), with the iterator's slot.
 *
 * <p>Worked out once per analysed method: the stores that can reach each element are followed
 * along branches, switches and exception handlers to a fixed point. Not thread-safe.
 */
final class MadeIterators {

    private static final MadeIterators NONE = new MadeIterators(Reaching.NONE, Reaching.NONE, Map.of());

    /** Where locals hold iterators the method made. */
    private final Reaching iterators;
    /** Where locals hold what {@code next()} of such an iterator gave, as it was stored. */
    private final Reaching taken;
    /** For each store of an element taken, the slot of the iterator it was taken from. */
    private final Map<Integer, Integer> takenFrom;

    private MadeIterators(Reaching iterators, Reaching taken, Map<Integer, Integer> takenFrom) {
        this.iterators = iterators;
        this.taken = taken;
        this.takenFrom = takenFrom;
    }

    /**
     * Where some locals hold only values that certain stores put there: before each element, the
     * slots that may hold something else. Immutable once made.
     */
    private static final class Reaching {

        static final Reaching NONE = new Reaching(new BitSet[0], new BitSet(), Map.of());

        /** Before each element, the tracked slots that may hold other values; {@code null}: not reached. */
        private final BitSet[] otherBefore;
        private final BitSet tracked;
        /** The element indices of the stores that count, by slot. */
        private final Map<Integer, List<Integer>> stores;

        private Reaching(BitSet[] otherBefore, BitSet tracked, Map<Integer, List<Integer>> stores) {
            this.otherBefore = otherBefore;
            this.tracked = tracked;
            this.stores = stores;
        }

        /** Follows the slots that {@code counted} stores into, each counted store by element index. */
        static Reaching of(List<CodeElement> elements, Edges edges, Set<Integer> counted) {
            BitSet tracked = new BitSet();
            Map<Integer, List<Integer>> stores = new HashMap<>();
            for (int at : counted) {
                int slot = ((StoreInstruction) elements.get(at)).slot();
                tracked.set(slot);
                List<Integer> into = stores.get(slot); // no lambda: the agent's path (decision 015)
                if (into == null) {
                    into = new ArrayList<>(2);
                    stores.put(slot, into);
                }
                into.add(at);
            }
            for (List<Integer> into : stores.values()) {
                java.util.Collections.sort(into);
            }
            return tracked.isEmpty() ? NONE : new Reaching(follow(elements, edges, tracked, counted), tracked, stores);
        }

        boolean holdsAt(int at, int slot) {
            return tracked.get(slot) && at < otherBefore.length && otherBefore[at] != null && !otherBefore[at].get(slot);
        }

        List<Integer> storesInto(int slot) {
            List<Integer> into = stores.get(slot);
            return into == null ? List.of() : into;
        }
    }

    /**
     * @param elements   the method's code elements, in order
     * @param firstLocal the first slot after {@code this} and the parameters: those hold what the
     *                   caller gave
     */
    static MadeIterators of(List<CodeElement> elements, int firstLocal) {
        Set<Integer> making = new HashSet<>();
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof StoreInstruction store && store.typeKind() == TypeKind.REFERENCE
                    && store.slot() >= firstLocal && maker(elements, i) >= 0) {
                making.add(i);
            }
            if (elements.get(i) instanceof DiscontinuedInstruction) {
                return NONE; // jsr and ret: subroutines are not followed
            }
        }
        if (making.isEmpty()) {
            return NONE;
        }
        Edges edges = new Edges(elements);
        Reaching iterators = Reaching.of(elements, edges, making);
        Set<Integer> taking = new HashSet<>();
        Map<Integer, Integer> takenFrom = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof StoreInstruction store && store.typeKind() == TypeKind.REFERENCE
                    && store.slot() >= firstLocal) {
                int iterator = iteratorLoadTakenFrom(elements, i);
                int slot = iterator < 0 ? -1 : ((LoadInstruction) elements.get(iterator)).slot();
                if (iterator >= 0 && iterators.holdsAt(iterator, slot)) {
                    taking.add(i);
                    takenFrom.put(i, slot);
                }
            }
        }
        return new MadeIterators(iterators, Reaching.of(elements, edges, taking), takenFrom);
    }

    /**
     * The load of the iterator whose {@code next()} gives what the store at {@code store} stores
     * ({@code it.next()}, perhaps cast: {@code Map.Entry e = (Map.Entry) it.next()}), with no
     * branch target between; -1 otherwise.
     */
    private static int iteratorLoadTakenFrom(List<CodeElement> elements, int store) {
        int at = instructionBefore(elements, store);
        if (at >= 0 && elements.get(at) instanceof TypeCheckInstruction cast && cast.opcode() == Opcode.CHECKCAST) {
            at = instructionBefore(elements, at);
        }
        if (at < 0 || !(elements.get(at) instanceof InvokeInstruction next) || !next.name().equalsString("next")
                || next.typeSymbol().parameterCount() != 0 || !JdkTypes.isJdk(next.owner().asInternalName())) {
            return -1;
        }
        int load = instructionBefore(elements, at);
        return load >= 0 && elements.get(load) instanceof LoadInstruction iterator
                && iterator.typeKind() == TypeKind.REFERENCE ? load : -1;
    }

    /**
     * The element index of each label, and each exception handler as its from, to and handler
     * element indices: made once per method, for both kinds of local followed.
     */
    private static final class Edges {

        final Map<Label, Integer> labels = new HashMap<>();
        final List<int[]> handlers = new ArrayList<>();

        Edges(List<CodeElement> elements) {
            for (int i = 0; i < elements.size(); i++) {
                if (elements.get(i) instanceof LabelTarget target) {
                    labels.put(target.label(), i);
                }
            }
            for (CodeElement element : elements) {
                if (element instanceof ExceptionCatch handler) {
                    handlers.add(new int[] {labels.get(handler.tryStart()), labels.get(handler.tryEnd()),
                            labels.get(handler.handler())});
                }
            }
        }
    }

    /**
     * The slots that may hold other values before each element, to a fixed point: a store into a
     * tracked slot that is not {@code counted} may put another value there. Successors are
     * {@link StackModel}'s: a branch's and a switch's targets, the next element unless nothing falls
     * through, and the handlers of every try range the element is in.
     */
    private static BitSet[] follow(List<CodeElement> elements, Edges edges, BitSet tracked, Set<Integer> counted) {
        BitSet[] before = new BitSet[elements.size() + 1];
        Deque<Integer> work = new ArrayDeque<>();
        before[0] = new BitSet();
        work.push(0);
        while (!work.isEmpty()) {
            int at = work.pop();
            BitSet in = before[at];
            CodeElement element = elements.get(at);
            BitSet out = in;
            if (element instanceof StoreInstruction store && store.typeKind() == TypeKind.REFERENCE
                    && tracked.get(store.slot())) {
                out = (BitSet) in.clone();
                out.set(store.slot(), !counted.contains(at));
            }
            for (int[] handler : edges.handlers) {
                if (handler[0] <= at && at < handler[1]) {
                    flow(before, handler[2], in, work);
                    flow(before, handler[2], out, work);
                }
            }
            if (element instanceof Instruction instruction) {
                for (Label target : StackModel.targets(instruction)) {
                    flow(before, edges.labels.get(target), out, work);
                }
                if (StackModel.isUnconditionalExit(instruction)) {
                    continue;
                }
            }
            flow(before, at + 1, out, work);
        }
        return before;
    }

    /** Joins {@code state} into what may hold before element {@code to}; follows it again if that grew. */
    private static void flow(BitSet[] before, int to, BitSet state, Deque<Integer> work) {
        if (to >= before.length - 1) {
            return; // past the last element: the code ended
        }
        BitSet known = before[to];
        if (known == null) {
            before[to] = (BitSet) state.clone();
            work.push(to);
            return;
        }
        BitSet joined = (BitSet) known.clone();
        joined.or(state);
        if (!joined.equals(known)) {
            before[to] = joined;
            work.push(to);
        }
    }

    /**
     * The index of the JDK call whose result the store at {@code store} stores, if it makes an
     * iterator and no branch can reach the store from elsewhere; -1 otherwise.
     */
    static int maker(List<CodeElement> elements, int store) {
        int before = instructionBefore(elements, store);
        return before >= 0 && elements.get(before) instanceof InvokeInstruction invoke && makesIterator(invoke)
                ? before : -1;
    }

    /**
     * The index of the instruction right before element {@code at}, or -1 if a branch target
     * comes between (another path could bring other values) or none does.
     */
    static int instructionBefore(List<CodeElement> elements, int at) {
        return nextInstruction(elements, at, -1);
    }

    /** The index of the instruction right after element {@code at}, or -1 if a branch target comes between. */
    static int instructionAfter(List<CodeElement> elements, int at) {
        return nextInstruction(elements, at, 1);
    }

    /** The first instruction from {@code at} in direction {@code step} (-1 or 1), -1 past a branch target. */
    private static int nextInstruction(List<CodeElement> elements, int at, int step) {
        for (int i = at + step; i >= 0 && i < elements.size(); i += step) {
            CodeElement element = elements.get(i);
            if (element instanceof LabelTarget) {
                return -1;
            }
            if (element instanceof Instruction) {
                return i;
            }
        }
        return -1;
    }

    /** A JDK collection's {@code iterator()}, {@code listIterator()} or {@code descendingIterator()}. */
    static boolean makesIterator(InvokeInstruction invoke) {
        if (!JdkTypes.isJdk(invoke.owner().asInternalName()) || invoke.opcode() == Opcode.INVOKESTATIC) {
            return false;
        }
        String returns = invoke.typeSymbol().returnType().descriptorString();
        return switch (invoke.name().stringValue()) {
            case "iterator", "descendingIterator" -> invoke.typeSymbol().parameterCount() == 0
                    && returns.equals("Ljava/util/Iterator;");
            case "listIterator" -> returns.equals("Ljava/util/ListIterator;");
            default -> false;
        };
    }

    /** {@return the element indices of the stores that make an iterator into {@code slot}} */
    List<Integer> storesInto(int slot) {
        return iterators.storesInto(slot);
    }

    /**
     * {@return the slot of the local {@code value} was loaded from as it is, if that local holds an
     * iterator the method made, whichever path led there; -1 otherwise}
     */
    int madeIn(Value value) {
        return slotHolding(value, iterators);
    }

    /**
     * {@return the slot of the local {@code value} was loaded from as it is, if that local holds what
     * {@code next()} of an iterator the method made gave, whichever path led there; -1 otherwise}
     */
    int takenIn(Value value) {
        return slotHolding(value, taken);
    }

    private static int slotHolding(Value value, Reaching reaching) {
        Root root = value.root();
        return value.direct() && value.rootLoad() >= 0 && root != null && root.kind() == Root.Kind.LOCAL
                && reaching.holdsAt(value.rootLoad(), root.slot()) ? root.slot() : -1;
    }

    /** {@return the element indices of the stores of what {@code next()} gave into {@code slot}} */
    List<Integer> takenStoresInto(int slot) {
        return taken.storesInto(slot);
    }

    /** {@return the slot of the iterator whose {@code next()} gave what the store at {@code store} stores} */
    int takenFrom(int store) {
        return takenFrom.get(store);
    }
}
