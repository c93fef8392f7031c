package deco.core.weave;

import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects a method may lock that the woven program's caller could already hold, named so that
 * a call site can ask, before it hands the call to another thread, whether the calling thread
 * holds one of them (decision 044): a static field's object, an object a field of the receiver
 * or of an argument holds, or a class's monitor. A task that waited for such a lock would wait for the caller,
 * while the caller waits for the task at its next event.
 *
 * <p>An object counts as possibly locked when the method enters its monitor, calls a method on it
 * or passes it to one (a {@code synchronized} method, a {@code Vector}'s, a
 * {@code Collections.synchronizedList}'s or a {@code ReentrantLock}'s {@code lock()} take it),
 * unless it is of an immutable type or an atomic; {@code lock()} on what such an object gives
 * ({@code RW.writeLock().lock()}) counts the object itself. Application methods add what their
 * summaries name ({@link CalleeSummaries}): their statics and classes always, the fields of
 * their receiver and arguments as fields of what this method passed there, when that is its own
 * receiver or one of its parameters. The call's receiver and arguments themselves are checked at
 * run time anyway (decision 039), so they are not named here. An element of an array one of those
 * fields holds stands for all of them (lock striping). What the method locks through other paths
 * (an element of another array, a field of a field, an object a call returned) is not named: the
 * one case left unguarded, stated in the guide.
 *
 * <p>Names are the call site's bootstrap arguments: {@code "S owner name descriptor"} for a
 * static field, {@code "F owner name descriptor"} for a field of the receiver,
 * {@code "P index owner name descriptor"} for a field of the argument at {@code index} (from 0,
 * the receiver not counted), {@code "E"} before any of those for every element of the array the
 * field holds ({@code "ES owner name descriptor"}), {@code "C owner"} for a class (internal names).
 * Immutable.
 */
final class TakenLocks {

    /** Locks nothing a caller could hold. */
    static final TakenLocks NONE = new TakenLocks(Set.of());

    /** Before a field's name: every element of the array the field holds. */
    static final String ELEMENTS = "E";

    /** What a callee's receiver or argument is in the calling method: nothing it can name. */
    static final int UNNAMED = -1;
    /** What a callee's receiver or argument is in the calling method: its own receiver. */
    static final int RECEIVER = -2;

    /**
     * The names. Statics, their elements and classes are the same objects whoever calls the
     * method; a field of the receiver ({@code F}) or of an argument ({@code P}) is named for a
     * caller only when it passes its own receiver or a parameter there ({@link Collector#calls}).
     */
    private final Set<String> names;

    private TakenLocks(Set<String> names) {
        this.names = names;
    }

