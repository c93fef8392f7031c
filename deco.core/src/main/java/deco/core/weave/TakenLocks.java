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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects a method may lock that the woven program's caller could already hold, named so that
 * a call site can ask, before it hands the call to another thread, whether the calling thread
 * holds one of them (decision 044): a static field's object, an object a field of the receiver
 * holds, or a class's monitor. A task that waited for such a lock would wait for the caller,
 * while the caller waits for the task at its next event.
 *
 * <p>An object counts as possibly locked when the method enters its monitor, calls a method on it
 * or passes it to one (a {@code synchronized} method, a {@code Vector}'s, a
 * {@code Collections.synchronizedList}'s or a {@code ReentrantLock}'s {@code lock()} take it),
 * unless it is of an immutable type or an atomic; {@code lock()} on what such an object gives
 * ({@code RW.writeLock().lock()}) counts the object itself. Application methods add what their
 * summaries name ({@link CalleeSummaries}): their statics and classes always, their receiver's
 * fields when called on this method's receiver. The call's receiver and arguments are checked at
 * run time anyway (decision 039), so they are not named here. What the method locks through
 * other paths (an element of a static array, an object a call returned) is not named: the one case
 * left unguarded, stated in the guide.
 *
 * <p>Names are the call site's bootstrap arguments: {@code "S owner name descriptor"} for a
 * static field, {@code "F owner name descriptor"} for a field of the receiver, {@code "C owner"}
 * for a class (internal names). Immutable.
 */
final class TakenLocks {

    /** Locks nothing a caller could hold. */
    static final TakenLocks NONE = new TakenLocks(Set.of(), Set.of());

    /** Statics and classes: the same objects whoever calls the method. */
    final Set<String> outside;
    /** Fields of the receiver: named for a caller only when it calls the method on its own receiver. */
    final Set<String> ofReceiver;

    private TakenLocks(Set<String> outside, Set<String> ofReceiver) {
        this.outside = outside;
        this.ofReceiver = ofReceiver;
    }

    /** Every name, sorted: the call site's bootstrap arguments, the same for the same class file. */
    List<String> names() {
        List<String> names = new ArrayList<>(outside);
        names.addAll(ofReceiver);
        Collections.sort(names);
        return names;
    }

    boolean isEmpty() {
        return outside.isEmpty() && ofReceiver.isEmpty();
    }

    // by hand, not a record's equals: a record's bootstrap costs milliseconds on the agent's path (decision 015)
    boolean same(TakenLocks other) {
        return outside.equals(other.outside) && ofReceiver.equals(other.ofReceiver);
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
        private final Set<String> outside = new HashSet<>();
        private final Set<String> ofReceiver = new HashSet<>();
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
            String kind = field.opcode() == Opcode.GETSTATIC ? "S " : "F ";
            fieldNames.put(produced.get(0).root(), kind + field.owner().asInternalName() + ' '
                    + field.name().stringValue() + ' ' + field.typeSymbol().descriptorString());
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
            if (root.kind() == Root.Kind.ALLOCATION && instruction instanceof MonitorInstruction monitor
                    && monitor.opcode() == Opcode.MONITORENTER
                    && elements.get(root.slot()) instanceof ConstantInstruction constant
                    && constant.constantValue() instanceof ClassDesc type) {
                outside.add(classMonitor(type)); // synchronized (C.class): the constant itself, not reached through it
                return;
            }
            if (!locks(instruction, position, value, declared, immutable)) {
                return;
            }
            if (root.kind() == Root.Kind.FIELD) {
                add(fieldNames.get(root));
            } else if (root.kind() == Root.Kind.LOCAL) {
                lockedSlots.add(root.slot()); // parameters and this are the call site's to check
            }
        }

        private static boolean locks(Instruction instruction, int position, Value value, ClassDesc declared,
                                     boolean immutable) {
            if (instruction instanceof MonitorInstruction monitor) {
                return monitor.opcode() == Opcode.MONITORENTER && value.direct();
            }
            if (!(instruction instanceof InvokeInstruction invoke) || declared == null || declared.isPrimitive()) {
                return false;
            }
            if (!value.direct()) { // reached through the root: RW.writeLock().lock() takes the root's lock
                return position == 0 && invoke.opcode() != Opcode.INVOKESTATIC
                        && invoke.owner().asInternalName().startsWith(LOCKS_PACKAGE);
            }
            return !immutable && !Descriptors.internalName(declared).startsWith(ATOMICS_PACKAGE);
        }

        /**
         * This method calls an application method whose summary takes {@code callee}; {@code onThis}:
         * on this method's own receiver, whose fields the callee's receiver fields then are.
         */
        void calls(TakenLocks callee, boolean onThis) {
            outside.addAll(callee.outside);
            if (onThis) {
                ofReceiver.addAll(callee.ofReceiver);
            }
        }

        /** The method itself is {@code static synchronized}: its class's monitor. */
        void synchronizedOn(ClassDesc owner) {
            outside.add(classMonitor(owner));
        }

        private void add(String name) {
            if (name == null) {
                return; // a field root the model made without a load this collector saw: nothing to name
            }
            (name.startsWith("F ") ? ofReceiver : outside).add(name);
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
            return outside.isEmpty() && ofReceiver.isEmpty() ? NONE
                    : new TakenLocks(Set.copyOf(outside), Set.copyOf(ofReceiver));
        }
    }
}
