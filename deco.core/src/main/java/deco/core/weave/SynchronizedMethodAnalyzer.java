package deco.core.weave;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LocalVariable;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.reflect.AccessFlag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one {@code @Synchronized} method and decides how to weave it, or says, with
 * {@code File.java:line}, why a form cannot be woven without changing the program's meaning.
 *
 * <p>One pass over the code with a {@link StackModel}: every {@code @Concurrent} call's result is
 * followed until an instruction consumes it. Boxing, unboxing, casts and primitive conversions
 * carry it along; a {@code pop}, a call whose own result is discarded, or an array store is a use
 * deco can defer; anything else is rejected.
 *
 * <p>The same pass records every load of a reference (a local, a field, {@code this}), how each
 * loaded value (or anything reached through it) is used, and which roots may alias
 * ({@link Aliases}). Then the soundness rule of decision 013 places the synchronization events:
 * objects that pending work will <em>write</em> (deferred stores' targets, arguments the callee
 * writes) may be neither read nor written before the event; objects that pending work will
 * <em>read</em> (arguments, keys, the receiver) may be read but not written; code the analysis
 * cannot see (calls outside the JDK, static field writes) runs only after the event when any
 * pending work involves state it could reach.
 */
final class SynchronizedMethodAnalyzer {

    /** How one loaded value, or something reached through it, is used. */
    private enum UseKind {
        /** Only its array length is read: no store changes it. */
        LENGTH,
        /** {@code this} as the object of a field access of a reference field: the field's own load is judged. */
        PATH,
        /** A field of it is read: no array element store changes a field. */
        FIELD,
        /**
         * Read as the receiver of a JDK list's {@code get}, {@code size}, {@code isEmpty},
         * {@code getFirst} or {@code getLast}, or of a JDK map's {@code get}, {@code containsKey},
         * {@code size} or {@code isEmpty}: the collection's own storage (decisions 055, 061). What
         * {@code get} gives is a value reached through it, whose uses are noted as {@code READ}.
         */
        OWN_STORAGE,
        /**
         * Stepped ({@code hasNext}, {@code next}) as an iterator the method made from a JDK
         * collection and holds in a local ({@link MadeIterators}), or read ({@code getKey},
         * {@code getValue}) as an entry such an iterator over a map's {@code entrySet()} gave: it
         * reads that collection's storage, which the woven method checks at run time against the
         * pending stores (decision 062). What {@code next} gives is a value reached through it,
         * whose uses are noted as {@code READ}.
         */
        ITERATES,
        /**
         * Changed as the receiver of a {@code java.util} collection's method that changes only its
         * storage ({@code add}, {@code remove}, {@code sort}; {@link CollectionCopies}): of a local
         * that holds nothing but copies the loop made, judged against what calls may do to the
         * copy itself, not to what it copied (decision 065); of any other, a {@code WRITE}.
         */
        STORAGE_WRITE,
        READ,
        WRITE
    }

    private final ConcurrentMethods index;
    private final ImmutableTypes immutables;
    private final ClassModel owner;
    private final String sourceFile;
    private final MethodModel method;
    private final boolean isStatic;
    private final List<CodeElement> elements;
    private final CodeModel code;
    private final List<String> problems;

    private final Map<Label, List<StackMapFrameInfo.VerificationTypeInfo>> frames = new HashMap<>();
    private final Map<Label, Integer> labelIndex = new HashMap<>();
    private final Map<Integer, String> localNames = new HashMap<>();
    /** The local variable table's entries, for names in scope at an element ({@link #describe}). */
    private final List<LocalVariable> variables = new ArrayList<>();
    private final SynchronizedPlan plan = new SynchronizedPlan();

    private final Aliases aliases = new Aliases();
    /** Every load of a reference, by element index, with its root. */
    private final Map<Integer, Root> loads = new HashMap<>();
    /** The declared type of what a load loads, where known ({@link DeclaredLocals}, a field's type). */
    private final Map<Integer, ClassDesc> loadTypes = new HashMap<>();
    private DeclaredLocals declaredLocals;
    /** Where a local holds an iterator the method made (decision 062). */
    private MadeIterators madeIterators;
    /** The collections the method makes as copies of others, and the locals holding only them (decision 065). */
    private CollectionCopies copies;
    /** What the copy a {@code java.util} constructor just made stands for on the stack, until the step applies it. */
    private Value madeCopy;
    /** Loads of a made iterator that only step it, with its slot: checked against what it walks. */
    private final Map<Integer, Integer> steppedIterators = new HashMap<>();
    /** The calls that make an iterator, with the load of the collection each walks (for explanations). */
    private final Map<Integer, Integer> iteratorMakers = new HashMap<>();
    /** A map's {@code keySet()}, {@code values()} or {@code entrySet()} walked at once, with the map's load. */
    private final Map<Integer, Integer> mapViews = new HashMap<>();
    /** The calls that make an iterator over such a view, with the view's call: the map is kept there. */
    private final Map<Integer, Integer> viewMakers = new HashMap<>();
    /** Loads of an entry a made iterator gave that only read its key or value, with the entry's slot. */
    private final Map<Integer, Integer> readEntries = new HashMap<>();
    private final Map<Integer, EnumSet<UseKind>> uses = new HashMap<>();
    /** Loads that feed pending work itself (a deferred store's target, a recorded argument). */
    private final Set<Integer> exempt = new HashSet<>();
    private final RecordedArguments recordedArguments = new RecordedArguments();
    /**
     * Loads whose values merged at a branch target share one set of {@link #uses}: each merged
     * load points to the load that holds them (a union-find over load indices).
     */
    private final Map<Integer, Integer> mergedInto = new HashMap<>();
    /** Every pending write: what it writes, the written object's declared type, and when. */
    private final List<PendingWrite> pendingWrites = new ArrayList<>();
    private final List<Root> readByPending = new ArrayList<>();
    /** Calls outside the JDK and static field writes: they may reach any hidden state. */
    private final Set<Integer> reachesHidden = new HashSet<>();
    /**
     * Application calls in the loop that read, but do not write, state outside what they are given:
     * they wait only for tasks that write hidden state (decision 034).
     */
    private final Set<Integer> readOutside = new HashSet<>();
    /** The lambdas made here whose bodies write nothing they are fed, by their roots (decision 064). */
    private final Set<Root> pureFunctions = new HashSet<>();
    /**
     * {@code @Concurrent} calls whose callee reads hidden state, with what it reads: they wait for
     * tasks that write hidden state, and for pending writes to hidden objects they may reach.
     */
    private final Map<Integer, HiddenReads> callsReadingHidden = new HashMap<>();
    /**
     * Calls after which the method may hold a {@code java.util.concurrent.locks} lock it took (its
     * own {@code lock()}, or a callee that may keep one), with their lines (decision 048).
     */
    private final Map<Integer, Integer> takesLocks = new HashMap<>();
    /** Application calls in the loop that may print to a standard stream (decision 050). */
    private final Set<Integer> printsAt = new HashSet<>();
    /**
     * Instructions that set process-wide state through the JDK, or call code that may (decision
     * 057): each waits for every pending call.
     */
    private final Set<Integer> barriers = new HashSet<>();
    /** Where the method and its calls' tasks touch the file system (decision 059). */
    private final FileSystemAccesses fileSystem = new FileSystemAccesses();
    /** Lambdas whose bodies set process state or touch files, and the calls they may be handed to. */
    private final LambdasHandedToCalls lambdas = new LambdasHandedToCalls();
    /** Whether some {@code @Concurrent} callee may take a lock ({@link TakenLocks}). */
    private boolean calleesLock;
    /** {@link #alwaysThrows} per handler, by identity (no record bootstrap on the agent's path). */
    private final Map<SynchronizedPlan.Handler, Boolean> alwaysThrowing = new IdentityHashMap<>();
    private int line = -1;

    SynchronizedMethodAnalyzer(ConcurrentMethods index, ImmutableTypes immutables, ClassModel owner,
                               MethodModel method, CodeModel code, List<String> problems) {
        this.index = index;
        this.immutables = immutables;
        this.owner = owner;
        var source = owner.findAttribute(Attributes.sourceFile());
        this.sourceFile = source.isPresent() ? source.get().sourceFile().stringValue()
                : owner.thisClass().asSymbol().displayName() + ".java";
        this.method = method;
        this.isStatic = method.flags().has(AccessFlag.STATIC);
        this.elements = code.elementList();
        this.code = code;
        this.problems = problems;
        var table = code.findAttribute(Attributes.stackMapTable());
        if (table.isPresent()) {
            for (StackMapFrameInfo frame : table.get().entries()) {
                frames.put(frame.target(), frame.stack());
            }
        }
    }

    /** @return the plan; problems, if any, were added to the list given to the constructor */
    SynchronizedPlan analyze() {
        prepass();
        StackModel stack = new StackModel(!isStatic, new UnfollowedValues());
        plan.lines = new int[elements.size()];
        plan.sourceFile = sourceFile;
        for (int i = 0; i < elements.size(); i++) {
            CodeElement element = elements.get(i);
            plan.lines[i] = line;
            if (element instanceof LineNumber number) {
                line = number.line();
            } else if (element instanceof LabelTarget target && frames.containsKey(target.label())) {
                rejectLive(stack, "a @Concurrent call inside a conditional expression (?:, &&, ||) is unsupported");
                stack.merge(target.label(), frames.get(target.label()));
            } else if (element instanceof Instruction instruction) {
                step(stack, instruction, i);
            }
        }
        placeEvents();
        placeLocksTaken();
        for (SynchronizedPlan.WovenTry block : plan.tries) {
            placeExitEvents(block);
        }
        syncPlainTriesAtTheirStart();
        return plan;
    }

