package deco.core.weave;

import deco.core.internal.LockPath;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
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
 * their receiver and arguments anyway (decision 039). What the method may lock that no path names
 * (an object a call returned, a value merged from two branches, more steps) is {@code "M"} or
 * {@code "U"}: the call site then asks whether the thread holds any monitor or any lock (decision
 * 047).
 *
 * <p>It also says whether the method may return holding a {@code java.util.concurrent.locks} lock it
 * took ({@link #keepsLocks}): a {@code lock()}, {@code lockInterruptibly()} or {@code tryLock()}
 * whose object (by path) no {@code unlock()} of the method releases, or a callee that keeps one. A
 * woven method that calls such a method, or takes such a lock itself, waits for its pending calls
 * first and then counts as holding a lock (decision 048).
 *
 * <p>Immutable.
 */
final class TakenLocks {

    /** Locks nothing a caller could hold, and keeps no lock. */
    static final TakenLocks NONE = new TakenLocks(Set.of(), false);

    /** The {@code java.util.concurrent.locks} methods that take a lock (or may: {@code tryLock}). */
    private static final Set<String> ACQUIRING = Set.of("lock", "lockInterruptibly", "tryLock");

    /**
     * {@return what a method whose code the weaver cannot see may lock of what it is given: its
     * receiver and every reference argument} Its statics are not known either; the method also
     * counts as writing outside state, so no call of it runs beside another, and as keeping a lock.
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
        return new TakenLocks(Set.copyOf(names), true);
    }

    /** Every path, the bare receiver and arguments among them (a helper's caller rebases those). */
    private final Set<String> names;
    private final boolean keepsLocks;

    private TakenLocks(Set<String> names, boolean keepsLocks) {
        this.names = names;
        this.keepsLocks = keepsLocks;
    }

    /**
     * {@return whether {@code invoke} takes a {@code java.util.concurrent.locks} lock (or may:
     * {@code tryLock}) on its receiver}
     */
    static boolean acquires(InvokeInstruction invoke) {
        return onALock(invoke) && ACQUIRING.contains(invoke.name().stringValue());
    }

    /** {@return whether {@code invoke} is an instance method of a {@code java.util.concurrent.locks} type} */
    private static boolean onALock(InvokeInstruction invoke) {
        return invoke.opcode() != Opcode.INVOKESTATIC && invoke.owner().asInternalName().startsWith(Collector.LOCKS_PACKAGE);
    }

    /**
     * {@return whether the method may return holding a {@code java.util.concurrent.locks} lock it
     * took} Monitors cannot outlive the method that entered them.
     */
    boolean keepsLocks() {
        return keepsLocks;
    }

    /**
     * The paths a call site checks, sorted: its bootstrap arguments, the same for the same class
     * file. The bare receiver and arguments are left out: the call site checks those anyway; so is
     * {@code "M"} beside {@code "U"}, whose question covers monitors.
     */
    List<String> names() {
        List<String> sorted = new ArrayList<>();
        boolean anyLock = names.contains(LockPath.ofUnnamedLock()); // asks for monitors too
        for (String name : names) {
            if (!LockPath.parse(name).bare() && !(anyLock && name.equals(LockPath.ofUnnamedMonitor()))) {
                sorted.add(name);
            }
        }
        Collections.sort(sorted);
        return sorted;
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** {@return what either method may lock or keep: a call that runs one of them (decision 052)} */
    TakenLocks or(TakenLocks other) {
        if (other.names.isEmpty() && !other.keepsLocks) {
            return this;
        }
        Set<String> both = new HashSet<>(names);
        both.addAll(other.names);
        return new TakenLocks(Set.copyOf(both), keepsLocks || other.keepsLocks);
    }

    // by hand, not a record's equals: a record's bootstrap costs milliseconds on the agent's path (decision 015)
    boolean same(TakenLocks other) {
        return names.equals(other.names) && keepsLocks == other.keepsLocks;
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

        static final String LOCKS_PACKAGE = "java/util/concurrent/locks/";
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
        /** Values loaded through a field or an element that have no path: a path too long, or from an unnamed object. */
        private final Set<Value> unnamedLoads = Collections.newSetFromMap(new IdentityHashMap<>());
        /**
         * A call's result that locks as the value it came from: a cast's, an argument a JDK method
         * returns, a JDK method's whose declared result is its own class ({@code append}, a
         * stream's {@code filter}), and a lock's part ({@code RW.writeLock()}).
         */
        private final Map<Value, Value> sameLock = new IdentityHashMap<>();
        /** Results of application calls: what the callee returns, whoever made it. */
        private final Set<Value> calledResults = Collections.newSetFromMap(new IdentityHashMap<>());
        /** The paths of the values stored into each local ({@code ReentrantLock gate = GATES[i]}). */
        private final Map<Integer, Set<String>> namedSlots = new HashMap<>();
        /** Locals into which a value without a path was stored ({@code Object lock = lockFor(key)}). */
        private final Set<Integer> unnamedSlots = new HashSet<>();
        /**
         * For each path from a local, what it is where a value without a path was stored there:
         * {@code "U"} if a {@code java.util.concurrent.locks} call (or an override) may lock it,
         * else {@code "M"}, or nothing if only JDK code that never synchronizes on it uses it (an
         * iterator kept in a local).
         */
        private final Map<String, Character> unnamedKinds = new HashMap<>();
        /** The path of each field root the stack model produced: a static's or a field of {@code this}. */
        private final Map<Root, String> fieldNames = new HashMap<>();
        /** The paths of the objects this method takes a {@code java.util.concurrent.locks} lock of, as loaded. */
        private final Set<String> acquired = new HashSet<>();
        /** The paths of the objects this method calls {@code unlock()} on, as loaded. */
        private final Set<String> released = new HashSet<>();
        /** A lock without a path is taken, or a callee keeps one: see {@link TakenLocks#keepsLocks}. */
        private boolean keepsLocks;

        Collector(List<CodeElement> elements, Slots slots) {
            this.elements = elements;
            this.slots = slots;
        }

        /**
         * The path of {@code value}: the field or element it was loaded as, or the receiver, a
         * parameter or a local as loaded, or the path of what a call that returns it as a lock was
         * given; null for anything else (a call's result, a new object).
         */
        String pathOf(Value value) {
            Value origin = origin(value);
            String named = namedLoads.get(origin);
            if (named != null || !origin.direct() || origin.root() == null) {
                return named;
            }
            Root root = origin.root();
            if (root.kind() == Root.Kind.FIELD) {
                return fieldNames.get(root);
            }
            return root.kind() == Root.Kind.LOCAL ? slots.pathOf(root.slot()) : null;
        }

        /** What {@code value} locks as: itself, or what a call that gives it as a lock was given. */
        private Value origin(Value value) {
            Value origin = value;
            for (Value same = sameLock.get(origin); same != null; same = sameLock.get(origin)) {
                origin = same;
            }
            return origin;
        }

        /**
         * Whether {@code value} (without a path) is an object no caller can hold: one this method
         * made ({@code new}, a constant, a lambda, a caught exception) or a JDK static method made
         * ({@code List.of}), or what counts as it ({@link #sameLock}). Not what was loaded from
         * one, nor what an application method returned.
         */
        private boolean fresh(Value value) {
            Value origin = origin(value);
            Root root = origin.root();
            return root != null && (root.kind() == Root.Kind.ALLOCATION || root.kind() == Root.Kind.RESULT)
                    && !unnamedLoads.contains(origin) && !calledResults.contains(origin);
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
            Value value = produced.get(0);
            if (path == null) {
                if (!value.direct()) { // a field of this is named by its root
                    unnamedLoads.add(value);
                }
                return;
            }
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
            } else {
                unnamedLoads.add(produced);
            }
        }

        /**
         * {@code instruction} gave {@code produced} (as the analysis finally has it), from
         * {@code consumed}; {@code returned} is the position of the argument a JDK method returns,
         * or negative. Notes what a result locks as.
         */
        void produced(Instruction instruction, List<Value> consumed, List<Value> produced, int returned) {
            if (produced.size() != 1) {
                return;
            }
            Value out = produced.get(0);
            if (instruction instanceof TypeCheckInstruction check && check.opcode() == Opcode.CHECKCAST) {
                sameLock.put(out, consumed.get(0));
            } else if (instruction instanceof InvokeInstruction invoke && !invoke.typeSymbol().returnType().isPrimitive()) {
                String owner = invoke.owner().asInternalName();
                if (!JdkTypes.isJdk(owner)) {
                    calledResults.add(out);
                } else if (invoke.opcode() == Opcode.INVOKESTATIC) {
                    if (returned >= 0) { // else a new object (List.of), fresh
                        sameLock.put(out, consumed.get(returned)); // Objects.requireNonNull(lock)
                    }
                } else if (owner.startsWith(LOCKS_PACKAGE) || invoke.typeSymbol().returnType().equals(invoke.owner())) {
                    sameLock.put(out, consumed.get(0));
                } else {
                    calledResults.add(out); // what the receiver holds: an element, a value
                }
            }
        }

        /**
         * {@code instruction} consumes {@code value} at {@code position}: note it if this may lock
         * it. {@code declared} is the value's declared type there ({@code null} if not an invoke's
         * input). A value it may lock that has no path and that a caller could hold is named
         * {@code "M"} or {@code "U"} ({@link LockPath#ofUnnamedMonitor}, {@link LockPath#ofUnnamedLock}).
         */
        void consumed(Instruction instruction, int position, Value value, ClassDesc declared, boolean immutable) {
            String path = pathOf(value);
            Root root = value.root();
            if (path != null) { // the object as loaded
                if (lockKind(instruction, position, declared, immutable) != 0) {
                    names.add(path);
                    if (path.charAt(0) == LockPath.LOCAL) {
                        Character before = unnamedKinds.get(path);
                        unnamedKinds.put(path, stronger(before == null ? 0 : before,
                                unnamedLockKind(instruction, position, declared, immutable)));
                    }
                }
                return;
            }
            if (root != null && root.kind() == Root.Kind.ALLOCATION && instruction instanceof MonitorInstruction monitor
                    && monitor.opcode() == Opcode.MONITORENTER
                    && elements.get(root.slot()) instanceof ConstantInstruction constant
                    && constant.constantValue() instanceof ClassDesc type) {
                names.add(classMonitor(type)); // synchronized (C.class): the constant itself, not reached through it
                return;
            }
            char kind = unnamedLockKind(instruction, position, declared, immutable);
            if (kind != 0 && !fresh(value)) {
                names.add(String.valueOf(kind)); // a call's result, a merged value, a path too long
            }
        }

        /**
         * How {@code instruction} may lock its input at {@code position}: {@code 0} if it does not,
         * {@link LockPath#UNNAMED_MONITOR} for a monitor ({@code synchronized}, a JDK method that
         * may synchronize on what it is given), {@link LockPath#UNNAMED_LOCK} for a
         * {@code java.util.concurrent.locks} lock or whatever an override may do.
         */
        private static char lockKind(Instruction instruction, int position, ClassDesc declared, boolean immutable) {
            if (instruction instanceof MonitorInstruction monitor) {
                return monitor.opcode() == Opcode.MONITORENTER ? LockPath.UNNAMED_MONITOR : 0;
            }
            if (!(instruction instanceof InvokeInstruction invoke) || !mayLockGiven(declared, immutable)) {
                return 0;
            }
            String owner = invoke.owner().asInternalName();
            if (!JdkTypes.isJdk(owner)
                    || position == 0 && onALock(invoke)) {
                return LockPath.UNNAMED_LOCK;
            }
            return LockPath.UNNAMED_MONITOR;
        }

        /** {@return the kind that covers both: {@code "U"} over {@code "M"} over nothing ({@code 0})} */
        private static char stronger(char one, char other) {
            if (one == LockPath.UNNAMED_LOCK || other == LockPath.UNNAMED_LOCK) {
                return LockPath.UNNAMED_LOCK;
            }
            return one != 0 ? one : other;
        }

        /**
         * As {@link #lockKind}, for a value without a path: a JDK method's argument declared as
         * {@code Object} ({@code list.add(e)}) and the receiver of a JDK class that never
         * synchronizes on itself (a stream, an iterator, an {@code Optional}, a
         * {@code StringBuilder}) are not counted.
         */
        private static char unnamedLockKind(Instruction instruction, int position, ClassDesc declared,
                                            boolean immutable) {
            char kind = lockKind(instruction, position, declared, immutable);
            if (kind != LockPath.UNNAMED_MONITOR || !(instruction instanceof InvokeInstruction invoke)) {
                return kind;
            }
            return takesMonitorOf(invoke, position, declared) ? kind : 0;
        }

        /** Whether a JDK method may enter the monitor of an unnamed input, as {@link #unnamedLockKind} says. */
        private static boolean takesMonitorOf(InvokeInstruction invoke, int position, ClassDesc declared) {
            boolean receiver = position == 0 && invoke.opcode() != Opcode.INVOKESTATIC;
            return mayEnterMonitorOf(receiver ? invoke.owner().asInternalName() : Descriptors.internalName(declared),
                    receiver);
        }

        /**
         * Whether JDK code may enter the monitor of an unnamed object of {@code type}, given as a
         * call's receiver or, if not {@code receiver}, as an argument: not one declared
         * {@code Object} as an argument ({@code list.add(e)}), nor one of a type that never
         * synchronizes on itself.
         */
        private static boolean mayEnterMonitorOf(String type, boolean receiver) {
            if (!receiver && type.equals("java/lang/Object")) {
                return false;
            }
            for (String never : NEVER_SYNCHRONIZED) {
                if (type.startsWith(never)) {
                    return false;
                }
            }
            return true;
        }

        /** JDK types (or packages, ending in {@code /}) whose methods never enter their own monitor. */
        private static final List<String> NEVER_SYNCHRONIZED = List.of("java/util/stream/", "java/util/function/",
                "java/util/Optional", "java/util/Iterator", "java/util/ListIterator", "java/util/Spliterator",
                "java/lang/StringBuilder");

        /** Whether JDK code given an object of declared type {@code declared} may lock it. */
        private static boolean mayLockGiven(ClassDesc declared, boolean immutable) {
            return declared != null && !declared.isPrimitive() && !immutable && !declared.isArray()
                    && !Descriptors.internalName(declared).startsWith(ATOMICS_PACKAGE);
        }

        /**
         * {@code value}, of declared type {@code declared}, is captured by a lambda or method
         * reference whose body is JDK code ({@code VECTOR::add}): it may lock it as a call would.
         */
        void capturedByJdk(Value value, ClassDesc declared, boolean immutable) {
            if (!mayLockGiven(declared, immutable)) {
                return;
            }
            String path = pathOf(value);
            if (path != null) {
                names.add(path);
            } else if (!fresh(value) && mayEnterMonitorOf(Descriptors.internalName(declared), false)) {
                names.add(LockPath.ofUnnamedMonitor()); // what a bound JDK method may lock, as a call's argument
            }
        }

        /**
         * This method calls an application method (or a lambda's body) whose summary takes
         * {@code callee}, giving it {@code given}: its receiver first if {@code hasReceiver}, then
         * its arguments (a lambda's captured values: the lambda's own arguments are the JDK's, and
         * name nothing). The callee's paths from its receiver and arguments are this method's paths
         * from what it gave; from a value without a path, or too long, they are {@code "U"}.
         */
        void calls(TakenLocks callee, List<Value> given, boolean hasReceiver) {
            keepsLocks |= callee.keepsLocks;
            int first = hasReceiver ? 1 : 0;
            for (String name : callee.names) {
                LockPath path = LockPath.parse(name);
                Value from;
                if (path.start() == LockPath.RECEIVER) {
                    from = hasReceiver ? given.get(0) : null;
                } else if (path.start() == LockPath.ARGUMENT) {
                    from = first + path.index() < given.size() ? given.get(first + path.index()) : null;
                } else {
                    names.add(name); // a static's path, a class, an unnamed lock: the same whoever calls
                    continue;
                }
                if (from == null) {
                    continue; // not a value this call gives: a name the callee's caller checks
                }
                String start = pathOf(from);
                String rebased = start == null ? null : LockPath.from(start, name);
                if (rebased != null) {
                    names.add(rebased);
                } else if (start != null || !fresh(from)) {
                    names.add(LockPath.ofUnnamedLock());
                }
            }
        }

        /**
         * {@code invoke}, a JDK method, is called on {@code consumed}: a lock taken there ({@link
         * #acquires}) is kept unless an {@code unlock()} of the method releases the same path (by
         * path, not by flow: a lock and its unlock in a {@code finally} match).
         */
        void invokedJdk(InvokeInstruction invoke, List<Value> consumed) {
            if (acquires(invoke)) {
                String path = pathOf(consumed.get(0));
                if (path == null) {
                    keepsLocks = true; // no unlock can be matched to it
                } else {
                    acquired.add(path);
                }
            } else if (onALock(invoke) && invoke.name().equalsString("unlock")) {
                String path = pathOf(consumed.get(0));
                if (path != null) {
                    released.add(path);
                }
            }
        }

        /** The method calls application code the weaver cannot see into: it may keep a lock. */
        void callsUnseen() {
            keepsLocks = true;
        }

        /** The method itself is {@code static synchronized}: its class's monitor. */
        void synchronizedOn(ClassDesc owner) {
            names.add(classMonitor(owner));
        }

        /** The method itself is {@code synchronized} and not static: its receiver's monitor. */
        void synchronizedOnReceiver() {
            names.add(LockPath.ofReceiver());
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
            } else if (!fresh(value)) {
                unnamedSlots.add(slot);
            }
        }

        /** @return the locks, every path from a local followed to the paths stored into it */
        TakenLocks finish() {
            Set<String> finished = new HashSet<>();
            for (String name : names) {
                Character unnamed = unnamedKinds.get(name);
                resolve(name, 0, finished, unnamed == null ? LockPath.UNNAMED_MONITOR : unnamed);
            }
            boolean keeps = keepsLocks || !released.containsAll(acquired);
            return finished.isEmpty() && !keeps ? NONE : new TakenLocks(Set.copyOf(finished), keeps);
        }

        /**
         * Adds {@code name} to {@code into}, a path from a local as every path stored there, and
         * {@code unnamed} if a value without a path was stored there (or the path grows too long),
         * unless it is {@code 0}.
         */
        private void resolve(String name, int depth, Set<String> into, char unnamed) {
            LockPath path = LockPath.parse(name);
            if (path.start() != LockPath.LOCAL) {
                into.add(name);
                return;
            }
            if (depth > LockPath.MOST_STEPS) {
                addUnnamed(into, unnamed); // a local stored from itself (x = x.next): no path this short
                return;
            }
            String original = slots.original(path.index());
            if (original != null) { // a reassigned parameter still holds it at first
                add(into, LockPath.from(original, name), unnamed);
            }
            if (unnamedSlots.contains(path.index())) {
                addUnnamed(into, unnamed);
            }
            Set<String> stored = namedSlots.get(path.index());
            if (stored != null) {
                for (String from : stored) {
                    String rebased = LockPath.from(from, name);
                    if (rebased != null) {
                        resolve(rebased, depth + 1, into, unnamed);
                    } else {
                        addUnnamed(into, unnamed);
                    }
                }
            }
        }

        private static void add(Set<String> into, String name, char unnamed) {
            if (name != null) {
                into.add(name);
            } else {
                addUnnamed(into, unnamed);
            }
        }

        private static void addUnnamed(Set<String> into, char unnamed) {
            if (unnamed != 0) {
                into.add(String.valueOf(unnamed));
            }
        }
    }
}
