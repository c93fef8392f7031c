package deco.core.weave;

import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeInstruction;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code java.util} collection made as a copy of another ({@code new ArrayList<>(cells)},
 * {@code new HashMap<>(prices)}): its storage is its own, made when it is filled, but its
 * elements are the objects the source holds. A write through an element of the copy is a write
 * of the source's element; a change of the copy's storage ({@code copy.add(x)},
 * {@code copy.sort(null)}, {@code Collections.shuffle(copy)}) changes nothing the source holds
 * (decision 065). An array that {@code list.toArray(array)} filled holds the list's elements the
 * same way.
 *
 * <p>One instance records the copies one method makes: what each copied, and which locals hold
 * nothing but copies. Not thread-safe.
 */
final class CollectionCopies {

    /** What each copy copied, by the copy's root (where it was made). */
    private final Map<Root, Set<Root>> sources = new HashMap<>();
    /** Locals some store puts a copy into, as it was made. */
    private final Set<Integer> copySlots = new HashSet<>();
    /** Locals that may hold anything else: a parameter, a store of any other value. */
    private final Set<Integer> otherSlots = new HashSet<>();

    /** @param firstLocal the first slot after the method's parameters (and {@code this}) */
    CollectionCopies(int firstLocal) {
        for (int slot = 0; slot < firstLocal; slot++) {
            otherSlots.add(slot);
        }
    }

    /**
     * At a call: if it is a {@code java.util} constructor copying a collection or map, records the
     * copy, named by the root of the object made ({@code consumed.get(0)}), as sharing the
     * elements of the value copied (an unknown one as {@link Root#HIDDEN}).
     *
     * @return the position of the value copied, or -1 if the call makes no copy
     */
    int made(InvokeInstruction invoke, List<Value> consumed) {
        if (!invoke.name().equalsString("<init>") || !invoke.owner().asInternalName().startsWith("java/util/")) {
            return -1;
        }
        int position = copiedPosition(invoke);
        Root copy = consumed.get(0).root();
        if (position < 0 || copy == null) {
            return -1;
        }
        filled(copy, consumed.get(position).root());
        return position;
    }

    /**
     * An array {@code toArray(array)} filled with the elements of {@code source} (decision 065):
     * named by {@code holder}, the array's root if the method made it there, else the call's.
     */
    void filled(Root holder, Root source) {
        Set<Root> of = sources.get(holder);
        if (of == null) {
            of = new HashSet<>();
            sources.put(holder, of);
        }
        of.add(source == null ? Root.HIDDEN : source);
    }

    /** Whether {@code root} names a copy this method makes. */
    boolean isCopy(Root root) {
        return root != null && sources.containsKey(root);
    }

    /** {@return what the copy named {@code copy} copied: roots of locals, fields, other copies, or hidden state} */
    Set<Root> sourcesOf(Root copy) {
        return sources.get(copy);
    }

    /** A reference stored into {@code slot}: the local holds only copies while every store stores one as made. */
    void stored(int slot, Value value) {
        (value.direct() && isCopy(value.root()) ? copySlots : otherSlots).add(slot);
    }

    /** Whether the local {@code slot} holds nothing but copies this method made, each as it was made. */
    boolean holdsOnlyCopies(int slot) {
        return copySlots.contains(slot) && !otherSlots.contains(slot);
    }

    /** Each copy may reach what its source reaches, for everything but a change of its own storage. */
    void joinSources(Aliases aliases) {
        for (Map.Entry<Root, Set<Root>> copy : sources.entrySet()) {
            for (Root source : copy.getValue()) {
                aliases.union(copy.getKey(), source);
            }
        }
    }

    /** {@code java.util.Collections}' methods that reorder or refill the list they are given first. */
    private static final Set<String> COLLECTIONS_REORDERING = Set.of("sort", "shuffle", "reverse", "swap",
            "rotate", "fill");

    /**
     * {@return the position (0 is the new object) of the collection or map a {@code java.util}
     * constructor copies, or -1 if it copies none}
     */
    static int copiedPosition(InvokeInstruction invoke) {
        for (int position = 1; position <= invoke.typeSymbol().parameterCount(); position++) {
            if (JdkMethods.copiesArgument(invoke, position)) {
                return position;
            }
        }
        return -1;
    }

    /**
     * Whether the JDK call {@code invoke} may change, at {@code position}, only the storage of the
     * collection it is given there, and not its elements: the receiver of a method of a
     * {@code java.util} or {@code java.util.concurrent} class ({@code add}, {@code remove},
     * {@code sort}, {@code clear}, {@code put}), or the list {@code Collections.sort} and its
     * kind reorder. A function it runs may still write what it is fed; the caller asks that
     * ({@link FedFunctions#feedsAWriter}).
     *
     * @param owner the JDK class that runs it (internal name)
     */
    static boolean changesOnlyItsStorage(InvokeInstruction invoke, String owner, int position) {
        if (position != 0 || invoke.name().equalsString("<init>")) {
            return false;
        }
        if (invoke.opcode() == Opcode.INVOKESTATIC) {
            return owner.equals("java/util/Collections") && COLLECTIONS_REORDERING.contains(invoke.name().stringValue());
        }
        int last = owner.lastIndexOf('/');
        String pkg = last < 0 ? "" : owner.substring(0, last);
        return pkg.equals("java/util") || pkg.equals("java/util/concurrent");
    }
}