    /**
     * Where the method may take a lock and keep it, and a callee may take locks (decision 048): from
     * there on the run counts as holding a lock, so calls whose callee takes one the weaver cannot
     * name are made at once. (An event before it comes from the soundness rule: taking a lock
     * writes the lock, which every pending call that could take it reaches.) A call that receives
     * a {@code @Concurrent} result runs deferred, at an event, so it cannot take the lock where the
     * serial program did: refused.
     */
    private void placeLocksTaken() {
        if (!calleesLock) {
            return;
        }
        for (Map.Entry<Integer, Integer> taking : takesLocks.entrySet()) {
            if (plan.uses.containsKey(taking.getKey())) {
                line = taking.getValue();
                problem("a call that may take a lock and keep it receives a @Concurrent result, and a @Concurrent "
                        + "callee takes locks: deco would make the call later, at an event; store the result first");
            }
        }
        plan.locksTaken.addAll(takesLocks.keySet());
    }

    /**
     * A pending call's failure surfaces at the next event, or at the return that ends the method's
     * events. Inside a try block that holds no {@code @Concurrent} call, its handlers could catch
     * that failure (or its {@code finally} run) where serially it came before the block: such a
     * block syncs at its start, outside it, and so does every try block around it (decision 034).
     */
    private void syncPlainTriesAtTheirStart() {
        boolean added = true;
        while (added) {
            added = false;
            for (SynchronizedPlan.Handler handler : plan.handlers) {
                if (!isWoven(handler) && !plan.syncedTryStarts.contains(handler.entry().tryStart())
                        && holdsEventOrReturn(handler)) {
                    plan.syncedTryStarts.add(handler.entry().tryStart());
                    added = true;
                }
            }
        }
    }

    private boolean isWoven(SynchronizedPlan.Handler handler) {
        for (SynchronizedPlan.WovenTry block : plan.tries) {
            if (block.startIndex() == handler.startIndex() && block.endIndex() == handler.endIndex()) {
                return true;
            }
        }
        return false;
    }

