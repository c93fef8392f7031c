package deco.core.weave;

import deco.core.internal.LockPath;
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
 * holds one of them (decision 044). Each name is a {@link LockPath}: a static field's object, the
 * receiver, an argument or a class's monitor, then up to {@link LockPath#MOST_STEPS} steps through
 * fields and array elements ({@code this.shards[i].lock}, {@code locks[i]} of an argument array,
 * {@code owner.state.gate}). A task that waited for such a lock would wait for the caller, while the
 * caller waits for the task at its next event.
 *
 * <p>An object counts as possibly locked when the method enters its monitor, calls a JDK method on
 * it or passes it to one (a {@code Vector}'s, a {@code Collections.synchronizedList}'s or a
 * {@code ReentrantLock}'s {@code lock()} take it), unless it is of an immutable type, an atomic or
 * an array passed to the JDK (no JDK method locks an array it is given); {@code lock()} on what
 * such an object gives ({@code RW.writeLock().lock()}) counts the object itself. An application
 * method adds what its summary names ({@link CalleeSummaries}), rebased onto what this method
 * passed as its receiver and arguments; a {@code synchronized} one names its receiver or class. A
 * virtual call that an override may replace also counts as a JDK call would (the override is not
 * analysed).
 * What a local holds is followed through the paths stored into it. The bare receiver and arguments
 * are kept in summaries (a helper's caller rebases them) but not given to call sites, which check
 * their receiver and arguments anyway (decision 039). What the method locks through other paths
 * (an object a call returned, a value merged from two branches, more steps) is not named: the one
 * case left unguarded, stated in the guide.
 *
 * <p>Immutable.
 */
final class TakenLocks {

    /** Locks nothing a caller could hold. */
    static final TakenLocks NONE = new TakenLocks(Set.of());

    /**
     * {@return what a method whose code the weaver cannot see may lock of what it is given: its
     * receiver and every reference argument} Its statics are not known either; the method also
     * counts as writing outside state, so no call of it runs beside another.
     */
    static TakenLocks given(boolean isStatic, List<ClassDesc> parameters) {
        Set<String> names = new HashSet<>();
        if (!isStatic) {
            names.add(LockPath.ofReceiver());
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (!parameters.get(i).isPrimitive()) {
                names.add(LockPath.ofArgument(i));
            }
        }
        return names.isEmpty() ? NONE : new TakenLocks(Set.copyOf(names));
    }

    /** Every path, the bare receiver and arguments among them (a helper's caller rebases those). */
    private final Set<String> names;

    private TakenLocks(Set<String> names) {
        this.names = names;
    }

    /**
     * The paths a call site checks, sorted: its bootstrap arguments, the same for the same class
     * file. The bare receiver and arguments are left out: the call site checks those anyway.
     */
    List<String> names() {
        List<String> sorted = new ArrayList<>();
        for (String name : names) {
            if (!LockPath.parse(name).bare()) {
                sorted.add(name);
            }
        }
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

    /** The name of a class's monitor (a {@code static synchronized} method's, or {@code synchronized (C.class)}). */
    static String classMonitor(ClassDesc owner) {
        return LockPath.ofClass(Descriptors.internalName(owner));
    }

    /**
     * What each local variable slot of the analysed method is when loaded: its receiver, a
     * parameter it never reassigns, or a local whose stored paths are followed at the end.
     */
    static final class Slots {
        private final boolean isStatic;
        private final Map<Integer, Integer> slotToParameter;
        private final Set<Integer> reassigned;

        /**
         * @param reassigned the slots of parameters (or {@code this}) the method stores into; may
         *                   be filled after this is made, before the first load is named
         */
        Slots(boolean isStatic, Map<Integer, Integer> slotToParameter, Set<Integer> reassigned) {
            this.isStatic = isStatic;
            this.slotToParameter = slotToParameter;
            this.reassigned = reassigned;
        }

        /** The path of what a load of {@code slot} gives. */
        String pathOf(int slot) {
            if (!reassigned.contains(slot)) {
                String original = original(slot);
                if (original != null) {
                    return original;
                }
            }
            return LockPath.ofLocal(slot);
        }

        /** What the slot holds on entry: the receiver, a parameter; null for other locals. */
        String original(int slot) {
            if (!isStatic && slot == 0) {
                return LockPath.ofReceiver();
            }
            Integer parameter = slotToParameter.get(slot);
            return parameter == null ? null : LockPath.ofArgument(parameter);
        }
    }

    /** Collects one method's locks as its analysis steps through the code. Not thread-safe. */
    static final class Collector {

        private static final String LOCKS_PACKAGE = "java/util/concurrent/locks/";
        private static final String ATOMICS_PACKAGE = "java/util/concurrent/atomic/";

        private final List<CodeElement> elements;
        private final Slots slots;
        /** The paths found, some still from a local ({@code "L slot"}) until {@link #finish}. */
        private final Set<String> names = new HashSet<>();
        /**
         * The path of each value loaded through a field or an array element, by identity: the stack
         * model gives such a value the root it was reached through, so only the loaded value itself
         * can say what it is (a {@code DUP} keeps it; a local keeps it in {@link #namedSlots}; a
         * branch merge does not, leaving it unnamed).
         */
        private final Map<Value, String> namedLoads = new IdentityHashMap<>();
        /** The paths of the values stored into each local ({@code ReentrantLock gate = GATES[i]}). */
        private final Map<Integer, Set<String>> namedSlots = new HashMap<>();
        /** The path of each field root the stack model produced: a static's or a field of {@code this}. */
        private final Map<Root, String> fieldNames = new HashMap<>();
        /** Locals whose values may be locked through what a call on them gives ({@code w.writeLock().lock()}). */
        private final Set<Integer> lockedSlots = new HashSet<>();

        Collector(List<CodeElement> elements, Slots slots) {
            this.elements = elements;
            this.slots = slots;
        }

        /**
         * The path of {@code value}: the field or element it was loaded as, or the receiver, a
         * parameter or a local as loaded; null for anything else (a call's result, a new object).
         */
        String pathOf(Value value) {
            String named = namedLoads.get(value);
            if (named != null || !value.direct() || value.root() == null) {
                return named;
            }
            Root root = value.root();
            if (root.kind() == Root.Kind.FIELD) {
                return fieldNames.get(root);
            }
            return root.kind() == Root.Kind.LOCAL ? slots.pathOf(root.slot()) : null;
        }

        /** A field load: {@code object} is what a {@code getfield} reads from (null for a static). */
        void loaded(FieldInstruction field, Value object, List<Value> produced) {
            if (produced.size() != 1 || field.typeSymbol().isPrimitive()) {
                return;
            }
            String path;
            if (field.opcode() == Opcode.GETSTATIC) {
                path = LockPath.ofStatic(fieldName(field));
            } else {
                String base = object == null ? null : pathOf(object);
                path = base == null ? null : LockPath.then(base, fieldName(field));
            }
            if (path == null) {
                return;
            }
            Value value = produced.get(0);
            namedLoads.put(value, path);
            if (value.root() != null && value.root().kind() == Root.Kind.FIELD) {
                fieldNames.put(value.root(), path);
            }
        }

        /** {@code "owner name descriptor"}: a field, as a path's steps give it. */
        private static String fieldName(FieldInstruction field) {
            return field.owner().asInternalName() + ' ' + field.name().stringValue() + ' '
                    + field.typeSymbol().descriptorString();
        }

        /**
         * An {@code aaload} from {@code array} produced {@code produced}: an element of an array
         * with a path ({@code synchronized (STRIPES[key % 16])}, {@code this.stripes[i].lock()},
         * {@code locks[i]} of an argument) has the path's {@code "[]"}, standing for every element.
         */
        void loadedElement(Value array, Value produced) {
            String base = pathOf(array);
            String path = base == null ? null : LockPath.then(base, LockPath.ELEMENTS);
            if (path != null) {
                namedLoads.put(produced, path);
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
            String path = pathOf(value);
            if (path != null) { // the object as loaded
                if (locks(instruction, position, true, declared, immutable)) {
                    names.add(path);
                    if (root.kind() == Root.Kind.LOCAL && value.direct()) {
                        lockedSlots.add(root.slot()); // and a field's object stored there not as loaded (RW.writeLock())
                    }
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
                lockedSlots.add(root.slot());
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
            return mayLockGiven(declared, immutable);
        }

        /** Whether JDK code given an object of declared type {@code declared} may lock it. */
        private static boolean mayLockGiven(ClassDesc declared, boolean immutable) {
            return !declared.isPrimitive() && !immutable && !declared.isArray()
                    && !Descriptors.internalName(declared).startsWith(ATOMICS_PACKAGE);
        }

        /**
         * {@code value}, of declared type {@code declared}, is captured by a lambda or method
         * reference whose body is JDK code ({@code VECTOR::add}): it may lock it as a call would.
         */
        void capturedByJdk(Value value, ClassDesc declared, boolean immutable) {
            String path = pathOf(value);
            if (path != null && mayLockGiven(declared, immutable)) {
                names.add(path);
            }
        }

        /**
         * This method calls an application method (or a lambda's body) whose summary takes
         * {@code callee}, giving it {@code given}: its receiver first if {@code hasReceiver}, then
         * its arguments (a lambda's captured values: the lambda's own arguments are the JDK's, and
         * name nothing). The callee's paths from its receiver and arguments are this method's paths
         * from what it gave.
         */
        void calls(TakenLocks callee, List<Value> given, boolean hasReceiver) {
            int first = hasReceiver ? 1 : 0;
            for (String name : callee.names) {
                LockPath path = LockPath.parse(name);
                String start;
                if (path.start() == LockPath.RECEIVER) {
                    start = hasReceiver ? pathOf(given.get(0)) : null;
                } else if (path.start() == LockPath.ARGUMENT) {
                    start = first + path.index() < given.size() ? pathOf(given.get(first + path.index())) : null;
                } else {
                    names.add(name); // a static's path, a class: the same whoever calls
                    continue;
                }
                if (start != null) {
                    add(LockPath.from(start, name));
                }
            }
        }

        /** The method itself is {@code static synchronized}: its class's monitor. */
        void synchronizedOn(ClassDesc owner) {
            names.add(classMonitor(owner));
        }

        /** The method itself is {@code synchronized} and not static: its receiver's monitor. */
        void synchronizedOnReceiver() {
            names.add(LockPath.ofReceiver());
        }

        private void add(String name) {
            if (name != null) { // null: a field root the model made without a load this collector saw, a path too long
                names.add(name);
            }
        }

        /** {@code value} is stored into local {@code slot}: its path is kept there. */
        void stored(int slot, Value value) {
            String path = pathOf(value);
            if (path != null) {
                Set<String> paths = namedSlots.get(slot);
                if (paths == null) {
                    paths = new HashSet<>();
                    namedSlots.put(slot, paths);
                }
                paths.add(path);
            }
        }

        /** The locals locked through what a call on them gives: their sources are named at the end. */
        Set<Integer> lockedSlots() {
            return lockedSlots;
        }

        /** A value stored into a locked local came from {@code source}: a field's object is named. */
        void lockedThrough(Root source) {
            if (source.kind() == Root.Kind.FIELD) {
                add(fieldNames.get(source));
            }
        }

        /** @return the locks, every path from a local followed to the paths stored into it */
        TakenLocks finish() {
            for (int slot : lockedSlots) {
                names.add(LockPath.ofLocal(slot));
            }
            Set<String> finished = new HashSet<>();
            for (String name : names) {
                resolve(name, 0, finished);
            }
            return finished.isEmpty() ? NONE : new TakenLocks(Set.copyOf(finished));
        }

        /** Adds {@code name} to {@code into}, a path from a local as every path stored there. */
        private void resolve(String name, int depth, Set<String> into) {
            LockPath path = LockPath.parse(name);
            if (path.start() != LockPath.LOCAL) {
                into.add(name);
                return;
            }
            if (depth > LockPath.MOST_STEPS) {
                return; // a local stored from itself (x = x.next): no path this short
            }
            String original = slots.original(path.index());
            if (original != null) { // a reassigned parameter still holds it at first
                add(into, LockPath.from(original, name));
            }
            Set<String> stored = namedSlots.get(path.index());
            if (stored != null) {
                for (String from : stored) {
                    String rebased = LockPath.from(from, name);
                    if (rebased != null) {
                        resolve(rebased, depth + 1, into);
                    }
                }
            }
        }

        private static void add(Set<String> into, String name) {
            if (name != null) {
                into.add(name);
            }
        }
    }
}