    /** Every name, sorted: the call site's bootstrap arguments, the same for the same class file. */
    List<String> names() {
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        return sorted;
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    // by hand, not a record's equals: a record's bootstrap costs milliseconds on the agent's path (decision 015)
    boolean same(TakenLocks other) {
        return names.equals(other.names);
    }

    /** The name of a field of the receiver ({@code "F"}) or of argument {@code parameter} ({@code "P"}). */
    private static String fieldOf(int parameter, String field) {
        return parameter == RECEIVER ? "F " + field : "P " + parameter + ' ' + field;
    }

    /** The name of a class's monitor (a {@code static synchronized} method's, or {@code synchronized (C.class)}). */
    static String classMonitor(ClassDesc owner) {
        return "C " + Descriptors.internalName(owner);
    }

    /** Collects one method's locks as its analysis steps through the code. Not thread-safe. */
    static final class Collector {

        private static final String LOCKS_PACKAGE = "java/util/concurrent/locks/";
        private static final String ATOMICS_PACKAGE = "java/util/concurrent/atomic/";

        private final List<CodeElement> elements;
        private final Set<String> names = new HashSet<>();
        /**
         * The name of each value loaded from a field of a parameter or from an element of a static
         * array, by identity: the stack model gives such a value the root it was reached through,
         * so only the loaded value itself can say what it is (a {@code DUP} keeps it; a local or a
         * branch merge does not, leaving it unnamed).
         */
        private final Map<Value, String> namedLoads = new IdentityHashMap<>();
        /** The names of the named loads stored into each local ({@code ReentrantLock gate = GATES[i]}). */
        private final Map<Integer, Set<String>> namedSlots = new HashMap<>();
        /** The name of each field root the stack model produced: a static's or a field of {@code this}. */
        private final Map<Root, String> fieldNames = new HashMap<>();
        /** Locals (not parameters) whose values may be locked: named by what was stored into them, at the end. */
        private final Set<Integer> lockedSlots = new HashSet<>();

        Collector(List<CodeElement> elements) {
            this.elements = elements;
        }

        /** A field load produced {@code produced}: a static's or a field of {@code this} by its root. */
        void loaded(FieldInstruction field, List<Value> produced) {
            if (produced.size() != 1 || produced.get(0).root() == null
                    || produced.get(0).root().kind() != Root.Kind.FIELD) {
                return;
            }
            fieldNames.put(produced.get(0).root(), (field.opcode() == Opcode.GETSTATIC ? "S " : "F ") + fieldName(field));
        }

        /** {@code "owner name descriptor"}: a field, as the names after their kind give it. */
        private static String fieldName(FieldInstruction field) {
            return field.owner().asInternalName() + ' ' + field.name().stringValue() + ' '
                    + field.typeSymbol().descriptorString();
        }

        /** A {@code getfield} on parameter {@code parameter} (not reassigned) produced {@code produced}. */
        void loadedFromParameter(FieldInstruction field, int parameter, Value produced) {
            if (!field.typeSymbol().isPrimitive()) {
                namedLoads.put(produced, fieldOf(parameter, fieldName(field)));
            }
        }

        /**
         * An {@code aaload} from {@code array} produced {@code produced}: an element of an array a
         * static, a field of the receiver or a field of a parameter holds
         * ({@code synchronized (STRIPES[key % 16])}, {@code this.stripes[i].lock()}) is named
         * {@code "E"} and the field's name, standing for every element of it.
         */
        void loadedElement(Value array, Value produced) {
            String name = namedLoads.get(array); // a field of a parameter
            if (name == null && array.direct() && array.root() != null && array.root().kind() == Root.Kind.FIELD) {
                name = fieldNames.get(array.root()); // a static, or a field of this method's receiver
            }
            if (name != null && !name.startsWith(ELEMENTS)) {
                namedLoads.put(produced, ELEMENTS + name);
            }
        }

        /**
         * {@code instruction} consumes {@code value} at {@code position}: note it if this may lock
         * it. {@code declared} is the value's declared type there ({@code null} if not an invoke's input).
         */
        void consumed(Instruction instruction, int position, Value value, ClassDesc declared, boolean immutable) {
            Root root = value.root();
            if (root == null) {
                return;
            }
            String named = namedLoads.get(value);
            if (named != null) { // the object as loaded, as a static's would be
                if (locks(instruction, position, true, declared, immutable)) {
                    add(named);
                }
                return;
            }
            if (root.kind() == Root.Kind.ALLOCATION && instruction instanceof MonitorInstruction monitor
                    && monitor.opcode() == Opcode.MONITORENTER
                    && elements.get(root.slot()) instanceof ConstantInstruction constant
                    && constant.constantValue() instanceof ClassDesc type) {
                names.add(classMonitor(type)); // synchronized (C.class): the constant itself, not reached through it
                return;
            }
            if (!locks(instruction, position, value.direct(), declared, immutable)) {
                return;
            }
            if (root.kind() == Root.Kind.FIELD) {
                add(fieldNames.get(root));
            } else if (root.kind() == Root.Kind.LOCAL) {
                lockedSlots.add(root.slot()); // parameters and this are the call site's to check
            }
        }

        private static boolean locks(Instruction instruction, int position, boolean direct, ClassDesc declared,
                                     boolean immutable) {
            if (instruction instanceof MonitorInstruction monitor) {
                return monitor.opcode() == Opcode.MONITORENTER && direct;
            }
            if (!(instruction instanceof InvokeInstruction invoke) || declared == null || declared.isPrimitive()) {
                return false;
            }
            if (!direct) { // reached through the root: RW.writeLock().lock() takes the root's lock
                return position == 0 && invoke.opcode() != Opcode.INVOKESTATIC
                        && invoke.owner().asInternalName().startsWith(LOCKS_PACKAGE);
            }
            return !immutable && !Descriptors.internalName(declared).startsWith(ATOMICS_PACKAGE);
        }

        /**
         * This method calls an application method whose summary takes {@code callee}.
         * {@code receiverIs} and {@code argumentIs[i]} say what the callee's receiver and argument
         * {@code i} are here: {@link #RECEIVER} (this method's receiver), a parameter's index, or
         * {@link #UNNAMED}; the callee's fields of them are this method's fields of those.
         */
        void calls(TakenLocks callee, int receiverIs, int[] argumentIs) {
            for (String name : callee.names) {
                String prefix = name.startsWith(ELEMENTS) ? ELEMENTS : "";
                String unprefixed = name.substring(prefix.length());
                if (unprefixed.startsWith("F ")) {
                    addOf(receiverIs, prefix, unprefixed.substring(2));
                } else if (unprefixed.startsWith("P ")) {
                    int space = unprefixed.indexOf(' ', 2);
                    int argument = Integer.parseInt(unprefixed.substring(2, space));
                    addOf(argument < argumentIs.length ? argumentIs[argument] : UNNAMED, prefix,
                            unprefixed.substring(space + 1));
                } else {
                    names.add(name); // a static, its elements, a class: the same whoever calls
                }
            }
        }

        private void addOf(int base, String prefix, String field) {
            if (base != UNNAMED) {
                names.add(prefix + fieldOf(base, field));
            }
        }

        /** The method itself is {@code static synchronized}: its class's monitor. */
        void synchronizedOn(ClassDesc owner) {
            names.add(classMonitor(owner));
        }

        private void add(String name) {
            if (name != null) { // null: a field root the model made without a load this collector saw
                names.add(name);
            }
        }

        /** {@code value} is stored into local {@code slot}: a named load keeps its name there. */
        void stored(int slot, Value value) {
            String name = namedLoads.get(value);
            if (name != null) {
                Set<String> names = namedSlots.get(slot);
                if (names == null) {
                    names = new HashSet<>();
                    namedSlots.put(slot, names);
                }
                names.add(name);
            }
        }

        /** The locals (not parameters) whose values may be locked: their sources are named at the end. */
        Set<Integer> lockedSlots() {
            return lockedSlots;
        }

        /** A value stored into a locked local came from {@code source}: a field's object is named. */
        void lockedThrough(Root source) {
            if (source.kind() == Root.Kind.FIELD) {
                add(fieldNames.get(source));
            }
        }

        /** @return the locks */
        TakenLocks finish() {
            for (int slot : lockedSlots) {
                Set<String> names = namedSlots.get(slot);
                if (names != null) {
                    for (String name : names) {
                        add(name);
                    }
                }
            }
            return names.isEmpty() ? NONE : new TakenLocks(Set.copyOf(names));
        }
    }
}