    private boolean holdsEventOrReturn(SynchronizedPlan.Handler handler) {
        for (int at = handler.startIndex(); at < handler.endIndex(); at++) {
            CodeElement element = elements.get(at);
            if (at > handler.startIndex() && plan.hasEventAt(at) || element instanceof ReturnInstruction
                    || element instanceof LabelTarget target && at > handler.startIndex()
                        && plan.syncedTryStarts.contains(target.label())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A woven try block ends its pending work inside itself: an event before every jump out of it,
     * before every return in it, and at its end if control falls through. (The rewriter adds the
     * event at its start, outside it, and the one on its exceptional exits.)
     */
    private void placeExitEvents(SynchronizedPlan.WovenTry block) {
        int lastInstruction = -1;
        for (int k = block.startIndex() + 1; k < block.endIndex(); k++) {
            CodeElement element = elements.get(k);
            if (!(element instanceof Instruction instruction)) {
                continue;
            }
            lastInstruction = k;
            if (instruction instanceof ReturnInstruction) {
                plan.syncBeforeReturn.add(k);
            } else {
                for (Label target : StackModel.targets(instruction)) {
                    if (outside(block, target)) {
                        plan.syncBefore(k, "a jump out of a try block holding calls: its failures surface inside it");
                        break;
                    }
                }
            }
        }
        if (lastInstruction < 0 || !StackModel.isUnconditionalExit((Instruction) elements.get(lastInstruction))) {
            // before the end label is bound: still inside the block
            plan.syncBefore(block.endIndex(), "the end of a try block holding calls: its failures surface inside it");
        }
    }

    private boolean outside(SynchronizedPlan.WovenTry block, Label target) {
        int at = labelIndex.get(target);
        return at < block.startIndex() || at >= block.endIndex();
    }

    private void prepass() {
        for (int i = 0; i < elements.size(); i++) {
            CodeElement element = elements.get(i);
            if (element instanceof LabelTarget target) {
                labelIndex.put(target.label(), i);
            } else if (element instanceof LocalVariable variable) {
                localNames.putIfAbsent(variable.slot(), variable.name().stringValue());
                variables.add(variable);
            }
        }
        declaredLocals = new DeclaredLocals(method, code, owner.majorVersion(), labelIndex);
        int firstLocal = isStatic ? 0 : 1;
        for (ClassDesc parameter : method.methodTypeSymbol().parameterList()) {
            firstLocal += StackModel.slotSize(parameter);
        }
        madeIterators = MadeIterators.of(elements, firstLocal);
        copies = new CollectionCopies(firstLocal);
        for (CodeElement element : elements) {
            if (element instanceof ExceptionCatch handler) {
                plan.handlers.add(new SynchronizedPlan.Handler(handler, labelIndex.get(handler.tryStart()),
                        labelIndex.get(handler.tryEnd())));
            }
        }
        aliases.union(STANDARD_OUTPUT, Root.field("java/lang/System", "err"));
        // this and the parameters come from callers: they may alias each other and any field
        int slot = 0;
        if (!isStatic) {
            aliases.union(Root.local(slot++), Root.HIDDEN);
        }
        for (ClassDesc parameter : method.methodTypeSymbol().parameterList()) {
            if (!parameter.isPrimitive()) {
                aliases.union(Root.local(slot), Root.HIDDEN);
            }
            slot += StackModel.slotSize(parameter);
        }
    }

    /** The soundness rule (decision 013): where the synchronization events go. */
    private void placeEvents() {
        storageChanges();
        copies.joinSources(aliases); // from here a copy reaches what its source reaches (decision 065)
        exempt.addAll(recordedArguments.resolve(aliases, readByPending));
        Set<Root> written = new HashSet<>();
        Set<Root> storedElements = new HashSet<>();
        Set<Root> storedStorage = new HashSet<>();
        Set<Root> read = groupsReadByPending();
        boolean tasksWriteHidden = false;
        for (PendingWrite write : pendingWrites) {
            Root group = aliases.find(write.root());
            PendingWrite.When when = write.when();
            (when == PendingWrite.When.ELEMENTS_AT_EVENT ? storedElements
                    : when == PendingWrite.When.STORAGE_AT_EVENT ? storedStorage : written).add(group);
            tasksWriteHidden |= when == PendingWrite.When.WHILE_RUNNING && group.equals(Root.HIDDEN);
        }
        boolean hiddenPending = written.contains(Root.HIDDEN) || storedStorage.contains(Root.HIDDEN)
                || read.contains(Root.HIDDEN);
        for (Map.Entry<Integer, Root> load : loads.entrySet()) {
            int at = load.getKey();
            Root group = aliases.find(load.getValue());
            EnumSet<UseKind> how = uses.getOrDefault(usesOf(at), EnumSet.noneOf(UseKind.class));
            if (how.contains(UseKind.STORAGE_WRITE)) {
                how = EnumSet.copyOf(how);
                how.remove(UseKind.STORAGE_WRITE);
                if (!holdsOnlyCopies(at)) {
                    how.add(UseKind.WRITE); // any other collection's storage: its own change, or a source's
                }
            }
            ClassDesc type = loadTypes.get(at);
            if (type != null && elements.get(at) instanceof LoadInstruction && immutables.isImmutable(type)) {
                // a local holding an immutable value: nothing changes it, nothing is reached through
                // it (decision 055); a field of such a type is still read when a task may write it
                continue;
            }
            boolean touchesContents = how.contains(UseKind.READ) || how.contains(UseKind.WRITE)
                    || how.contains(UseKind.OWN_STORAGE) || how.contains(UseKind.ITERATES);
            boolean storageOnly = touchesContents && !how.contains(UseKind.READ) && !how.contains(UseKind.WRITE);
            boolean touches = touchesContents || how.contains(UseKind.FIELD);
            boolean free = !exempt.contains(at);
            // an array that reaches only its own elements meets a store only if it is the stored-into
            // array (decision 054); a JDK list read only for its storage, only if it is a view (decision 055)
            ClassDesc array = ArrayReach.readsOnlyItself(type) ? type : null;
            if (read.contains(group) && how.contains(UseKind.WRITE)) {
                plan.syncBefore(at, "the loop writes " + describe(load.getValue(), at) + ", which a pending call may read");
            } else if (free && touches && written.contains(group)
                    && pendingWriteMayMeet(group, array, PendingWrite.When.AT_EVENT)) {
                plan.syncBefore(at, "the loop reads " + describe(load.getValue(), at) + ", which a pending call may write");
            } else if (free && touches && storedStorage.contains(group)
                    && pendingWriteMayMeet(group, array, PendingWrite.When.STORAGE_AT_EVENT)) {
                // a put, set or add changes its target's storage, or a collection's it is a view of:
                // a collection that holds its own storage and is not the target reads none of it (decision 061)
                String reads = "the loop reads " + describe(load.getValue(), at);
                String into = ", into which a pending put, set or add may write";
                if (storageOnly && !how.contains(UseKind.FIELD)) {
                    syncIfStoresReach(at, reads, into, "decision 061");
                } else {
                    plan.syncBefore(at, reads + into);
                }
            }
            if (!plan.syncBefore.contains(at) && free && touchesContents && storedElements.contains(group)
                    && pendingWriteMayMeet(group, array, PendingWrite.When.ELEMENTS_AT_EVENT)) {
                String reads = "the loop reads " + describe(load.getValue(), at);
                String into = ", into which a pending store may write";
                if (array != null || storageOnly) {
                    syncIfStoresReach(at, reads, into, "decisions 054, 055");
                } else {
                    plan.syncBefore(at, reads + into);
                }
            }
        }
        plan.syncIfStoresReach.removeAll(plan.syncBefore);
        plan.syncIfWalkedStoresReach.keySet().removeAll(plan.syncBefore);
        if (hiddenPending) {
            plan.syncBefore(reachesHidden, "code here may reach a field, a static or code deco cannot see, "
                    + "which a pending call reads or writes (decisions 034, 045)");
        }
        if (tasksWriteHidden) { // a call could read what a task writes
            plan.syncBefore(callsReadingHidden.keySet(), "this call reads a field or a static, and a pending "
                    + "call writes one (decision 045)");
        }
        // a call could read, through a field or a static, an object whose pending write the serial
        // call would have seen: a deferred store or a recorded write (decision 043)
        for (Map.Entry<Integer, HiddenReads> call : callsReadingHidden.entrySet()) {
            for (PendingWrite write : pendingWrites) {
                if (aliases.find(write.root()).equals(Root.HIDDEN) && call.getValue().mayReach(write.type())) {
                    plan.syncBefore(call.getKey(), "this call may read, through a field or a static, an object "
                            + "a pending store writes (decision 043)");
                    break;
                }
            }
        }
        if (written.contains(Root.HIDDEN) || storedElements.contains(Root.HIDDEN) || storedStorage.contains(Root.HIDDEN)) {
            // a helper reading a static may read a hidden target's elements
            plan.syncBefore(readOutside, "a helper here reads a static, through which it may see what a pending "
                    + "store writes (decision 034)");
        }
        if (written.contains(aliases.find(STANDARD_OUTPUT))) {
            plan.syncBefore(printsAt, "output here comes after a pending print, as serially (decision 050)");
        }
        lambdas.lend(fileSystem, barriers); // a call may run a lambda the loop made (decisions 057, 059)
        plan.syncBefore(barriers, "process-wide state (a system property, the default locale) is set here, "
                + "and a pending call may read it (decision 057)");
        fileSystem.placeEvents(plan); // a pending call may change a file read here (decision 059)
    }

    /**
     * A change of the storage of a local holding only copies the loop made ({@code copy.add(x)}):
     * judged before each copy joins its source, since it changes none of the source's storage or
     * elements; it waits only for calls that may read or change the copy itself (decision 065).
     */
    private void storageChanges() {
        Set<Root> read = groupsReadByPending();
        Set<Root> written = new HashSet<>();
        for (PendingWrite write : pendingWrites) {
            written.add(aliases.find(write.root()));
        }
        for (Map.Entry<Integer, Root> load : loads.entrySet()) {
            int at = load.getKey();
            EnumSet<UseKind> how = uses.get(usesOf(at));
            if (how == null || !how.contains(UseKind.STORAGE_WRITE) || !holdsOnlyCopies(at)) {
                continue;
            }
            Root group = aliases.find(load.getValue());
            if (read.contains(group) || written.contains(group)) {
                plan.syncBefore(at, "the loop changes " + describe(load.getValue(), at)
                        + ", which a pending call may read or change");
            }
        }
    }

    /** The alias groups of what pending calls read, as the aliases stand now. */
    private Set<Root> groupsReadByPending() {
        Set<Root> read = new HashSet<>();
        for (Root root : readByPending) {
            read.add(aliases.find(root));
        }
        return read;
    }

    /** Whether the load at {@code at} is of a local that holds nothing but copies the loop made. */
    private boolean holdsOnlyCopies(int at) {
        return elements.get(at) instanceof LoadInstruction load && copies.holdsOnlyCopies(load.slot());
    }

    /**
     * An event after the load at {@code at} if pending stores reach what it loads: the array or
     * collection itself, or, for a made iterator the loop steps (or an entry it gave), the
     * collection it walks, which the woven method keeps beside the iterator from where it was
     * made (decision 062). An iterator made by a call that takes an argument
     * ({@code listIterator(i)}) waits as before.
     *
     * @param reads     what the loop reads there ("the loop reads 'keys'")
     * @param into      how pending stores may reach it (", into which a pending store may write")
     * @param decisions the decisions that let the event depend on the stores' targets
     */
    private void syncIfStoresReach(int at, String reads, String into, String decisions) {
        Integer slot = steppedIterators.get(at);
        Integer entry = readEntries.get(at);
        if (slot == null && entry == null) {
            plan.syncIfStoresReach(at, reads + into + " (only if it does, " + decisions + ")");
            return;
        }
        String walked = into + " (only if it does, decision 062)";
        if (slot != null && canKeepWalked(slot, false)) {
            keepWalked(slot);
            plan.syncIfWalkedStoresReach(at, slot, "the loop steps its iterator over " + walkedName(slot) + walked);
            return;
        }
        if (entry != null && canKeepWalkedOfEntries(entry)) {
            List<Integer> taken = madeIterators.takenStoresInto(entry);
            for (int store : taken) {
                keepWalked(madeIterators.takenFrom(store));
                plan.takes(store, madeIterators.takenFrom(store), entry);
            }
            plan.syncIfWalkedStoresReach(at, entry, "the loop reads an entry of "
                    + walkedName(madeIterators.takenFrom(taken.get(0))) + walked);
            return;
        }
        plan.syncBefore(at, reads + into);
    }

    /**
     * Whether what the iterator in {@code slot} walks can be kept beside it: every call that makes
     * one there takes no argument (the collection is then on top of the stack), and for
     * {@code entries}, each walks a map's {@code entrySet()}, whose entries are the map's storage.
     */
    private boolean canKeepWalked(int slot, boolean entries) {
        for (int store : madeIterators.storesInto(slot)) {
            int maker = MadeIterators.maker(elements, store);
            Integer view = viewMakers.get(maker);
            if (((InvokeInstruction) elements.get(maker)).typeSymbol().parameterCount() != 0 || entries
                    && (view == null || !((InvokeInstruction) elements.get(view)).name().equalsString("entrySet"))) {
                return false;
            }
        }
        return true;
    }

    /** Whether every iterator whose {@code next()} the entry in {@code entry} may hold walks a map's entries. */
    private boolean canKeepWalkedOfEntries(int entry) {
        for (int store : madeIterators.takenStoresInto(entry)) {
            if (!canKeepWalked(madeIterators.takenFrom(store), true)) {
                return false;
            }
        }
        return true;
    }

    /** Keeps what the iterator in {@code slot} walks beside it: the map of a view walked, or the collection. */
    private void keepWalked(int slot) {
        for (int store : madeIterators.storesInto(slot)) {
            int maker = MadeIterators.maker(elements, store);
            plan.walks(viewMakers.getOrDefault(maker, maker), store, slot);
        }
    }

    /** What the iterator in {@code slot} walks, as an explanation names it. */
    private String walkedName(int slot) {
        Integer walked = iteratorMakers.get(MadeIterators.maker(elements, madeIterators.storesInto(slot).get(0)));
        return walked == null || walked < 0 || loads.get(walked) == null ? "a collection"
                : describe(loads.get(walked), walked);
    }

    /**
     * Whether a pending write into {@code group} may change what a load reads: a load of an array
     * of declared type {@code array} that reaches only its own elements ({@code null}: any load)
     * meets a store into an array it may be, or a write through an object that may reach it.
     *
     * @param kind {@code ELEMENTS_AT_EVENT}: the deferred array stores; {@code STORAGE_AT_EVENT}: the
     *             deferred {@code put}, {@code set} and {@code add}; {@code AT_EVENT}: every other write
     */
    private boolean pendingWriteMayMeet(Root group, ClassDesc array, PendingWrite.When kind) {
        boolean elementStores = kind == PendingWrite.When.ELEMENTS_AT_EVENT;
        for (PendingWrite write : pendingWrites) {
            PendingWrite.When when = write.when() == PendingWrite.When.WHILE_RUNNING ? PendingWrite.When.AT_EVENT
                    : write.when();
            if (when != kind || !aliases.find(write.root()).equals(group)) {
                continue;
            }
            if (array == null || (elementStores ? ArrayReach.mayReach(array, write.type())
                    : ArrayReach.mayReach(write.type() == null ? ConstantDescs.CD_Object : write.type(), array))) {
                return true;
            }
        }
        return false;
    }

    /** {@code System.out}'s root; {@code System.err}'s is joined to it: both go to one terminal. */
    private static final Root STANDARD_OUTPUT = Root.field("java/lang/System", "out");

    private void step(StackModel stack, Instruction instruction, int at) {
        StackModel.Step step = stack.step(instruction, at);
        List<Value> produced = new ArrayList<>(step.produced());
        List<Value> consumed = step.consumed();

        int position = -1;
        for (int p = 0; p < consumed.size(); p++) {
            if (consumed.get(p).result() != null) {
                if (position >= 0) {
                    problem("multiple @Concurrent calls in one expression are unsupported");
                }
                position = p;
            }
        }
        if (position >= 0) {
            use(instruction, at, consumed, position, produced);
        }
        if (instruction instanceof StoreInstruction store && store.typeKind() == TypeKind.REFERENCE) {
            copies.stored(store.slot(), consumed.get(0)); // whatever it stores: a call's result too (decision 065)
        }

        ConcurrentMethods.Callee callee = instruction instanceof InvokeInstruction invoke ? index.find(invoke) : null;
        String initialized = ClassInitialization.initializedBy(instruction);
        ParameterUses initializer = initialized == null ? null : index.initializerOf(initialized, owner, method);
        if (initializer != null && callee != null) {
            callee = callee.alsoRunning(initializer); // the task's first call initializes its class (decision 068)
        } else if (initializer != null) {
            initializes(initializer, at);
        }
        ConcurrentCall call = callee != null ? concurrentCall((InvokeInstruction) instruction, callee, at) : null;
        if (call != null) {
            List<Value> below = stack.values().subList(0, Math.max(0, stack.values().size() - consumed.size()));
            for (Value value : below) {
                if (value.result() != null) {
                    problem("multiple @Concurrent calls in one expression are unsupported");
                    break;
                }
            }
            plan.calls.put(at, call);
            pendingInputs((InvokeInstruction) instruction, at, call, callee, consumed);
            if (call.isVoid()) {
                call.use = ConcurrentCall.Use.STATEMENT;
                call.useIndex = at;
            } else {
                produced.set(0, produced.get(0).withResult(call));
            }
        } else if (position < 0) {
            follow(instruction, at, consumed, produced);
        }
        stack.apply(new StackModel.Step(consumed, produced));
        if (madeCopy != null) {
            stack.initialized(consumed.get(0), madeCopy);
            madeCopy = null;
        }
        if (instruction instanceof BranchInstruction || instruction instanceof TableSwitchInstruction
                || instruction instanceof LookupSwitchInstruction) {
            rejectLive(stack, "a @Concurrent call inside a conditional expression (?:, &&, ||) is unsupported");
        }
        stack.flow(instruction);
    }

    /**
     * What this analysis makes of values the stack model does not follow (a named class, not a
     * lambda: the agent weaves on the start-up path, decision 015).
     */
    private final class UnfollowedValues implements StackModel.Join {

        @Override
        public Value join(List<Value> values, int size, boolean reference) {
            return merged(values, size);
        }

        /** Its later uses are not followed, so it is taken as read and written. */
        @Override
        public void carriedBack(Value value) {
            note(value, UseKind.READ);
            note(value, UseKind.WRITE);
        }
    }

    /**
     * Values that reach one place along different paths: they may alias, and their loads share
     * their uses ({@link #mergedInto}), so a use of the merged value is a use of each.
     */
    private Value merged(List<Value> values, int size) {
        Root joined = null;
        int load = -1;
        for (Value value : values) {
            joined = joinInto(joined, value.root());
            if (value.rootLoad() >= 0) {
                if (load < 0) {
                    load = value.rootLoad();
                } else {
                    mergeUses(load, value.rootLoad());
                }
            }
        }
        return joined == null ? Value.ofSize(size) : new Value(size, joined, load, false, null);
    }

    /** The load that holds the uses of {@code load}: itself unless it merged into another. */
    private int usesOf(int load) {
        Integer into = mergedInto.get(load);
        while (into != null) {
            load = into;
            into = mergedInto.get(load);
        }
        return load;
    }

    private void mergeUses(int a, int b) {
        int kept = usesOf(a);
        int merged = usesOf(b);
        if (kept != merged) {
            mergedInto.put(merged, kept);
            EnumSet<UseKind> moved = uses.remove(merged);
            if (moved != null) {
                usesAt(kept).addAll(moved);
            }
        }
    }

    /** What a @Concurrent call's task will read and write: its receiver, its arguments, hidden state. */
    private void pendingInputs(InvokeInstruction invoke, int at, ConcurrentCall call, ConcurrentMethods.Callee callee,
                               List<Value> consumed) {
        ParameterUses parameters = callee.uses();
        int first = invoke.opcode() == Opcode.INVOKESTATIC ? 0 : 1;
        if (parameters.readsHidden()) {
            readByPending.add(Root.HIDDEN);
            callsReadingHidden.put(at, parameters.hiddenReads());
            recordedArguments.readsHidden(call, parameters.hiddenReads());
        }
        // in call order against other code touching files, unless its files are its own (decision 059)
        fileSystem.task(at, callee.ownFiles() ? FileSystemUse.NONE : parameters.outside().files());
        if (takesObjects(invoke)) {
            lambdas.mayBeHandedOne(call, callee.ownFiles());
        }
        if (parameters.outside().writes()) {
            // a static, what one reaches, unseen code (decision 045): written while the task runs,
            // so the loop reads none of it before the event, and such calls run in call order
            pendingWrite(Root.HIDDEN, null, PendingWrite.When.WHILE_RUNNING);
            readByPending.add(Root.HIDDEN);
            callsReadingHidden.put(at, HiddenReads.ANY);
        }
        if (first == 1 && parameters.receiver() != ParameterUses.Use.NONE) {
            Value receiver = consumed.get(0);
            note(receiver, UseKind.READ); // a receiver the callee never uses is not read
            if (receiver.root() != null) {
                readByPending.add(receiver.root());
                recordedArguments.readsReceiver(call, receiver.root(), parameters.hiddenReads());
                if (parameters.receiver() == ParameterUses.Use.READ_WRITE) {
                    // a field of it, or what one holds
                    pendingWrite(receiver.root(), invoke.owner().asSymbol(), PendingWrite.When.WHILE_RUNNING);
                    recordedArguments.writtenThrough(receiver.root());
                }
            }
        }
        List<ClassDesc> types = invoke.typeSymbol().parameterList();
        for (int p = 0; p < types.size(); p++) {
            Value argument = consumed.get(first + p);
            Root root = argument.root();
            if (root == null || immutables.isImmutable(types.get(p))) {
                continue; // nothing can change an immutable argument, and it observes no change
            }
            switch (parameters.parameters().get(p)) {
                case NONE -> {
                }
                case READ -> {
                    note(argument, UseKind.READ);
                    readByPending.add(root);
                    recordedArguments.read(call, root, types.get(p));
                }
                case RECORDED_WRITES -> {
                    // only written, replayed in call order at the event: calls never read it
                    // (exempt from events unless RecordedArguments finds that they may)
                    pendingWrite(root, types.get(p), PendingWrite.When.AT_EVENT);
                    recordedArguments.recorded(call, root, types.get(p), argument.rootLoad());
                    note(argument, UseKind.READ);
                }
                case READ_WRITE -> {
                    note(argument, UseKind.READ);
                    pendingWrite(root, types.get(p), PendingWrite.When.WHILE_RUNNING);
                    readByPending.add(root);
                    recordedArguments.read(call, root, types.get(p));
                    recordedArguments.writtenThrough(root);
                }
            }
        }
    }

    /**
     * An instruction that is neither a {@code @Concurrent} call nor a deferred use: record how it
     * uses loaded values, which roots it may make alias, and the roots of what it produces.
     */
    private void follow(Instruction instruction, int at, List<Value> consumed, List<Value> produced) {
        if (instruction instanceof LoadInstruction load) {
            if (load.typeKind() == TypeKind.REFERENCE) {
                loads.put(at, Root.local(load.slot()));
                loadTypes.put(at, declaredLocals.typeOfLoad(at));
            } else {
                noteAll(consumed, UseKind.READ);
            }
        } else if (instruction instanceof StoreInstruction store) {
            if (store.typeKind() == TypeKind.REFERENCE) {
                Value stored = consumed.get(0);
                if (stored.direct() && stored.rootLoad() >= 0
                        && elements.get(stored.rootLoad()) instanceof FieldInstruction read
                        && !immutables.isFinalField(read)) {
                    // a reference read from a field and kept in a local: the field is read here,
                    // where a pending call may still replace what it holds, not where the local
                    // is used (Config c = this.config; ... c.scale)
                    note(stored, UseKind.FIELD);
                }
                aliases.union(Root.local(store.slot()), stored.root());
            } else {
                noteAll(consumed, UseKind.READ);
            }
        } else if (instruction instanceof FieldInstruction field) {
            field(field, at, consumed, produced);
        } else if (instruction instanceof InvokeInstruction invoke) {
            invoke(invoke, at, consumed, produced);
        } else if (instruction instanceof InvokeDynamicInstruction indy) {
            noteAll(consumed, UseKind.READ);
            if (!CallSites.isOperation(indy)) {
                // a lambda or method reference (or an unknown bootstrap): code the analysis does not
                // follow, holding its captures; named by where it is made, so that a JDK call running
                // it can tell whether it writes what it is fed (decision 064)
                joinHidden(consumed);
                if (!produced.isEmpty()) {
                    Root made = Root.allocation(at);
                    aliases.union(made, Root.HIDDEN);
                    produced.set(0, fresh(produced.get(0), made));
                }
                lambdaEffects(indy, at);
            }
        } else if (instruction.opcode() == Opcode.ACONST_NULL) {
            // list.sort(null) runs no function, only the elements' compareTo (decision 013's assumption)
            produced.set(0, fresh(produced.get(0), Root.allocation(at)));
            pureFunctions.add(Root.allocation(at));
        } else if (instruction instanceof NewObjectInstruction || instruction instanceof NewPrimitiveArrayInstruction
                || instruction instanceof NewReferenceArrayInstruction
                || instruction instanceof NewMultiArrayInstruction) {
            produced.set(0, fresh(produced.get(0), Root.allocation(at)));
        } else if (instruction instanceof ArrayStoreInstruction) {
            note(consumed.get(0), UseKind.WRITE);
            note(consumed.get(2), UseKind.READ);
            aliases.union(consumed.get(0).root(), consumed.get(2).root());
        } else if (instruction instanceof OperatorInstruction operator && operator.opcode() == Opcode.ARRAYLENGTH) {
            note(consumed.get(0), consumed.get(0).direct() ? UseKind.LENGTH : UseKind.READ);
        } else if (instruction instanceof MonitorInstruction) {
            noteAll(consumed, UseKind.WRITE);
        } else if (instruction instanceof TypeCheckInstruction check) {
            // reads only the object's class, which never changes; an object of an immutable type
            // reaches nothing that changes, so what is done with it is done to no one (decision 055)
            if (check.opcode() == Opcode.CHECKCAST && immutables.isImmutable(check.type().asSymbol())) {
                produced.set(0, Value.CATEGORY_1);
            }
        } else if (!(instruction instanceof StackInstruction)) {
            // (stack instructions move values; they are judged where they land)
            noteAll(consumed, UseKind.READ);
        }
    }

    /**
     * A lambda made here may run at once (handed to {@code forEach}, {@code computeIfAbsent}): what
     * its body does outside what it captured is done here, as an application call's is (decision
     * 045). A lambda kept in a local and run later is judged where the local is loaded.
     */
    private void lambdaEffects(InvokeDynamicInstruction indy, int at) {
        ParameterUses body = index.lambdaBody(indy, owner, method);
        if (!FedFunctions.writesWhatItIsFed(indy, body)) {
            pureFunctions.add(Root.allocation(at));
        }
        ParameterUses.Outside outside = body == null ? ParameterUses.Outside.ALL : body.outside();
        runsAt(at, outside, body != null && body.readsHidden());
        lambdas.made(outside);
    }

    /**
     * The instruction at {@code at} may initialize a class, running {@code initializer} on the
     * loop's thread (decision 068): what it does outside what it makes is done here, as an
     * application call's is.
     */
    private void initializes(ParameterUses initializer, int at) {
        runsAt(at, initializer.outside(), initializer.readsHidden());
        if (initializer.locks().keepsLocks()) {
            takesLocks.put(at, line);
        }
    }

    /**
     * Code that runs at {@code at} (a lambda the JDK may run at once, a static initializer) does
     * {@code outside} beyond what it is given, and may read hidden state: an event goes before
     * it where pending calls touch that (decisions 045, 068).
     */
    private void runsAt(int at, ParameterUses.Outside outside, boolean readsHidden) {
        if (outside.writes()) {
            reachesHidden.add(at);
        } else if (outside.reads() || readsHidden) {
            readOutside.add(at);
        }
        if (outside.prints()) {
            printsAt.add(at);
        }
        if (outside.setsProcessState()) {
            barriers.add(at);
        }
        fileSystem.at(at, outside.files());
    }

    private void joinHidden(List<Value> values) {
        for (Value value : values) {
            aliases.union(value.root(), Root.HIDDEN);
        }
    }

    private void field(FieldInstruction field, int at, List<Value> consumed, List<Value> produced) {
        boolean onThis = !consumed.isEmpty() && isThis(consumed.get(0));
        switch (field.opcode()) {
            case GETSTATIC -> {
                if (JdkMethods.isStandardStream(field)) {
                    // output, not state calls read (decision 034), but in the loop's order: a print
                    // waits only for a deferred print to the same stream (decision 050)
                    loads.put(at, produced.get(0).root());
                    break;
                }
                if (SwitchTables.isSwitchTable(field) || immutables.isConstant(field)) {
                    // a constant table (decision 051), a static final value (decision 056)
                    produced.set(0, fresh(produced.get(0), Root.allocation(at)));
                    break;
                }
                loads.put(at, Root.HIDDEN); // a static field, of any type, is hidden state
                loadTypes.put(at, field.typeSymbol());
                if (field.typeSymbol().isPrimitive()) {
                    uses.put(at, EnumSet.of(UseKind.FIELD));
                } else if (immutables.isImmutable(field.typeSymbol())) {
                    // an enum constant, a string: read like a number, its value reaches nothing (decision 051)
                    uses.put(at, EnumSet.of(UseKind.FIELD));
                    produced.set(0, fresh(produced.get(0), Root.allocation(at)));
                }
                aliases.union(Root.field(field.owner().asInternalName(), field.name().stringValue()), Root.HIDDEN);
            }
            case GETFIELD -> {
                if (onThis && immutables.isFinalValue(field)) {
                    // a final field of this, of an immutable type: set by the constructor, never
                    // after, and reaching nothing that changes, so no task changes what it reads
                    // (decision 058). Of another object, it is that object's as loaded: the load
                    // that found the object is judged by this use, as before (the object may be
                    // replaced by a pending call: this.config = new Config(...))
                    if (!field.typeSymbol().isPrimitive()) {
                        produced.set(0, fresh(produced.get(0), Root.allocation(at)));
                    }
                    break;
                }
                boolean reference = !field.typeSymbol().isPrimitive();
                note(consumed.get(0), onThis && reference ? UseKind.PATH : UseKind.FIELD);
                if (onThis && reference) {
                    loads.put(at, produced.get(0).root());
                    loadTypes.put(at, field.typeSymbol());
                    aliases.union(produced.get(0).root(), Root.HIDDEN);
                }
            }
            case PUTFIELD -> {
                note(consumed.get(0), UseKind.WRITE);
                note(consumed.get(1), UseKind.READ);
                aliases.union(consumed.get(0).root(), consumed.get(1).root());
            }
            default -> { // PUTSTATIC
                note(consumed.get(0), UseKind.READ);
                aliases.union(consumed.get(0).root(), Root.HIDDEN);
                reachesHidden.add(at);
            }
        }
    }

    private void invoke(InvokeInstruction invoke, int at, List<Value> consumed, List<Value> produced) {
        String owner = invoke.owner().asInternalName();
        boolean isStatic = invoke.opcode() == Opcode.INVOKESTATIC;
        boolean hasResult = !produced.isEmpty() && !invoke.typeSymbol().returnType().isPrimitive();
        ParameterUses summary = JdkTypes.isJdk(owner) ? null : index.applicationCall(invoke, this.owner, method);
        // the JDK class that runs it: the one named, or the one an application class inherits it from
        String jdkOwner = JdkTypes.isJdk(owner) ? owner
                : summary == null ? index.jdkOwnerOf(invoke, this.owner, method) : null;
        if (mayKeepALock(invoke, summary)) {
            takesLocks.put(at, line);
        }
        if (JdkMethods.printsToStandardError(invoke)) {
            printsAt.add(at); // e.printStackTrace(): a line on System.err, after a deferred print (decision 050)
        }
        if (jdkOwner != null) {
            ParameterUses.Outside jdk = ParameterUses.Outside.ofJdk(jdkOwner, invoke.name().stringValue(),
                    invoke.typeSymbol());
            if (jdk.setsProcessState()) {
                barriers.add(at); // a pending call may read the property, the locale it sets (decision 057)
            }
            fileSystem.at(at, jdk.files()); // a file read or changed by its name (decision 059)
        }
        if (summary != null) {
            summarisedCall(at, invoke, consumed, produced, summary, isStatic, hasResult);
        } else if (jdkOwner == null || JdkMethods.reflects(jdkOwner, invoke.name().stringValue())) {
            // code the weaver cannot see, or reflection, which runs and reaches anything (decision 063)
            reachesHidden.add(at);
            printsAt.add(at);
            noteAll(consumed, UseKind.WRITE);
            joinHidden(consumed);
            if (hasResult) {
                produced.set(0, fresh(produced.get(0), Root.HIDDEN));
            }
        } else if (JdkMethods.stepsIterator(invoke, jdkOwner)) {
            // the loop's own thread moves the cursor: a pending call that could see the iterator
            // steps it too, a write its summary names (decision 062); the collection is read
            Value iterator = consumed.get(0);
            int slot = madeIterators.madeIn(iterator);
            if (slot >= 0) {
                note(iterator, UseKind.ITERATES); // for (String key : keys): reads what keys holds
                steppedIterators.put(iterator.rootLoad(), slot);
            } else {
                noteAll(consumed, UseKind.READ);
            }
        } else if (JdkMethods.readsEntry(invoke, jdkOwner) && madeIterators.takenIn(consumed.get(0)) >= 0) {
            note(consumed.get(0), UseKind.ITERATES); // e.getValue() of for (Entry e : map.entrySet()): map's storage
            readEntries.put(consumed.get(0).rootLoad(), madeIterators.takenIn(consumed.get(0)));
        } else if (MadeIterators.makesIterator(invoke) && consumed.size() == 1 && consumed.get(0).direct()) {
            note(consumed.get(0), UseKind.OWN_STORAGE); // keys.iterator(): walks what keys holds (decision 062)
            iteratorMakers.put(at, consumed.get(0).rootLoad());
        } else if (JdkMethods.viewsMap(invoke, jdkOwner) && consumed.get(0).direct() && makesIteratorNext(at)) {
            note(consumed.get(0), UseKind.OWN_STORAGE); // for (K k : map.keySet()): walks what map holds
            mapViews.put(at, consumed.get(0).rootLoad());
        } else if (MadeIterators.makesIterator(invoke) && consumed.size() == 1
                && mapViews.containsKey(MadeIterators.instructionBefore(elements, at))) {
            int view = MadeIterators.instructionBefore(elements, at);
            note(consumed.get(0), UseKind.OWN_STORAGE); // the view's iterator: the map's storage again
            iteratorMakers.put(at, mapViews.get(view));
            viewMakers.put(at, view);
        } else if (JdkMethods.isQuery(invoke, jdkOwner)) {
            if (JdkMethods.readsOwnStorage(invoke, jdkOwner) && consumed.get(0).direct()) {
                note(consumed.get(0), UseKind.OWN_STORAGE); // list.get(i), map.get(key)
                for (int k = 1; k < consumed.size(); k++) {
                    note(consumed.get(k), UseKind.READ); // a map's key: its hashCode and equals run
                }
            } else {
                noteAll(consumed, UseKind.READ);
            }
            ranArguments(invoke, at, consumed);
            writesWhatItFeeds(invoke, consumed);
            if (hasResult && isStatic) {
                produced.set(0, staticQueryResult(invoke, at, consumed, produced.get(0)));
            } else if (hasResult && invoke.name().equalsString("getOrDefault") && consumed.size() == 3) {
                note(consumed.get(2), UseKind.WRITE); // it may return the default: what is done to the result
                aliases.union(consumed.get(0).root(), consumed.get(2).root());
            }
        } else if (invoke.name().equalsString("<init>") && owner.startsWith("java/util/")) {
            // a JDK collection's constructor copies a collection or map it is given; anything else
            // it may hold (new AtomicReference<>(cell), new SimpleEntry<>(k, cell)): a write
            // through the new object is a write of that (decision 063). A copy's elements are
            // its source's: it stands, from here, for what the source was loaded as, so that what
            // is done through its elements is done to that load (decision 065)
            note(consumed.get(0), UseKind.WRITE);
            int copied = copies.made(invoke, consumed);
            if (copied > 0) {
                madeCopy = Value.loaded(consumed.get(0).root(), consumed.get(copied).rootLoad());
            }
            for (int position = 1; position < consumed.size(); position++) {
                Value argument = consumed.get(position);
                ClassDesc type = invoke.typeSymbol().parameterType(position - 1);
                if (JdkMethods.copiesArgument(invoke, position) || type.isPrimitive() || immutables.isImmutable(type)) {
                    note(argument, UseKind.READ);
                } else {
                    note(argument, UseKind.WRITE);
                    aliases.union(consumed.get(0).root(), argument.root());
                }
            }
        } else {
            if (changesOnlyStorage(invoke, jdkOwner, consumed)) {
                note(consumed.get(0), UseKind.STORAGE_WRITE); // copy.add(x), copy.sort(null)
                noteAll(consumed.subList(1, consumed.size()), UseKind.WRITE);
            } else {
                noteAll(consumed, UseKind.WRITE);
            }
            Root joined = null;
            for (Value value : consumed) {
                joined = joinInto(joined, value.root());
            }
            if (hasResult && isStatic && JdkMethods.handsOutSharedObjects(jdkOwner, invoke.name().stringValue())) {
                aliases.union(Root.result(at), joined);
                produced.set(0, sharedResult(at, invoke)); // Enum.valueOf, Runtime.getRuntime() (decision 063)
            } else if (hasResult) {
                Root result = Root.result(at);
                aliases.union(result, joined);
                produced.set(0, fresh(produced.get(0), result));
                if (FedFunctions.composesFunctions(invoke) && FedFunctions.composesOnlyPure(invoke, consumed, pureFunctions)) {
                    pureFunctions.add(result); // Comparator.comparing(Person::age): runs only what it was given
                }
            }
        }
    }

    /**
     * Whether the JDK call changes only the storage of a collection loaded from a local as it is
     * ({@code copy.add(x)}), and runs no function that may write what it is fed (decision 065).
     */
    private boolean changesOnlyStorage(InvokeInstruction invoke, String jdkOwner, List<Value> consumed) {
        Value receiver = consumed.isEmpty() ? null : consumed.get(0);
        return receiver != null && receiver.direct() && receiver.rootLoad() >= 0 && receiver.root() != null
                && receiver.root().kind() == Root.Kind.LOCAL && elements.get(receiver.rootLoad()) instanceof LoadInstruction
                && CollectionCopies.changesOnlyItsStorage(invoke, jdkOwner, 0)
                && !FedFunctions.feedsAWriter(invoke, consumed, pureFunctions);
    }

    /**
     * The result of the call at {@code at}, which other code may hold too (a static a callee
     * returns, an enum's constant the JDK looks up): hidden state, and a load, so that what the
     * loop does through it is judged against pending calls as a static's load is (decision 063).
     * Of an immutable type, it is a value, as a string a call returns is.
     */
    private Value sharedResult(int at, InvokeInstruction invoke) {
        Root result = Root.result(at);
        ClassDesc type = invoke.typeSymbol().returnType();
        if (immutables.isImmutable(type)) {
            return new Value(1, result, -1, false, null);
        }
        aliases.union(result, Root.HIDDEN);
        loads.put(at, result);
        loadTypes.put(at, type);
        return Value.loaded(result, at);
    }

    /** Whether the instruction right after element {@code at} makes an iterator with {@code iterator()}. */
    private boolean makesIteratorNext(int at) {
        int next = MadeIterators.instructionAfter(elements, at);
        return next >= 0 && elements.get(next) instanceof InvokeInstruction invoke && MadeIterators.makesIterator(invoke)
                && invoke.typeSymbol().parameterCount() == 0;
    }

    /**
     * A JDK query given code to run ({@code stream.map(f)}): a function the method loaded, from a
     * parameter, a field or a local, runs a body the analysis does not see here, which may write
     * what it captured or any hidden state (decision 062). A lambda made right here was judged by
     * its body where it was made.
     */
    private void ranArguments(InvokeInstruction invoke, int at, List<Value> consumed) {
        for (int position = 0; position < consumed.size(); position++) {
            Value function = consumed.get(position);
            if (JdkMethods.runsArgument(invoke, position) && function.rootLoad() >= 0) {
                note(function, UseKind.WRITE);
                aliases.union(function.root(), Root.HIDDEN);
                reachesHidden.add(at);
            }
        }
    }

    /**
     * A JDK query that runs a function which may write what it is fed (a lambda made here whose
     * body writes its own parameters, or a function the method loaded): it feeds the function
     * elements of its receiver or arguments ({@code list.stream().forEach(x -> x.n++)}), so those
     * are written (decision 064).
     */
    private void writesWhatItFeeds(InvokeInstruction invoke, List<Value> consumed) {
        if (!FedFunctions.feedsAWriter(invoke, consumed, pureFunctions)) {
            return;
        }
        for (int position = 0; position < consumed.size(); position++) {
            if (!JdkMethods.runsArgument(invoke, position)) {
                note(consumed.get(position), UseKind.WRITE);
            }
        }
    }

    /**
     * Whether the woven method may hold a {@code java.util.concurrent.locks} lock after
     * {@code invoke}: a JDK method that takes one, or an application method whose summary
     * ({@code summary}, {@code null} if the weaver cannot see into it) says it may keep one.
     */
    private static boolean mayKeepALock(InvokeInstruction invoke, ParameterUses summary) {
        return JdkTypes.isJdk(invoke.owner().asInternalName()) ? TakenLocks.acquires(invoke)
                : summary == null || summary.locks().keepsLocks();
    }

    /**
     * A JDK static query may return an argument ({@code Objects.requireNonNull}) or hold it
     * ({@code List.of}): with one such argument, its result is reached through it; with several,
     * each may be written through the result.
     */
    private Value staticQueryResult(InvokeInstruction invoke, int at, List<Value> consumed, Value produced) {
        List<Value> held = new ArrayList<>();
        for (int p = 0; p < consumed.size(); p++) {
            if (consumed.get(p).root() != null && !immutables.isImmutable(invoke.typeSymbol().parameterType(p))) {
                held.add(consumed.get(p));
            }
        }
        if (held.size() == 1) {
            return held.get(0).derived(produced.size());
        }
        Root result = Root.result(at);
        for (Value value : held) {
            note(value, UseKind.WRITE);
            aliases.union(result, value.root());
        }
        return fresh(produced, result);
    }

    /**
     * {@code root} may alias what was joined so far ({@code null}s are skipped).
     *
     * @return the root that stands for the join from now on
     */
    private Root joinInto(Root joined, Root root) {
        aliases.union(joined, root);
        return joined == null ? root : joined;
    }

    /**
     * An application call the weaver can see into (decision 034): each value it is given is used as
     * its summary says, values it writes or lets escape may alias each other and its result (an
     * instance call's result is reached through its receiver, as a getter's is), and it
     * waits for pending work only as far as it reaches state outside what it is given — always if
     * it writes such state, and if it reads it, only while tasks write hidden state.
     */
    private void summarisedCall(int at, InvokeInstruction invoke, List<Value> consumed, List<Value> produced,
                                ParameterUses summary, boolean isStatic, boolean hasResult) {
        int first = isStatic ? 0 : 1;
        Root joined = hasResult ? Root.result(at) : null;
        for (int p = 0; p < consumed.size(); p++) {
            Value value = consumed.get(p);
            ParameterUses.Use use = p < first ? summary.receiver() : summary.parameters().get(p - first);
            if (use == ParameterUses.Use.READ) {
                note(value, UseKind.READ);
            } else if (use == ParameterUses.Use.RECORDED_WRITES || use == ParameterUses.Use.READ_WRITE) {
                note(value, UseKind.READ);
                note(value, UseKind.WRITE);
                joined = joinInto(joined, value.root());
            }
        }
        if (summary.outside().prints()) {
            printsAt.add(at);
        }
        if (summary.outside().setsProcessState()) {
            barriers.add(at);
        }
        fileSystem.at(at, summary.outside().files());
        if (summary.outside().writes()) {
            reachesHidden.add(at);
            if (joined != null) {
                aliases.union(joined, Root.HIDDEN); // it may have stored them where other code reaches
            }
        } else if (summary.outside().reads()) {
            readOutside.add(at);
        }
        if (!hasResult) {
            return;
        }
        if (summary.outside().returns()) {
            aliases.union(Root.result(at), Root.HIDDEN);
        }
        if (summary.outside().returns() && (isStatic || consumed.get(0).rootLoad() < 0)) {
            // what it returns, a static's object, is reached through no load of the loop's (decision 063)
            produced.set(0, sharedResult(at, invoke));
        } else if (isStatic) {
            produced.set(0, fresh(produced.get(0), Root.result(at)));
        } else {
            // a getter's result is reached through its receiver: what is done to it is done to the receiver
            Value receiver = consumed.get(0);
            aliases.union(receiver.root(), Root.result(at));
            produced.set(0, receiver.root() != null ? receiver.derived(produced.get(0).size())
                    : fresh(produced.get(0), Root.result(at)));
        }
    }

    private boolean isThis(Value value) {
        return !isStatic && value.direct() && Root.local(0).equals(value.root());
    }

    private static Value fresh(Value value, Root root) {
        return new Value(value.size(), root, -1, false, null);
    }

    private void noteAll(List<Value> values, UseKind kind) {
        for (Value value : values) {
            note(value, kind);
        }
    }

    /** The load that {@code value} came from is used this way. */
    private void note(Value value, UseKind kind) {
        if (value.rootLoad() >= 0) {
            usesAt(usesOf(value.rootLoad())).add(kind);
        }
    }

    /** The uses noted for {@code load}, a load that holds its own (no lambda: decision 015). */
    private EnumSet<UseKind> usesAt(int load) {
        EnumSet<UseKind> at = uses.get(load);
        if (at == null) {
            at = EnumSet.noneOf(UseKind.class);
            uses.put(load, at);
        }
        return at;
    }

    private ConcurrentCall concurrentCall(InvokeInstruction invoke, ConcurrentMethods.Callee callee, int at) {
        if (invoke.opcode() == Opcode.INVOKESPECIAL) {
            problem("calling a @Concurrent method through super is unsupported");
            return null;
        }
        if (method.flags().has(AccessFlag.SYNCHRONIZED)) {
            problem("a @Concurrent call in a synchronized method is unsupported: its task would run without the "
                    + "method's lock (and would deadlock if it took it); drop synchronized from the @Synchronized "
                    + "method (a caller may hold the lock around it) or synchronize inside the @Concurrent method");
            return null;
        }
        for (SynchronizedPlan.Handler handler : plan.handlers) {
            if (at < handler.startIndex() || at >= handler.endIndex()) {
                continue;
            }
            if (isMonitorExit(handler.entry().handler())) {
                problem("a @Concurrent call inside a synchronized block is unsupported: its task would run without "
                        + "the lock (and would deadlock if it took it); synchronize inside the @Concurrent method");
                return null;
            }
            String unsafe = catchableFailure(handler, callee);
            if (unsafe != null && !alwaysThrows(handler)) {
                problem("a @Concurrent call inside a try block whose handler (" + unsafe + ") can catch the call's "
                        + "own exception and go on is unsupported: the woven loop has gone on past the failing call, "
                        + "and deco cannot undo that; catch inside the @Concurrent method (return a marker), put the "
                        + "try around the @Synchronized method, or rethrow from the handler");
                return null;
            }
            boolean known = false;
            for (SynchronizedPlan.WovenTry block : plan.tries) {
                known |= block.startIndex() == handler.startIndex() && block.endIndex() == handler.endIndex();
            }
            if (!known) {
                plan.tries.add(new SynchronizedPlan.WovenTry(handler.entry().tryStart(), handler.entry().tryEnd(),
                        handler.startIndex(), handler.endIndex()));
            }
        }
        calleesLock |= !callee.uses().locks().isEmpty();
        boolean setsProcessState = callee.uses().outside().setsProcessState();
        if (setsProcessState) {
            barriers.add(at); // after every pending call; then made at once (decision 057)
        }
        return new ConcurrentCall(at, invoke, callee.recordsMutations(), callee.parallelism() == 0,
                callee.uses().shippable(), !callee.uses().readsHidden(), callee.uses().outside().perThread(),
                setsProcessState, callee.uses().locks().names(),
                callee.overridable() && invoke.opcode() != Opcode.INVOKESTATIC, line);
    }

    /** What an explanation calls the value the load at element {@code at} loads. */
    private String describe(Root root, int at) {
        if (root.kind() == Root.Kind.LOCAL) { // no switch: decision 015
            for (LocalVariable variable : variables) { // the variable of that slot in scope there
                Integer start = labelIndex.get(variable.startScope());
                Integer end = labelIndex.get(variable.endScope());
                if (variable.slot() == root.slot() && start != null && end != null && start <= at && at < end) {
                    return "'" + variable.name().stringValue() + "'";
                }
            }
            return "a local variable";
        }
        if (root.kind() == Root.Kind.FIELD) {
            return "the field '" + root.field() + "'";
        }
        if (root.kind() == Root.Kind.ALLOCATION) {
            return "an object the method made";
        }
        return root.kind() == Root.Kind.RESULT ? "what a call returned" : "a field, a static or a parameter";
    }

    /** Whether a call has a receiver or an argument that is neither a primitive nor an immutable value. */
    private boolean takesObjects(InvokeInstruction invoke) {
        if (invoke.opcode() != Opcode.INVOKESTATIC) {
            return true;
        }
        for (ClassDesc type : invoke.typeSymbol().parameterList()) { // no stream: decision 015
            if (!type.isPrimitive() && !immutables.isImmutable(type)) {
                return true;
            }
        }
        return false;
    }

    /** {@code instruction} consumes the result of a {@code @Concurrent} call. */
    private void use(Instruction instruction, int at, List<Value> consumed, int position, List<Value> produced) {
        ConcurrentCall call = consumed.get(position).result();
        ClassDesc conversion = conversion(instruction, consumed.size());
        if (conversion != null) {
            call.conversions.add(conversion);
            plan.removed.add(at);
            produced.set(0, produced.get(0).withResult(call));
            return;
        }
        if (instruction instanceof StackInstruction stack) {
            if ((stack.opcode() == Opcode.POP || stack.opcode() == Opcode.POP2) && consumed.size() == 1) {
                record(call, ConcurrentCall.Use.STATEMENT, at, 0, consumed);
            } else {
                problem("chained assignment (a[0] = b[0] = f()) or reuse of a @Concurrent result is unsupported");
            }
        } else if (instruction instanceof InvokeInstruction invoke) {
            if (index.find(invoke) != null) {
                problem("a @Concurrent call as an argument of another @Concurrent call is unsupported");
            } else if (invoke.name().equalsString("<init>")) {
                problem("passing a @Concurrent result to a constructor is unsupported: construct in the "
                        + "@Concurrent method, or store the result first");
            } else if (resultDiscarded(invoke, at)) {
                record(call, ConcurrentCall.Use.CALL, at, position, consumed);
                String owner = invoke.owner().asInternalName();
                if (mayKeepALock(invoke, JdkTypes.isJdk(owner) ? null : index.applicationCall(invoke, this.owner, method))) {
                    takesLocks.put(at, line);
                }
            } else {
                problem("the result of " + invoke.name().stringValue() + "(...), which receives a @Concurrent "
                        + "result, is used; deco defers only calls whose result is discarded");
            }
        } else if (instruction instanceof ArrayStoreInstruction) {
            if (position == 2) {
                record(call, ConcurrentCall.Use.ARRAY_STORE, at, position, consumed);
            } else {
                problem("a @Concurrent result used as an array or an index is unsupported");
            }
        } else if (instruction instanceof StoreInstruction store) {
            problem("concurrent assignment only implemented for index based objects: "
                    + "assignment to local variable '" + localNames.getOrDefault(store.slot(), "#" + store.slot())
                    + "' is unsupported (use a Map, List or array, or Sync.fork)");
        } else if (instruction instanceof FieldInstruction field) {
            problem("concurrent assignment only implemented for index based objects: "
                    + "assignment to field '" + field.name().stringValue() + "' is unsupported");
        } else if (instruction instanceof OperatorInstruction) {
            problem("arithmetic on a @Concurrent result (" + call.call.name().stringValue() + "(...) "
                    + OPERATORS.getOrDefault(instruction.opcode().name().substring(1), instruction.opcode().name().toLowerCase())
                    + " ...) is unsupported: store the result first (into an array, a List or a Map) and compute"
                    + " with it after the loop");
        } else if (instruction instanceof InvokeDynamicInstruction) {
            problem("using a @Concurrent result in a lambda, method reference or string concatenation is unsupported");
        } else if (instruction instanceof ReturnInstruction) {
            problem("returning a @Concurrent result is unsupported: store it first");
        } else if (instruction instanceof BranchInstruction) {
            problem("a @Concurrent result in a condition is unsupported");
        } else if (instruction instanceof ThrowInstruction) {
            problem("throwing a @Concurrent result is unsupported");
        } else {
            problem("this use of a @Concurrent result (" + instruction.opcode().name().toLowerCase()
                    + ") is unsupported");
        }
    }

    private void record(ConcurrentCall call, ConcurrentCall.Use use, int at, int position, List<Value> consumed) {
        call.use = use;
        call.useIndex = at;
        call.position = position;
        plan.uses.put(at, call);
        if (use == ConcurrentCall.Use.STATEMENT) {
            return;
        }
        boolean store = use == ConcurrentCall.Use.ARRAY_STORE || isCollectionStore(at);
        boolean hidden = use == ConcurrentCall.Use.CALL
                && !JdkTypes.isJdk(((InvokeInstruction) elements.get(at)).owner().asInternalName());
        if (hidden) {
            pendingWrite(Root.HIDDEN, null, PendingWrite.When.AT_EVENT); // code deco does not see runs at the event
        }
        for (int p = 0; p < consumed.size(); p++) {
            Value input = consumed.get(p);
            if (p == position || input.root() == null) {
                continue;
            }
            exempt.add(input.rootLoad());
            note(input, UseKind.READ);
            if (p == 0 && use == ConcurrentCall.Use.ARRAY_STORE) {
                // an array store changes one element, no field
                pendingWrite(input.root(), arrayType((ArrayStoreInstruction) elements.get(at)),
                        PendingWrite.When.ELEMENTS_AT_EVENT);
            } else if (p == 0 && store) {
                // a put, set or add: the target's storage, or what it is a view of (decision 061)
                pendingWrite(input.root(), Descriptors.input((InvokeInstruction) elements.get(at), p),
                        PendingWrite.When.STORAGE_AT_EVENT);
            } else if (p == 0 || !store) {
                // anything a deferred call may change
                pendingWrite(input.root(), Descriptors.input((InvokeInstruction) elements.get(at), p),
                        PendingWrite.When.AT_EVENT);
            }
            readByPending.add(input.root()); // keys and indices are read at the event
        }
    }

    /** A pending write to {@code root}'s objects, of declared type {@code type} ({@code null}: not known). */
    private void pendingWrite(Root root, ClassDesc type, PendingWrite.When when) {
        if (root != null) {
            pendingWrites.add(new PendingWrite(root, type, when));
        }
    }

    /**
     * One write pending work makes: to {@code root}'s objects, of declared type {@code type}
     * ({@code null}: not known; a call reading hidden state may see it, decision 043), and when.
     * (Never compared: no record bootstrap on the agent's path, decision 015.)
     */
    private record PendingWrite(Root root, ClassDesc type, When when) {

        enum When {
            /** At the event: a deferred store, a recorded write, a deferred call. */
            AT_EVENT,
            /** At the event, only elements of an array (no field, no length). */
            ELEMENTS_AT_EVENT,
            /**
             * At the event, a deferred {@code put}, {@code set} or {@code add}: its target's own
             * storage, or, if the target is a view, what it wraps (decision 061).
             */
            STORAGE_AT_EVENT,
            /** While the task runs: an argument or receiver written through, or outside state (decision 045). */
            WHILE_RUNNING
        }
    }

    /** The type of the array an array store writes: exact for primitives, some reference array otherwise. */
    private static ClassDesc arrayType(ArrayStoreInstruction store) {
        TypeKind kind = store.typeKind();
        if (kind == TypeKind.REFERENCE) {
            return ConstantDescs.CD_Object.arrayType();
        }
        return kind == TypeKind.BYTE ? null : kind.upperBound().arrayType(); // bastore: byte[] or boolean[]
    }

    /** {@code Map.put}, {@code List.set}, {@code List.add}, {@code Collection.add}: only the receiver is written. */
    private boolean isCollectionStore(int at) {
        if (!(elements.get(at) instanceof InvokeInstruction invoke) || invoke.opcode() == Opcode.INVOKESTATIC) {
            return false;
        }
        String name = invoke.name().stringValue();
        return JdkTypes.isJdk(invoke.owner().asInternalName())
                && (name.equals("put") || name.equals("set") || name.equals("add") || name.equals("addLast")
                    || name.equals("addFirst") || name.equals("putIfAbsent") || name.equals("offer"));
    }

    /** The type a result is converted to, if {@code instruction} is a pure conversion of it. */
    private static ClassDesc conversion(Instruction instruction, int inputs) {
        if (inputs != 1) {
            return null;
        }
        if (instruction instanceof ConvertInstruction convert) {
            return convert.toType().upperBound();
        }
        if (instruction instanceof TypeCheckInstruction check && check.opcode() == Opcode.CHECKCAST) {
            return check.type().asSymbol();
        }
        if (instruction instanceof InvokeInstruction invoke && (isBoxing(invoke) || isUnboxing(invoke))) {
            return invoke.typeSymbol().returnType();
        }
        return null;
    }

    /** Operators by the opcode name without its type letter ({@code IADD} is {@code ADD}), for messages. */
    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("ADD", "+"), Map.entry("SUB", "-"), Map.entry("MUL", "*"),
            Map.entry("DIV", "/"), Map.entry("REM", "%"), Map.entry("NEG", "negated,"),
            Map.entry("SHL", "<<"), Map.entry("SHR", ">>"), Map.entry("USHR", ">>>"),
            Map.entry("AND", "&"), Map.entry("OR", "|"), Map.entry("XOR", "^"),
            Map.entry("CMP", "compared"), Map.entry("CMPL", "compared"),
            Map.entry("CMPG", "compared"));

    private static final Set<String> WRAPPERS = Set.of("java/lang/Integer", "java/lang/Long", "java/lang/Double",
            "java/lang/Float", "java/lang/Short", "java/lang/Byte", "java/lang/Character", "java/lang/Boolean");

    private static boolean isBoxing(InvokeInstruction invoke) {
        return invoke.opcode() == Opcode.INVOKESTATIC && invoke.name().equalsString("valueOf")
                && WRAPPERS.contains(invoke.owner().asInternalName())
                && invoke.typeSymbol().parameterCount() == 1 && invoke.typeSymbol().parameterType(0).isPrimitive();
    }

    private static boolean isUnboxing(InvokeInstruction invoke) {
        String owner = invoke.owner().asInternalName();
        return invoke.opcode() == Opcode.INVOKEVIRTUAL
                && (WRAPPERS.contains(owner) || owner.equals("java/lang/Number"))
                && invoke.name().stringValue().endsWith("Value")
                && invoke.typeSymbol().parameterCount() == 0 && invoke.typeSymbol().returnType().isPrimitive();
    }

    private boolean resultDiscarded(InvokeInstruction invoke, int at) {
        int size = StackModel.slotSize(invoke.typeSymbol().returnType());
        if (size == 0) {
            return true;
        }
        for (int i = at + 1; i < elements.size(); i++) {
            if (elements.get(i) instanceof Instruction next) {
                return next.opcode() == (size == 2 ? Opcode.POP2 : Opcode.POP);
            }
        }
        return false;
    }

    /**
     * What the handler catches, if it can catch a failure of the call: anything unchecked
     * ({@code finally} and try-with-resources catch everything), or a checked exception the
     * callee declares; {@code null} if it catches only checked exceptions the call cannot throw.
     */
    private String catchableFailure(SynchronizedPlan.Handler handler, ConcurrentMethods.Callee callee) {
        if (handler.entry().catchType().isEmpty()) {
            return "finally, try-with-resources or catch of everything";
        }
        String caught = handler.entry().catchType().get().asInternalName();
        if (!index.isChecked(caught)) {
            return "catch " + caught.replace('/', '.');
        }
        for (String declared : callee.exceptions()) {
            if (index.isSubclass(declared, caught) || index.isSubclass(caught, declared)) {
                return "catch " + caught.replace('/', '.');
            }
        }
        return null;
    }

    /**
     * Whether every path from the handler ends in a {@code throw} (never a return, never back into
     * the method's normal flow), following branches, switches and the handlers that cover the code
     * on the way: a {@code finally} block, try-with-resources' close-and-rethrow, a catch that
     * rethrows or wraps. Such a handler leaves the method exceptionally, as a failure with no
     * handler does, so the call's failure may reach it: it sees the serial exception.
     */
    private boolean alwaysThrows(SynchronizedPlan.Handler handler) {
        Boolean known = alwaysThrowing.get(handler);
        if (known == null) {
            known = exploreAlwaysThrows(handler);
            alwaysThrowing.put(handler, known);
        }
        return known;
    }

    private boolean exploreAlwaysThrows(SynchronizedPlan.Handler handler) {
        BitSet seen = new BitSet();
        ArrayDeque<Integer> work = new ArrayDeque<>();
        work.push(labelIndex.get(handler.entry().handler()));
        while (!work.isEmpty()) {
            int k = work.pop();
            if (k >= elements.size()) {
                return false;
            }
            if (seen.get(k)) {
                continue;
            }
            seen.set(k);
            for (SynchronizedPlan.Handler covering : plan.handlers) {
                if (k >= covering.startIndex() && k < covering.endIndex()) {
                    work.push(labelIndex.get(covering.entry().handler()));
                }
            }
            CodeElement element = elements.get(k);
            if (element instanceof ReturnInstruction) {
                return false;
            }
            if (element instanceof ThrowInstruction) {
                continue;
            }
            if (element instanceof Instruction instruction) {
                for (Label target : StackModel.targets(instruction)) {
                    work.push(labelIndex.get(target));
                }
                if (!StackModel.isUnconditionalExit(instruction)) {
                    work.push(k + 1);
                }
            } else {
                work.push(k + 1);
            }
        }
        return true;
    }

    /** The handler of a synchronized block releases the monitor first. */
    private boolean isMonitorExit(Label handler) {
        int seen = 0;
        for (int k = labelIndex.get(handler); k < elements.size() && seen < 4; k++) {
            if (elements.get(k) instanceof Instruction instruction) {
                if (instruction instanceof MonitorInstruction monitor && monitor.opcode() == Opcode.MONITOREXIT) {
                    return true;
                }
                seen++;
            }
        }
        return false;
    }

    private void rejectLive(StackModel stack, String message) {
        List<Value> values = stack.values();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).result() != null) {
                problem(message);
                values.set(i, Value.ofSize(values.get(i).size()));
            }
        }
    }

    private void problem(String message) {
        problems.add(sourceFile + ":" + (line < 0 ? "?" : line) + ": " + message
                + " (in " + method.methodName().stringValue() + ")");
    }
}
