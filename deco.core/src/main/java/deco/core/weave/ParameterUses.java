package deco.core.weave;

import java.lang.classfile.Attributes;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
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
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a {@code @Concurrent} method uses each of its reference parameters, read from its code:
 * not at all, only reading, only index-based writes deco can record ({@code p.put(k, v)} on a
 * {@code Map}, {@code p.set(i, v)} on a {@code List}, {@code p[i] = v}), or anything else (reads
 * and writes, writes deco cannot record, or the parameter escaping: stored in a field or an
 * array, captured, returned, passed on). A parameter passed to application code is used as that
 * code uses it, read from its class file ({@link CalleeSummaries}, decision 033). A parameter held
 * by a local variable is used as the local is: the analysis records what each local may hold and
 * settles uses through it at the end, so a for-each loop over a parameter only reads it (decision
 * 034). A value declared of an immutable type is only read.
 *
 * <p>Only a parameter whose every use is a recordable write (its {@code length} aside) is
 * recorded and replayed at the caller's event (decision 004): concurrent calls never read it, so
 * replaying in call order gives the serial result. A parameter that is read and written is written
 * through, so the method reads its own writes; the caller then synchronizes before passing the
 * same objects again (decision 013).
 *
 * @param parameters    the use of each declared parameter, in order ({@link Use#NONE} for primitives)
 * @param receiver      how an instance method uses {@code this} and what it reaches through its
 *                      fields: {@link Use#READ}, or {@link Use#READ_WRITE} if it writes a field
 *                      of it, an element or an object reached through one, passes one of them to
 *                      application code that writes it ({@link CalleeSummaries}), or lets
 *                      {@code this} escape ({@link Use#NONE} for a static method); never recorded
 * @param recordedSites the writes to record, by element index of the method's code, with the
 *                      {@code WovenRuntime} helper that records each
 * @param readsHidden   the method may read state other than its parameters: it reads a field,
 *                      uses {@code this}, or calls application code that may (its summary says
 *                      so, or the weaver cannot see into it)
 * @param hiddenReads   which objects it may read that way, by the types of the reference fields
 *                      it reads (decision 043): what may see an index write it was not given
 * @param outside       what the method does to state it is not given: statics, what they reach,
 *                      code the weaver cannot see (decision 034)
 * @param locks         the objects it may lock that a caller could already hold: statics, its
 *                      receiver's fields, classes (decision 044)
 */
record ParameterUses(List<Use> parameters, Use receiver, Map<Integer, IndexedStore> recordedSites,
                     boolean readsHidden, HiddenReads hiddenReads, Outside outside, TakenLocks locks) {

    /**
     * What a method does to state outside its receiver, its parameters and the objects it makes:
     * reads it (a static field, a lambda's body, application code that does, code the weaver
     * cannot see), writes it (a static field, an object reached from one, such code), or returns
     * part of it. The loop of a {@code @Synchronized} method asks this of the application methods
     * it calls (decision 034).
     *
     * @param reads     it may read such state
     * @param writes    it may write such state
     * @param returns   its result may be part of such state
     * @param perThread it uses a {@code ThreadLocal}: state of the thread that runs it, which a
     *                  task's thread does not share with the caller's (decision 045)
     * @param prints    it may print to {@code System.out} or {@code System.err}: output, not state a
     *                  call reads, but a loop's output comes in its order (decision 050)
     * @param setsProcessState it may change state the whole process shares through a JDK method
     *                  ({@link JdkProcessState}: a system property, the default locale): a barrier
     *                  in the loop, made at once after every pending call (decision 057); implies
     *                  {@code writes}
     * @param files     what it may do to the file system, through the JDK ({@link JdkFileSystem}):
     *                  a call that changes files runs in call order against every other code that
     *                  touches them (decision 059)
     */
    record Outside(boolean reads, boolean writes, boolean returns, boolean perThread, boolean prints,
                   boolean setsProcessState, FileSystemUse files) {

        /** Touches nothing outside what it is given. */
        static final Outside NONE = new Outside(false, false, false, false, false, false, FileSystemUse.NONE);
        /**
         * May do anything: code the weaver cannot see (taken to use no {@code ThreadLocal}, to set
         * no process-wide state and to touch no file: making every call into unseen code on the
         * caller's thread, or in call order, would leave nothing to run at once).
         */
        static final Outside ALL = new Outside(true, true, true, false, true, false, FileSystemUse.NONE);
        /** A JDK method that sets process-wide state, run as a lambda's body ({@code System::exit}). */
        static final Outside SETS_PROCESS_STATE = new Outside(false, true, false, false, false, true,
                FileSystemUse.NONE);

        /** What a JDK method that reads files does, and nothing else. */
        private static final Outside READS_FILES = new Outside(false, false, false, false, false, false,
                FileSystemUse.READS);
        /** What a JDK method that changes files does, and nothing else. */
        private static final Outside WRITES_FILES = new Outside(false, false, false, false, false, false,
                FileSystemUse.WRITES);

        /**
         * What the JDK method {@code owner.name} does beyond the objects it is given: it sets
         * process-wide state ({@link JdkProcessState}, decision 057), it reads or changes files
         * ({@link JdkFileSystem}, decision 059), or nothing. The two lists name different methods.
         *
         * @param owner the JDK class that runs it (internal name)
         * @param type  its descriptor ({@code <init>} for a constructor)
         */
        static Outside ofJdk(String owner, String name, java.lang.constant.MethodTypeDesc type) {
            if (JdkProcessState.sets(owner, name)) {
                return SETS_PROCESS_STATE;
            }
            FileSystemUse files = JdkFileSystem.use(owner, name, type);
            return files == FileSystemUse.WRITES ? WRITES_FILES : files == FileSystemUse.READS ? READS_FILES : NONE;
        }

        /** {@return what either does} */
        Outside or(Outside other) {
            return new Outside(reads || other.reads, writes || other.writes, returns || other.returns,
                    perThread || other.perThread, prints || other.prints, setsProcessState || other.setsProcessState,
                    files.and(other.files));
        }

        // equals by hand: a record's own bootstrap costs milliseconds on the agent's path (decision 015)
        boolean same(Outside other) {
            return reads == other.reads && writes == other.writes && returns == other.returns
                    && perThread == other.perThread && prints == other.prints
                    && setsProcessState == other.setsProcessState && files == other.files;
        }
    }

    /** One parameter's use by the method. */
    enum Use {
        /** Never used (or only its {@code length}). */
        NONE,
        /** Only read. */
        READ,
        /** Only written, by recordable index-based writes. */
        RECORDED_WRITES,
        /** Read and written, written in a way deco cannot record, or escapes. */
        READ_WRITE;

        Use and(Use other) {
            if (this == other || other == NONE) {
                return this;
            }
            return this == NONE ? other : READ_WRITE;
        }
    }

    /**
     * Whether the method may run in another JVM: it neither reads and writes a parameter nor lets
     * one escape, so the only effects on its arguments the caller can see are the recorded writes,
     * which travel back (a parameter written through would be written in the other JVM's copy), and
     * it writes no state outside what it is given (a static written there stays there, decision 045).
     * Files it touches are the member's, as decision 019 says; their order is kept (decision 059).
     */
    boolean shippable() {
        return !parameters.contains(Use.READ_WRITE) && receiver != Use.READ_WRITE && !outside.writes()
                && !outside.perThread();
    }

    /**
     * {@return what a call does that runs this method or {@code other}, of the same descriptor (the
     * implementations of a sealed type's abstract method, decision 052): the stronger use of each
     * parameter, every read, write and lock of either} It records no write of its own: recorded
     * sites belong to a woven method's own code.
     */
    ParameterUses or(ParameterUses other) {
        List<Use> both = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) { // no stream: the agent weaves on the start-up path (decision 015)
            both.add(parameters.get(i).and(other.parameters.get(i)));
        }
        return new ParameterUses(List.copyOf(both), receiver.and(other.receiver), Map.of(),
                readsHidden || other.readsHidden, hiddenReads.or(other.hiddenReads), outside.or(other.outside),
                locks.or(other.locks));
    }

    /**
     * {@return what a call does that runs this method and also {@code initializer}, the static
     * initializers of a class it initializes (decision 068)} The parameters and recorded writes
     * are this method's; reads, writes and locks outside them are either's.
     */
    ParameterUses alsoRunning(ParameterUses initializer) {
        return new ParameterUses(parameters, receiver, recordedSites, readsHidden || initializer.readsHidden,
                hiddenReads.or(initializer.hiddenReads), outside.or(initializer.outside), locks.or(initializer.locks));
    }

    /**
     * Whether this method, taken to have no receiver and no parameters (a static initializer),
     * does anything outside what it makes: reads or writes state outside it, reads through fields
     * of a type that may change, prints, touches files or takes a lock a caller could hold
     * (decision 068). Reading the fields of objects it made itself is nothing.
     */
    boolean touchesOutside() {
        return outside.reads() || outside.writes() || outside.perThread() || outside.prints()
                || outside.setsProcessState() || outside.files() != FileSystemUse.NONE || hiddenReads.any()
                || !locks.isEmpty() || locks.keepsLocks();
    }

    /**
     * What initializing a class may do when the weaver cannot read its class file or its static
     * initializer: anything, as code it cannot see (decision 068).
     */
    static final ParameterUses UNSEEN_INITIALIZER = new ParameterUses(List.of(), Use.NONE, Map.of(), true,
            HiddenReads.ANY, Outside.ALL, TakenLocks.given(true, List.of()));

    /** A method that uses none of its parameters: where a recursive summary starts (decision 033). */
    static ParameterUses none(MethodModel method) {
        return new ParameterUses(Collections.nCopies(method.methodTypeSymbol().parameterCount(), Use.NONE),
                Use.NONE, Map.of(), false, HiddenReads.NONE, Outside.NONE, TakenLocks.NONE);
    }

    /** Whether {@code other} uses every parameter and the receiver as this does, and reads hidden state alike. */
    boolean sameUses(ParameterUses other) {
        return parameters.equals(other.parameters) && receiver == other.receiver && readsHidden == other.readsHidden
                && hiddenReads.same(other.hiddenReads) && outside.same(other.outside) && locks.same(other.locks);
    }

    /** Whether the method, run as a task, records writes to some parameter. */
    boolean recordsMutations() {
        return !recordedSites.isEmpty();
    }

    /**
     * The uses of a {@code @Concurrent} method, with the application methods it calls summarised
     * by {@code callees}.
     */
    static ParameterUses of(MethodModel method, CalleeSummaries.Walk callees) {
        return of(method, callees, false);
    }

    /**
     * The uses of an application method a {@code @Concurrent} method calls (decision 033): as
     * {@link #of}, except that returning the receiver, or what a field of it holds, only reads it
     * — the caller follows a call's result as reached through the call's receiver.
     */
    static ParameterUses ofCallee(MethodModel method, CalleeSummaries.Walk callees) {
        return of(method, callees, true);
    }

    private static ParameterUses of(MethodModel method, CalleeSummaries.Walk callees, boolean returnIsRead) {
        boolean isStatic = method.flags().has(AccessFlag.STATIC);
        List<ClassDesc> types = method.methodTypeSymbol().parameterList();
        Map<Integer, Integer> slotToParameter = new HashMap<>();
        int slot = isStatic ? 0 : 1;
        for (int p = 0; p < types.size(); p++) {
            if (!types.get(p).isPrimitive()) {
                slotToParameter.put(slot, p);
            }
            slot += StackModel.slotSize(types.get(p));
        }
        CodeModel code = method.code().orElse(null);
        if (code == null) {
            return new ParameterUses(Collections.nCopies(types.size(), Use.NONE),
                    isStatic ? Use.NONE : Use.READ_WRITE, Map.of(), true, HiddenReads.ANY, Outside.ALL,
                    TakenLocks.given(isStatic, types)); // abstract or native: may lock anything it is given
        }
        Analysis analysis = new Analysis(code, isStatic, types, slotToParameter, slot, callees, returnIsRead,
                callees.isImmutable(method.methodTypeSymbol().returnType()),
                method.methodName().equalsString("<clinit>") && method.parent().isPresent()
                        ? method.parent().get().thisClass().asInternalName() : null);
        if (method.flags().has(AccessFlag.SYNCHRONIZED) && method.parent().isPresent()) {
            if (isStatic) {
                analysis.locks.synchronizedOn(method.parent().get().thisClass().asSymbol());
            } else {
                analysis.locks.synchronizedOnReceiver();
            }
        }
        return analysis.run();
    }

    /** How an instruction consumes a reference: reads it, writes it (or lets it escape), returns it, or stores it in a local. */
    private enum Kind { READ, WRITE, RETURN, STORE }

    /**
     * A use through a local variable that may hold other values than a parameter, or through a
     * copy the method made of a collection (decision 065): settled at the end, when every store
     * into every local is known.
     */
    private static final class SlotUse {
        /** A local ({@link Root.Kind#LOCAL}) or a copy's root. */
        final Root from;
        final Kind kind;
        /** It changes only the storage of the collection as {@code from} holds it ({@code copy.add(x)}). */
        final boolean storageOnly;

        SlotUse(Root from, Kind kind, boolean storageOnly) {
            this.from = from;
            this.kind = kind;
            this.storageOnly = storageOnly;
        }
    }

    /** One method's analysis; the {@link StackModel.Join} of its stack model. Not thread-safe. */
    private static final class Analysis implements StackModel.Join {

        private final List<CodeElement> elements;
        private final boolean isStatic;
        private final List<ClassDesc> types;
        private final Map<Integer, Integer> slotToParameter;
        private final CalleeSummaries.Walk callees;
        private final boolean returnIsRead;
        /** The method returns a type whose instances never change: what it returns lets nothing out. */
        private final boolean returnsImmutable;
        private final Use[] uses;
        private final Map<Integer, Map<Integer, IndexedStore>> writes = new HashMap<>();
        private final Map<Label, List<StackMapFrameInfo.VerificationTypeInfo>> frames = new HashMap<>();
        private Use receiver = Use.NONE;
        /** The fields of {@code this} the method loads: their values are the receiver's too. */
        private final Set<Root> receiverFields = new HashSet<>();
        private boolean readsHidden;
        /** The declared types of the reference fields read (immutable ones left out), for {@link HiddenReads}. */
        private final Set<ClassDesc> hiddenTypes = new HashSet<>();
        /** Hidden state read that no field type names: unseen code, a lambda, {@code this} handed on. */
        private boolean hiddenUntyped;
        private boolean readsOutside;
        /** The lambdas made here whose bodies write nothing they are fed, by their roots (decision 064). */
        private final Set<Root> pureFunctions = new HashSet<>();
        private boolean writesOutside;
        private boolean returnsOutside;
        /** It uses a {@code ThreadLocal}, itself or through application code or a lambda's body. */
        private boolean perThread;
        /** Whether it may print to a standard stream (itself, through a callee or a lambda's body). */
        private boolean prints;
        /** Whether it may set process-wide state through the JDK (itself, a callee, a lambda's body). */
        private boolean setsProcessState;
        /** What it may do to the file system through the JDK (itself, a callee, a lambda's body). */
        private FileSystemUse files = FileSystemUse.NONE;
        /** Slots a parameter (or {@code this}) shares with other values: the method stores into them. */
        private final Set<Integer> reassigned = new HashSet<>();
        /** What each local variable may hold, by the roots stored into it (decision 034). */
        private final Map<Integer, Set<Root>> stored = new HashMap<>();
        /**
         * Of the roots stored into each local, those stored as something reached through them (an
         * element, an iterator): the local holds no copy itself, but what a copy holds (decision 065).
         */
        private final Map<Integer, Set<Root>> storedThrough = new HashMap<>();
        private final List<SlotUse> slotUses = new ArrayList<>();
        /**
         * The elements inside a {@code try} whose handler may catch an unchecked exception: a
         * {@code put} or {@code set} there is not recorded, since the method could catch its
         * failure (a read-only collection's) and go on, where a recorded one would fail only when
         * replayed (decision 036).
         */
        private boolean[] failureCaught; // made when the first recordable write asks
        /** What the method may lock that a caller could hold (decision 044). */
        final TakenLocks.Collector locks;
        /** Locals holding only iterators the method made: stepping one reads its collection (decision 062). */
        private final MadeIterators madeIterators;
        /** The collections the method makes as copies of others: their elements are their sources' (decision 065). */
        private final CollectionCopies copies;
        /**
         * The class whose static initializer this is, or {@code null}: its own statics are being
         * set up, by this thread alone, so reading and setting them touches nothing outside (decision 068).
         */
        private final String initializing;
        /**
         * The statics of the class being initialized that the initializer set to what it did not
         * make (a shared logger, another class's object): read back, they are outside state.
         */
        private final Set<String> setToOutside = new HashSet<>();
        /** The statics of the class being initialized read back as what the initializer made. */
        private final Set<String> readAsMade = new HashSet<>();

        Analysis(CodeModel code, boolean isStatic, List<ClassDesc> types, Map<Integer, Integer> slotToParameter,
                 int firstLocal, CalleeSummaries.Walk callees, boolean returnIsRead, boolean returnsImmutable,
                 String initializing) {
            this.elements = code.elementList();
            this.madeIterators = MadeIterators.of(elements, firstLocal);
            this.copies = new CollectionCopies(firstLocal);
            this.isStatic = isStatic;
            this.types = types;
            this.slotToParameter = slotToParameter;
            this.callees = callees;
            this.returnIsRead = returnIsRead;
            this.returnsImmutable = returnsImmutable;
            this.initializing = initializing;
            this.uses = new Use[types.size()];
            java.util.Arrays.fill(uses, Use.NONE);
            this.locks = new TakenLocks.Collector(elements, new TakenLocks.Slots(isStatic, slotToParameter, reassigned));
            var table = code.findAttribute(Attributes.stackMapTable());
            if (table.isPresent()) {
                for (StackMapFrameInfo frame : table.get().entries()) {
                    frames.put(frame.target(), frame.stack());
                }
            }
        }

        private boolean failureCaught(int index) {
            if (failureCaught == null) {
                failureCaught = coveredByCatchingHandlers(elements, callees);
            }
            return failureCaught[index];
        }

        private static boolean[] coveredByCatchingHandlers(List<CodeElement> elements, CalleeSummaries.Walk callees) {
            boolean[] caught = new boolean[elements.size()];
            Map<Label, Integer> labels = new HashMap<>();
            for (int i = 0; i < elements.size(); i++) {
                if (elements.get(i) instanceof LabelTarget target) {
                    labels.put(target.label(), i);
                }
            }
            for (CodeElement element : elements) {
                if (element instanceof ExceptionCatch handler && (handler.catchType().isEmpty()
                        || !callees.isChecked(handler.catchType().get().asInternalName()))) {
                    java.util.Arrays.fill(caught, labels.get(handler.tryStart()), labels.get(handler.tryEnd()), true);
                }
            }
            return caught;
        }

        ParameterUses run() {
            for (CodeElement element : elements) {
                if (element instanceof StoreInstruction store && store.typeKind() == TypeKind.REFERENCE
                        && (slotToParameter.containsKey(store.slot()) || !isStatic && store.slot() == 0)) {
                    reassigned.add(store.slot());
                    if (slotToParameter.containsKey(store.slot())) {
                        mark(slotToParameter.get(store.slot()), Use.READ_WRITE); // reassigned: uses unknown
                    } else {
                        receiver = Use.READ_WRITE;
                    }
                }
            }
            Set<Label> handlers = new HashSet<>();
            for (CodeElement element : elements) {
                if (element instanceof ExceptionCatch handler) {
                    handlers.add(handler.handler());
                }
            }
            StackModel stack = new StackModel(!isStatic, this);
            for (int index = 0; index < elements.size(); index++) {
                CodeElement element = elements.get(index);
                if (element instanceof LabelTarget target && frames.containsKey(target.label())) {
                    stack.merge(target.label(), frames.get(target.label()));
                    if (handlers.contains(target.label())) {
                        // an exception thrown inside the try: this method's own, however it wraps or
                        // rethrows it (not state it was given)
                        stack.caught(made(Root.allocation(index)));
                    }
                    continue;
                }
                if (element instanceof Instruction instruction) {
                    if (instruction instanceof InvokeInstruction call && !isStatic && !reassigned.contains(0)
                            && (call.opcode() == Opcode.INVOKEVIRTUAL || call.opcode() == Opcode.INVOKEINTERFACE)) {
                        Value target = stack.top(call.typeSymbol().parameterList().size() + 1).getFirst();
                        if (target.direct() && target.root() != null && target.root().kind() == Root.Kind.LOCAL
                                && target.root().slot() == 0) {
                            callees.callsOwnReceiver(call); // checked at the call (decision 067)
                        }
                    }
                    noteInitialization(instruction);
                    noteHiddenRead(instruction);
                    outsideEffects(instruction);
                    if (instruction instanceof InvokeDynamicInstruction indy && !CallSites.isOperation(indy)
                            && !FedFunctions.writesWhatItIsFed(indy, callees.bodyOf(indy))) {
                        pureFunctions.add(Root.allocation(index)); // what origin() gives the lambda it makes
                    }
                    if (instruction.opcode() == Opcode.ACONST_NULL) {
                        // list.sort(null): no function, the elements' compareTo (decision 013's assumption)
                        pureFunctions.add(Root.allocation(index));
                    }
                    StackModel.Step step = stack.step(instruction, index);
                    if (instruction instanceof FieldInstruction put && put.opcode() == Opcode.PUTSTATIC && setsUp(put)) {
                        setUp(put, step.consumed().get(0));
                    }
                    boolean copied = instruction instanceof InvokeInstruction invoke
                            && copies.made(invoke, step.consumed()) > 0;
                    if (instruction instanceof InvokeInstruction invoke && JdkMethods.fillsArgument(invoke)
                            && JdkTypes.isJdk(invoke.owner().asInternalName())) {
                        filled(step.consumed(), index);
                    }
                    noteLocks(instruction, step);
                    int returned = returnedArgument(instruction, step.consumed());
                    if (classify(instruction, step.consumed(), index, returned) && !step.produced().isEmpty()) {
                        // the previous value a recorded put or set returns is discarded: not a read
                        step = new StackModel.Step(step.consumed(), List.of(Value.ofSize(1)));
                    } else {
                        step = new StackModel.Step(step.consumed(), origin(instruction, step, index, returned));
                    }
                    locks.produced(instruction, step.consumed(), step.produced(), returned);
                    stack.apply(step);
                    if (copied) { // the copy as made: what is reached through it is not it (decision 065)
                        Value copy = step.consumed().get(0);
                        stack.initialized(copy, Value.loaded(copy.root(), -1));
                    }
                    stack.flow(instruction);
                }
            }
            settleSlotUses();
            Map<Integer, IndexedStore> recorded = new LinkedHashMap<>();
            for (Map.Entry<Integer, Map<Integer, IndexedStore>> sites : writes.entrySet()) {
                if (uses[sites.getKey()] == Use.RECORDED_WRITES) {
                    recorded.putAll(sites.getValue());
                }
            }
            return new ParameterUses(List.of(uses), receiver, recorded, readsHidden || receiver != Use.NONE,
                    new HiddenReads(hiddenUntyped, Set.copyOf(hiddenTypes)),
                    new Outside(readsOutside, writesOutside, returnsOutside, perThread, prints, setsProcessState, files),
                    locks.finish());
        }

        /**
         * Notes what {@code instruction} may lock ({@link TakenLocks}): a field's object it loads is
         * named by the field; a value it enters the monitor of, calls a method on or passes on may
         * be locked; an application method it calls locks what its summary names.
         */
        private void noteLocks(Instruction instruction, StackModel.Step step) {
            List<Value> consumed = step.consumed();
            if (instruction instanceof ArrayLoadInstruction load && load.typeKind() == TypeKind.REFERENCE) {
                locks.loadedElement(consumed.get(0), step.produced().get(0));
            } else if (instruction instanceof StoreInstruction store && store.typeKind() == TypeKind.REFERENCE) {
                locks.stored(store.slot(), consumed.get(0));
            }
            if (instruction instanceof FieldInstruction field) {
                locks.loaded(field, field.opcode() == Opcode.GETFIELD ? consumed.get(0) : null, step.produced());
            }
            InvokeInstruction invoke = instruction instanceof InvokeInstruction call ? call : null;
            boolean application = invoke != null && isApplicationCode(invoke.owner().asInternalName());
            ParameterUses callee = application ? callees.summaryOf(invoke) : null;
            if (application && callee == null) {
                locks.callsUnseen();
            } else if (invoke != null && JdkTypes.isJdk(invoke.owner().asInternalName())) {
                locks.invokedJdk(invoke, consumed);
            }
            if (callee == null || !callees.dispatchesAsResolved(invoke)) {
                // an application method's summary says what it locks of what it is given, unless
                // an override (a synchronized one) may run instead
                for (int position = 0; position < consumed.size(); position++) {
                    ClassDesc declared = invoke == null ? null : Descriptors.input(invoke, position);
                    locks.consumed(instruction, position, consumed.get(position), declared,
                            declared != null && !declared.isPrimitive() && immutable(declared));
                }
            }
            // an operation locks none of its operands: javac hands a concatenation an object's
            // String.valueOf, a switch tests types, a record's method reads its fields
            if (instruction instanceof InvokeDynamicInstruction indy && !CallSites.isOperation(indy)) {
                ParameterUses body = callees.bodyOf(indy);
                if (body != null) { // what the lambda's body locks, wherever it runs
                    lambdaLocks(indy, body, consumed);
                }
            }
            if (callee != null) {
                locks.calls(callee.locks(), consumed, invoke.opcode() != Opcode.INVOKESTATIC);
            }
        }

        /**
         * What a lambda's body locks: its paths from the captured values are this method's paths
         * from what it captured (a bound method reference's receiver, then the captured arguments);
         * those from the lambda's own parameters name nothing (the JDK passes them at run time).
         */
        private void lambdaLocks(InvokeDynamicInstruction indy, ParameterUses body, List<Value> captured) {
            if (body.isJdkBody()) { // a JDK method reference, bound to what it captured (VECTOR::add)
                for (int i = 0; i < captured.size(); i++) {
                    ClassDesc declared = indy.typeSymbol().parameterType(i);
                    locks.capturedByJdk(captured.get(i), declared, !declared.isPrimitive() && immutable(declared));
                }
                return;
            }
            boolean hasReceiver = indy.bootstrapArgs().get(1) instanceof DirectMethodHandleDesc handle
                    && handle.kind() != DirectMethodHandleDesc.Kind.STATIC
                    && handle.kind() != DirectMethodHandleDesc.Kind.INTERFACE_STATIC
                    && handle.kind() != DirectMethodHandleDesc.Kind.CONSTRUCTOR;
            locks.calls(body.locks(), captured, hasReceiver && !captured.isEmpty());
        }

        /**
         * Notes whether {@code instruction} reads hidden state, and what ({@link HiddenReads}): a
         * field read (constants aside), a {@code ScopedValue} read (the thread's bindings, which
         * a task may not see: decision 040), or a call of application code that may read hidden
         * state (its summary says so, or the weaver cannot see into it).
         */
        private void noteHiddenRead(Instruction instruction) {
            if (instruction instanceof FieldInstruction field) {
                if (field.opcode() == Opcode.GETFIELD || readsStaticState(field)) {
                    fieldRead(field.typeSymbol());
                }
                return;
            }
            if (instruction instanceof InvokeInstruction invoke) {
                String owner = invoke.owner().asInternalName();
                if (owner.equals(SCOPED_VALUE)) {
                    readsThrough(HiddenReads.ANY); // the thread's bindings (decision 040)
                } else if (JdkMethods.reflects(owner, invoke.name().stringValue())) {
                    readsThrough(HiddenReads.ANY); // reflection reaches anything (decision 063)
                } else if (JdkTypes.isJdk(owner) && sharedJdkResult(invoke)) {
                    fieldRead(invoke.typeSymbol().returnType()); // as a static of its type would be (decision 063)
                } else if (isApplicationCode(owner) && !callees.listsEnumConstants(invoke)) {
                    HiddenReads callee = callees.hiddenReads(invoke); // its summary's, by type (decision 051)
                    if (callee != null) {
                        readsThrough(callee);
                    }
                }
            } else if (instruction instanceof InvokeDynamicInstruction indy && CallSites.isRecordMethod(indy)) {
                recordFieldsRead(indy);
            } else if (instruction instanceof InvokeDynamicInstruction indy && !CallSites.isOperation(indy)) {
                ParameterUses body = callees.bodyOf(indy); // a lambda's body, summarised (decision 045)
                if (body == null) {
                    readsThrough(HiddenReads.ANY);
                } else if (body.readsHidden()) {
                    readsThrough(body.hiddenReads());
                }
            }
        }

        /** A field of declared type {@code type} is read, by this method or a record's generated one. */
        private void fieldRead(ClassDesc type) {
            readsHidden = true;
            if (!type.isPrimitive() && !immutable(type) && !JdkTypes.holdsNoCallerObjects(type)) {
                hiddenTypes.add(type); // a number, an immutable value or a latch shows no index write
            }
        }

        /** Code this method runs reads through fields and statics what {@code reads} names. */
        private void readsThrough(HiddenReads reads) {
            readsHidden = true;
            hiddenUntyped |= reads.untyped();
            hiddenTypes.addAll(reads.types());
        }

        /**
         * A record's generated method reads the record's fields through the getters its bootstrap
         * is given, as field reads would (decision 051), and calls {@code equals}, {@code hashCode}
         * or {@code toString} of what they hold: for an application type, code not followed here.
         */
        private void recordFieldsRead(InvokeDynamicInstruction indy) {
            for (java.lang.constant.ConstantDesc argument : indy.bootstrapArgs()) {
                if (!(argument instanceof DirectMethodHandleDesc getter)
                        || getter.kind() != DirectMethodHandleDesc.Kind.GETTER) {
                    continue;
                }
                ClassDesc type = getter.invocationType().returnType();
                fieldRead(type);
                if (!type.isPrimitive() && !type.isArray() && !immutable(type)
                        && !JdkTypes.isJdk(Descriptors.internalName(type))) {
                    hiddenUntyped = true;
                }
            }
        }

        /**
         * Whether {@code field} reads a static that is state: not a standard stream (output,
         * decision 034), nor a compiler's switch table (filled once, then a constant, decision 051),
         * nor a {@code static final} field of an immutable type (a constant, decision 056).
         */
        private boolean readsStaticState(FieldInstruction field) {
            return field.opcode() == Opcode.GETSTATIC && !JdkMethods.isStandardStream(field)
                    && !SwitchTables.isSwitchTable(field) && !callees.isConstant(field) && !setsUp(field);
        }

        /**
         * Whether {@code field} is a static of the class whose initializer this is: it holds what
         * the initializer made (a value from anywhere else is counted where it is stored), and no
         * other thread reads it before the initializer returns (decision 068).
         */
        private boolean setsUp(FieldInstruction field) {
            return initializing != null && field.owner().asInternalName().equals(initializing)
                    && (field.opcode() == Opcode.GETSTATIC || field.opcode() == Opcode.PUTSTATIC);
        }

        /**
         * The initializer sets its class's static {@code field} to {@code value}: a value it did
         * not make is outside state when read back; if a read before took it as made (a loop),
         * the initializer counts as reading and writing anything outside (decision 068).
         */
        private void setUp(FieldInstruction field, Value value) {
            Root root = value.root();
            if (field.typeSymbol().isPrimitive() || immutable(field.typeSymbol())
                    || isFresh(root) && !copies.isCopy(root)) {
                return;
            }
            String name = field.name().stringValue();
            setToOutside.add(name);
            if (readAsMade.contains(name)) {
                readsThrough(HiddenReads.ANY);
                readsOutside = true;
                writesOutside = true;
            }
        }

        /** What the initializer reads back from its class's static {@code field} (decision 068). */
        private Value readBack(FieldInstruction field, int index) {
            String name = field.name().stringValue();
            if (setToOutside.contains(name)) {
                return Value.CATEGORY_1; // outside state: a write through it writes outside
            }
            readAsMade.add(name);
            return made(Root.allocation(index));
        }

        /**
         * Notes what initializing the class {@code instruction} may initialize does
         * ({@link ClassInitialization}, decision 068): as a call of its static initializers would.
         */
        private void noteInitialization(Instruction instruction) {
            String initialized = ClassInitialization.initializedBy(instruction);
            ParameterUses initializer = initialized == null ? null : callees.initializes(initialized);
            if (initializer == null) {
                return;
            }
            if (initializer.readsHidden()) {
                readsThrough(initializer.hiddenReads());
            }
            joinOutside(initializer.outside());
            locks.calls(initializer.locks(), List.of(), false);
        }

        /** Reads and writes of state outside what the method is given, by the instruction itself. */
        private void outsideEffects(Instruction instruction) {
            if (instruction instanceof FieldInstruction field) {
                readsOutside |= readsStaticState(field);
                writesOutside |= field.opcode() == Opcode.PUTSTATIC && !SwitchTables.isSwitchTable(field)
                        && !setsUp(field);
                prints |= JdkMethods.isStandardStream(field);
            } else if (instruction instanceof InvokeInstruction invoke) {
                String owner = invoke.owner().asInternalName();
                prints |= JdkMethods.printsToStandardError(invoke);
                if (JdkTypes.isJdk(owner)) { // a system property, the default locale, a file by its name
                    Outside jdk = Outside.ofJdk(owner, invoke.name().stringValue(), invoke.typeSymbol());
                    setsProcessState |= jdk.setsProcessState();
                    writesOutside |= jdk.writes();
                    files = files.and(jdk.files());
                    if (JdkMethods.reflects(owner, invoke.name().stringValue())) {
                        readsOutside = true; // reflection runs and reaches anything, as unseen code (decision 063)
                        writesOutside = true;
                        prints = true;
                    } else if (sharedJdkResult(invoke)) {
                        readsOutside = true; // Enum.valueOf: a constant other code holds too (decision 063)
                    }
                }
                // (making one, ThreadLocal.withInitial or new, reaches no thread's value)
                boolean reachesValue = invoke.opcode() != Opcode.INVOKESTATIC && !invoke.name().equalsString("<init>");
                if (reachesValue && (owner.equals(THREAD_LOCAL) || owner.equals(INHERITABLE_THREAD_LOCAL)
                        || !JdkTypes.isJdk(owner) && callees.isSubclass(owner, THREAD_LOCAL))) {
                    perThread = true; // the thread's own value: a task's thread has another
                }
                if (isApplicationCode(owner) && !callees.listsEnumConstants(invoke)) {
                    joinOutside(callees.outside(invoke));
                }
            } else if (instruction instanceof InvokeDynamicInstruction indy && !CallSites.isOperation(indy)) {
                // a lambda's body, run by whoever it is handed to: what its summary says (decision 045)
                ParameterUses body = callees.bodyOf(indy);
                joinOutside(body == null ? Outside.ALL : body.outside());
            }
        }

        /** Code this method runs does {@code effects} outside what it is given. */
        private void joinOutside(Outside effects) {
            readsOutside |= effects.reads();
            writesOutside |= effects.writes();
            perThread |= effects.perThread();
            prints |= effects.prints();
            setsProcessState |= effects.setsProcessState();
            files = files.and(effects.files());
        }

        /**
         * Which value a call may return although it is an argument, not its receiver (a JDK static
         * method such as {@code Objects.requireNonNull}, or {@code getOrDefault}'s default): its
         * position, -1 if none, or -2 if several could be.
         */
        private int returnedArgument(Instruction instruction, List<Value> consumed) {
            if (!(instruction instanceof InvokeInstruction invoke) || !JdkTypes.isJdk(invoke.owner().asInternalName())
                    || invoke.typeSymbol().returnType().isPrimitive()
                    || invoke.typeSymbol().returnType().descriptorString().equals("V")) {
                return -1;
            }
            boolean isStaticCall = invoke.opcode() == Opcode.INVOKESTATIC;
            if (!isStaticCall && !invoke.name().equalsString("getOrDefault")) {
                return -1;
            }
            int found = -1;
            for (int position = isStaticCall ? 0 : 1; position < consumed.size(); position++) {
                ClassDesc type = Descriptors.input(invoke, position);
                Root root = consumed.get(position).root();
                if (type.isPrimitive() || isFresh(root) && !copies.isCopy(root) || immutable(type)) {
                    continue;
                }
                found = found == -1 ? position : -2;
            }
            return found;
        }

        /** The roots of what {@code instruction} produces, where the stack model does not know them. */
        private List<Value> origin(Instruction instruction, StackModel.Step step, int index, int returned) {
            List<Value> produced = step.produced();
            if (produced.size() != 1) {
                return produced;
            }
            if (instruction instanceof FieldInstruction own && own.opcode() == Opcode.GETSTATIC && setsUp(own)
                    && !own.typeSymbol().isPrimitive()) {
                return List.of(readBack(own, index));
            }
            if (instruction instanceof NewObjectInstruction || instruction instanceof NewPrimitiveArrayInstruction
                    || instruction instanceof NewReferenceArrayInstruction
                    || instruction instanceof NewMultiArrayInstruction
                    || instruction instanceof ConstantInstruction constant && constant.typeKind() == TypeKind.REFERENCE
                    || instruction instanceof FieldInstruction field && JdkMethods.isStandardStream(field)
                    || instruction instanceof FieldInstruction table && table.opcode() == Opcode.GETSTATIC
                    && SwitchTables.isSwitchTable(table)
                    || instruction instanceof FieldInstruction constant && callees.isConstant(constant)
                    || instruction instanceof InvokeDynamicInstruction) {
                // (a lambda is a new object: what it captures was counted as written where it was made)
                return List.of(made(Root.allocation(index)));
            }
            if (!(instruction instanceof InvokeInstruction invoke) || invoke.typeSymbol().returnType().isPrimitive()) {
                return produced;
            }
            boolean isStaticCall = invoke.opcode() == Opcode.INVOKESTATIC;
            String owner = invoke.owner().asInternalName();
            if (owner.equals(WOVEN_RUNTIME)) {
                return produced;
            }
            if (callees.listsEnumConstants(invoke)) { // a new array; its elements, constants (decision 068)
                return List.of(callees.isImmutable(invoke.owner().asSymbol()) ? made(Root.result(index)) : Value.CATEGORY_1);
            }
            if (JdkTypes.isJdk(owner)) {
                if (FedFunctions.composesFunctions(invoke)) { // Comparator.comparing(f), c.thenComparing(g)
                    Root function = Root.result(index);
                    if (FedFunctions.composesOnlyPure(invoke, step.consumed(), pureFunctions)) {
                        pureFunctions.add(function);
                    }
                    return List.of(made(function));
                }
                if (sharedJdkResult(invoke)) {
                    return List.of(Value.CATEGORY_1); // outside state: a write through it writes outside (decision 063)
                }
                if (returned >= 0) {
                    return List.of(step.consumed().get(returned).derived(1)); // it may be that argument
                }
                if (isStaticCall) {
                    return List.of(returned == -1 ? made(Root.result(index)) : Value.CATEGORY_1);
                }
                return produced; // reached through the receiver
            }
            if (callees.outside(invoke).returns()) {
                return List.of(Value.CATEGORY_1); // outside state: a write through it writes outside
            }
            // a returned argument escapes, so its caller counts it written; otherwise the object is new
            return isStaticCall ? List.of(made(Root.result(index))) : produced;
        }

        /**
         * Whether the JDK call {@code invoke} may return an object other code holds too: reflection's
         * results, or a registry's ({@code Enum.valueOf}, {@code Runtime.getRuntime()}, decision 063).
         */
        private boolean sharedJdkResult(InvokeInstruction invoke) {
            String owner = invoke.owner().asInternalName();
            String name = invoke.name().stringValue();
            ClassDesc type = invoke.typeSymbol().returnType();
            return !type.isPrimitive() && !immutable(type) && (JdkMethods.reflects(owner, name)
                    || invoke.opcode() == Opcode.INVOKESTATIC && JdkMethods.handsOutSharedObjects(owner, name));
        }

        private static Value made(Root root) {
            return new Value(1, root, -1, false, null);
        }

        private static boolean isFresh(Root root) {
            return root != null && (root.kind() == Root.Kind.ALLOCATION || root.kind() == Root.Kind.RESULT);
        }

        /** @return whether {@code instruction} is a recorded write */
        private boolean classify(Instruction instruction, List<Value> consumed, int index, int returned) {
            boolean recorded = false;
            boolean feedsAWriter = feedsAWriter(instruction, consumed);
            for (int position = 0; position < consumed.size(); position++) {
                Value value = consumed.get(position);
                Root root = value.root();
                Kind kind = returned == -2 && escapesInResult(instruction, position) ? Kind.WRITE
                        : stepsMadeIterator(instruction, position, value) ? Kind.READ
                        : kind(instruction, position);
                if (feedsAWriter && kind == Kind.READ && !carriesPrimitive(instruction, position)
                        && !immutableAt(instruction, position)) {
                    kind = Kind.WRITE; // what the JDK hands the function comes from here (decision 064)
                }
                boolean storageOnly = value.direct() && !feedsAWriter && instruction instanceof InvokeInstruction invoke
                        && CollectionCopies.changesOnlyItsStorage(invoke, invoke.owner().asInternalName(), position);
                if (root != null && root.kind() == Root.Kind.LOCAL && reassigned.contains(root.slot())) {
                    slotUses.add(new SlotUse(root, kind, storageOnly)); // and as the parameter, below
                }
                if (kind == Kind.STORE) {
                    store(((StoreInstruction) instruction).slot(), value);
                }
                if (isReceiver(root)) {
                    boolean field = instruction instanceof FieldInstruction load && load.opcode() == Opcode.GETFIELD;
                    if (field && root.kind() == Root.Kind.LOCAL && value.direct()) {
                        FieldInstruction load = (FieldInstruction) instruction;
                        receiverFields.add(Root.field(load.owner().asInternalName(), load.name().stringValue()));
                    }
                    boolean fieldWritten = instruction instanceof FieldInstruction put
                            && put.opcode() == Opcode.PUTFIELD && position == 0; // this.x = v hands nothing on
                    if (root.kind() == Root.Kind.LOCAL && !field && !fieldWritten && !calledOnItsSummary(instruction)) {
                        hiddenUntyped = true; // this handed on: what reads it through its fields is not seen here
                    }
                    // this, a field of it, or what a field holds: read or written, never recorded
                    receiver = receiver.and(receiverUse(kind));
                    continue;
                }
                if (!isParameter(root)) {
                    if (copies.isCopy(root) || root != null && root.kind() == Root.Kind.LOCAL) {
                        if (kind != Kind.STORE && !(position == 0 && isConstructor(instruction))) {
                            slotUses.add(new SlotUse(root, kind, storageOnly)); // a copy, or what a local holds
                        }
                    } else if (kind != Kind.STORE) {
                        use(root, kind); // made here, or outside
                    }
                    continue;
                }
                int parameter = slotToParameter.get(root.slot());
                IndexedStore recordable = position == 0 && value.direct() && !resultUsed(instruction, index)
                        ? recordable(instruction) : null;
                if (recordable != null && !recordable.failsWhereTheWriteWould() && failureCaught(index)) {
                    recordable = null; // the method could catch a refusal the recording would not see
                }
                if (recordable != null) {
                    recorded = true;
                    Map<Integer, IndexedStore> sites = writes.get(parameter);
                    if (sites == null) {
                        sites = new LinkedHashMap<>();
                        writes.put(parameter, sites);
                    }
                    sites.put(index, recordable);
                    mark(parameter, Use.RECORDED_WRITES);
                } else if (instruction.opcode() == Opcode.ARRAYLENGTH && value.direct()) {
                    // a length never changes
                } else if (kind != Kind.STORE) {
                    mark(parameter, parameterUse(parameter, kind));
                }
            }
            return recorded;
        }

        /**
         * Whether {@code instruction} steps, at {@code position}, an iterator this method made and
         * holds in a local ({@link MadeIterators}): it moves only that iterator's cursor, and reads
         * the collection it walks, which is what the local's uses settle to (decision 062).
         */
        private boolean stepsMadeIterator(Instruction instruction, int position, Value value) {
            return position == 0 && instruction instanceof InvokeInstruction invoke
                    && JdkMethods.stepsIterator(invoke, invoke.owner().asInternalName())
                    && madeIterators.madeIn(value) >= 0;
        }

        /**
         * Whether {@code instruction} is a JDK call that runs a function which may write what it is
         * fed ({@link FedFunctions}): a lambda made here whose body writes its own parameters, or
         * any function the method did not make here. The call feeds it elements of its receiver or
         * arguments, so those are written (decision 064).
         */
        private boolean feedsAWriter(Instruction instruction, List<Value> consumed) {
            return instruction instanceof InvokeInstruction invoke && JdkTypes.isJdk(invoke.owner().asInternalName())
                    && FedFunctions.feedsAWriter(invoke, consumed, pureFunctions);
        }

        /** A JDK call that may return any of several arguments: each of them escapes into its result. */
        private static boolean escapesInResult(Instruction instruction, int position) {
            InvokeInstruction invoke = (InvokeInstruction) instruction;
            return !isReceiverOf(invoke, position) && !Descriptors.input(invoke, position).isPrimitive();
        }

        private static boolean isReceiverOf(InvokeInstruction invoke, int position) {
            return position == 0 && invoke.opcode() != Opcode.INVOKESTATIC;
        }

        private Use receiverUse(Kind kind) {
            return kind == Kind.READ || kind == Kind.STORE || kind == Kind.RETURN && returnIsRead
                    ? Use.READ : Use.READ_WRITE;
        }

        private Use parameterUse(int parameter, Kind kind) {
            return kind == Kind.READ || immutable(types.get(parameter)) ? Use.READ : Use.READ_WRITE;
        }

        /**
         * A use of what {@code root} names: {@code this} (or what a field of it holds), a parameter,
         * a local (settled once every store into it is known, a read too: it may hold a
         * parameter), an object the method made (nothing), or state outside what it was given.
         */
        private void use(Root root, Kind kind) {
            if (isReceiver(root)) {
                hiddenUntyped |= root.kind() == Root.Kind.LOCAL; // this, held by a local: its later uses are not named
                receiver = receiver.and(receiverUse(kind));
            } else if (isParameter(root)) {
                int parameter = slotToParameter.get(root.slot());
                mark(parameter, parameterUse(parameter, kind));
            } else if (root != null && root.kind() == Root.Kind.LOCAL || copies.isCopy(root)) {
                slotUses.add(new SlotUse(root, kind, false));
            } else if (!isFresh(root)) {
                outside(kind);
            }
        }

        /**
         * Whether {@code instruction} hands {@code this} to application code, whose summary says
         * whether it reads hidden state ({@link #noteHiddenRead(Instruction)} counts that), to
         * {@code Object}'s or {@code Record}'s constructor, which reads nothing, to a record's
         * generated method, whose field reads are counted by type, or only reads a number from it
         * (its array length, a monitor).
         */
        private static boolean calledOnItsSummary(Instruction instruction) {
            if (instruction instanceof InvokeInstruction invoke) {
                String owner = invoke.owner().asInternalName();
                return isApplicationCode(owner) || isEmptySuperConstructor(invoke);
            }
            // a record's generated method: the fields it reads are noted by their types
            return instruction instanceof MonitorInstruction || instruction instanceof StackInstruction
                    || instruction instanceof InvokeDynamicInstruction indy && CallSites.isRecordMethod(indy);
        }

        /**
         * {@code super()} of a class extending {@code Object} or a record, or an enum's
         * {@code super(name, ordinal)}: a constructor that does nothing with {@code this} but set
         * its own fields, so handing it on reads nothing (decisions 051, 068). Before, every
         * constructor of an application class counted as reading any hidden state.
         */
        private static boolean isEmptySuperConstructor(InvokeInstruction invoke) {
            String owner = invoke.owner().asInternalName();
            return invoke.opcode() == Opcode.INVOKESPECIAL && invoke.name().equalsString("<init>")
                    && (owner.equals("java/lang/Object") || owner.equals("java/lang/Record")
                    || owner.equals("java/lang/Enum"));
        }

        /**
         * {@code list.toArray(array)} puts the list's elements into {@code array}: an array the
         * method made, or one a local holds, now holds what the list holds (decision 065). A
         * parameter's array is written there already.
         */
        private void filled(List<Value> consumed, int index) {
            Root array = consumed.get(1).root();
            Root source = consumed.get(0).root();
            if (isFresh(array)) {
                copies.filled(array, source);
            } else if (array != null && array.kind() == Root.Kind.LOCAL && !isParameter(array) && !isReceiver(array)) {
                Root filled = Root.result(index);
                copies.filled(filled, source);
                store(array.slot(), made(filled)); // held through the array
            }
        }

        /** Whether {@code instruction} is a constructor call: at position 0, the object it initialises. */
        private static boolean isConstructor(Instruction instruction) {
            return instruction instanceof InvokeInstruction invoke && invoke.name().equalsString("<init>");
        }

        private boolean isParameter(Root root) {
            return root != null && root.kind() == Root.Kind.LOCAL && slotToParameter.containsKey(root.slot());
        }

        private void outside(Kind kind) {
            if (kind == Kind.WRITE) {
                writesOutside = true;
            } else if (kind == Kind.RETURN) {
                returnsOutside = true;
            }
        }

        /**
         * A reference stored into {@code slot}: the local may hold it (names are settled at the end);
         * an object made here holds nothing given, unless it is a copy (decision 065).
         */
        private void store(int slot, Value value) {
            Root root = value.root();
            Set<Root> roots = stored.get(slot);
            if (roots == null) {
                roots = new HashSet<>();
                stored.put(slot, roots);
            }
            if (!isFresh(root) || copies.isCopy(root)) {
                roots.add(root == null ? Root.HIDDEN : root);
            }
            if (!value.direct() && root != null && (root.kind() == Root.Kind.LOCAL || copies.isCopy(root))) {
                Set<Root> through = storedThrough.get(slot);
                if (through == null) {
                    through = new HashSet<>();
                    storedThrough.put(slot, through);
                }
                through.add(root);
            }
        }

        /**
         * Each use through a local applies to everything stored into it: a parameter or {@code this}
         * it holds is used so, and a write through outside state writes outside (decision 034). A
         * use through a copy applies to what it copied, unless it changes only the copy's own
         * storage (decision 065).
         */
        private void settleSlotUses() {
            for (SlotUse use : slotUses) {
                Set<Root> sources = new HashSet<>();
                sourcesOf(use.from, use.storageOnly, new HashSet<>(), sources);
                for (Root source : sources) {
                    use(source, use.kind); // this, a parameter, or outside: no local, no copy
                }
            }
        }

        /**
         * What a use through {@code from} (a local or a copy) reaches: the parameters, {@code this},
         * fields and outside state stored into it, through other locals and the sources of copies.
         *
         * @param storageOnly the use changes only the storage of {@code from} as it holds it: a
         *                    copy held so is the copy itself, and its sources are not reached
         * @param visited     the locals and copies followed, each with the {@code storageOnly} it was followed with
         */
        private void sourcesOf(Root from, boolean storageOnly, Set<Object> visited, Set<Root> sources) {
            if (!visited.add(storageOnly ? List.of(from) : from)) {
                return;
            }
            if (copies.isCopy(from)) {
                if (!storageOnly) {
                    for (Root source : copies.sourcesOf(from)) {
                        sourcesOf(source, false, visited, sources);
                    }
                }
                return;
            }
            if (from.kind() != Root.Kind.LOCAL) {
                sources.add(from);
                return;
            }
            int slot = from.slot();
            boolean isParameter = slotToParameter.containsKey(slot) || !isStatic && slot == 0;
            if (isParameter) {
                sources.add(from);
            }
            Set<Root> roots = stored.get(slot);
            if (roots == null) {
                if (!isParameter) {
                    sources.add(Root.HIDDEN); // never stored here: a handler's exception, or unknown
                }
                return;
            }
            Set<Root> through = storedThrough.getOrDefault(slot, Set.of());
            for (Root root : roots) {
                if (!(isParameter && root.equals(from))) {
                    sourcesOf(root, storageOnly && !through.contains(root), visited, sources);
                }
            }
        }

        /**
         * Values that reach one place along different paths: their later uses are not followed,
         * so a parameter among them may be read, written or let escape there. Numbers merged
         * there are only numbers, whatever they were loaded from.
         */
        @Override
        public Value join(List<Value> values, int size, boolean reference) {
            if (reference) {
                for (Value value : values) {
                    unfollowed(value);
                }
            }
            return Value.ofSize(size);
        }

        @Override
        public void carriedBack(Value value) {
            unfollowed(value);
        }

        private void unfollowed(Value value) {
            Root root = value.root();
            if (isParameter(root)) {
                mark(slotToParameter.get(root.slot()), Use.READ_WRITE); // whatever its type
            } else {
                use(root, Kind.WRITE);
                use(root, Kind.RETURN);
            }
        }

        /**
         * Whether a value with {@code root} is {@code this} or what a field of it holds (the stack
         * model names a value loaded from a field of {@code this} by the field, not by {@code this}).
         */
        private boolean isReceiver(Root root) {
            if (root == null) {
                return false;
            }
            return root.kind() == Root.Kind.LOCAL ? !isStatic && root.slot() == 0
                    : root.kind() == Root.Kind.FIELD && receiverFields.contains(root);
        }

        private void mark(int parameter, Use use) {
            uses[parameter] = uses[parameter].and(use);
        }

        private boolean immutable(ClassDesc type) {
            return callees.isImmutable(type);
        }

        /** How {@code instruction} consumes the value at {@code position}. */
        private Kind kind(Instruction instruction, int position) {
            if (instruction instanceof FieldInstruction own && setsUp(own)) {
                return Kind.READ; // kept by its class, as what setUp() says it is (decision 068)
            }
            if (carriesPrimitive(instruction, position)) {
                return Kind.READ; // a number or boolean read from it: it neither escapes nor changes
            }
            if (instruction instanceof StoreInstruction) {
                return Kind.STORE;
            }
            if (instruction instanceof ReturnInstruction) {
                // a string, a box, an immutable record reached through a parameter: the caller can
                // change nothing through it (return list.get(0) of a List<Integer> only reads)
                return returnsImmutable ? Kind.READ : Kind.RETURN;
            }
            if (readsOnly(instruction, position) || immutableAt(instruction, position) || synchronizes(instruction, position)) {
                return Kind.READ;
            }
            return Kind.WRITE;
        }

        /**
         * Whether {@code instruction} only takes or releases a monitor or calls a JDK synchronizer
         * (a latch, a lock) on the value at {@code position}: that orders threads and changes no value
         * the serial program computes with, so it is no write (decision 045).
         */
        private static boolean synchronizes(Instruction instruction, int position) {
            if (instruction instanceof MonitorInstruction) {
                return true;
            }
            return instruction instanceof InvokeInstruction invoke && isReceiverOf(invoke, position)
                    && JdkTypes.isSynchronizer(invoke.owner().asInternalName());
        }

        /** Whether the value consumed at {@code position} is declared of a type whose instances never change. */
        private boolean immutableAt(Instruction instruction, int position) {
            if (instruction instanceof InvokeInstruction invoke) {
                return immutable(Descriptors.input(invoke, position));
            }
            if (instruction instanceof FieldInstruction field && field.opcode() != Opcode.GETFIELD) {
                boolean value = field.opcode() == Opcode.PUTSTATIC || position == 1;
                return value && immutable(field.typeSymbol());
            }
            return false;
        }

        /**
         * Whether the value {@code instruction} returns is used: a recorded put or set returns the
         * value before as this call sees it, which is not the serial one while earlier calls'
         * writes wait for their replay, so only a write whose result is popped is recorded.
         */
        private boolean resultUsed(Instruction instruction, int index) {
            if (!(instruction instanceof InvokeInstruction invoke)
                    || invoke.typeSymbol().returnType().descriptorString().equals("V")) {
                return false;
            }
            for (int next = index + 1; next < elements.size(); next++) {
                if (elements.get(next) instanceof Instruction following) {
                    return following.opcode() != Opcode.POP;
                }
            }
            return true;
        }

        /**
         * Whether consuming a parameter's value at {@code position} of {@code instruction} only reads
         * it; application code it is passed to is asked through its summary (decision 033).
         */
        private boolean readsOnly(Instruction instruction, int position) {
            // (a number or boolean read from it: kind() has counted that a read already)
            if (instruction instanceof InvokeInstruction invoke) {
                String owner = invoke.owner().asInternalName();
                if (JdkTypes.isJdk(owner)) {
                    return JdkMethods.isQuery(invoke) && !JdkMethods.runsArgument(invoke, position)
                            || JdkMethods.copiesArgument(invoke, position)
                            || JdkMethods.fillsArgument(invoke) && position == 0;
                }
                return !owner.equals(WOVEN_RUNTIME) && callees.onlyReads(invoke, position);
            }
            if (instruction instanceof FieldInstruction field) {
                return field.opcode() == Opcode.GETFIELD;
            }
            if (instruction instanceof ArrayStoreInstruction) {
                return position == 1; // the index; as array or value it is written or escapes
            }
            if (instruction instanceof InvokeDynamicInstruction indy) {
                return CallSites.isOperation(indy); // a lambda's captures escape into it
            }
            // dup, pop: the value moves on and is classified where it lands; counts, switches and
            // conversions consume numbers
            return instruction instanceof ArrayLoadInstruction || instruction instanceof OperatorInstruction
                    || instruction instanceof TypeCheckInstruction || instruction instanceof BranchInstruction
                    || instruction instanceof ThrowInstruction || instruction instanceof StackInstruction
                    || instruction instanceof NewPrimitiveArrayInstruction
                    || instruction instanceof NewReferenceArrayInstruction
                    || instruction instanceof NewMultiArrayInstruction || instruction instanceof ConvertInstruction
                    || instruction instanceof LookupSwitchInstruction || instruction instanceof TableSwitchInstruction;
            // anything else — fields, monitors, calls that write — writes or lets it escape
        }

        /**
         * Whether the value {@code instruction} consumes at {@code position} is a primitive (the
         * model gives an element or field read from a parameter that parameter's root, whatever its type).
         */
        private static boolean carriesPrimitive(Instruction instruction, int position) {
            // an instanceof chain, not a pattern switch: the agent weaves on the start-up path (decision 015)
            if (instruction instanceof ReturnInstruction ret) {
                return ret.typeKind() != TypeKind.REFERENCE;
            }
            if (instruction instanceof StoreInstruction store) {
                return store.typeKind() != TypeKind.REFERENCE;
            }
            if (instruction instanceof ArrayStoreInstruction store) {
                return position == 2 && store.typeKind() != TypeKind.REFERENCE;
            }
            if (instruction instanceof FieldInstruction field) {
                return field.typeSymbol().isPrimitive()
                        && (field.opcode() == Opcode.PUTSTATIC || field.opcode() == Opcode.PUTFIELD && position == 1);
            }
            if (instruction instanceof InvokeInstruction invoke) {
                return Descriptors.input(invoke, position).isPrimitive(); // a receiver's owner never is
            }
            if (instruction instanceof InvokeDynamicInstruction indy) {
                return indy.typeSymbol().parameterList().get(position).isPrimitive(); // a lambda's captured number
            }
            return false;
        }

        /** {@code param.put(k, v)} on a Map, {@code param.set(i, v)} on a List, {@code param[i] = v}. */
        private static IndexedStore recordable(Instruction instruction) {
            if (instruction instanceof InvokeInstruction invoke && invoke.owner().asInternalName().equals(WOVEN_RUNTIME)) {
                String name = invoke.name().stringValue(); // woven before: the recording helper itself
                return name.equals("mapPut") || name.equals("listSet") || name.startsWith("store")
                        ? new IndexedStore(name, invoke.typeSymbol()) : null;
            }
            if (instruction instanceof ArrayStoreInstruction store) {
                return IndexedStore.arrayStore(store.typeKind());
            }
            if (instruction instanceof InvokeInstruction invoke && invoke.opcode() != Opcode.INVOKESTATIC) {
                String name = invoke.name().stringValue();
                String descriptor = invoke.typeSymbol().descriptorString();
                if (name.equals("put") && descriptor.equals("(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;")
                        && JdkTypes.isSubtype(invoke.owner().asSymbol(), java.util.Map.class)) {
                    return IndexedStore.MAP_PUT;
                }
                if (name.equals("set") && descriptor.equals("(ILjava/lang/Object;)Ljava/lang/Object;")
                        && JdkTypes.isSubtype(invoke.owner().asSymbol(), java.util.List.class)) {
                    return IndexedStore.LIST_SET;
                }
            }
            return null;
        }
    }

    private static final String WOVEN_RUNTIME = "deco/core/woven/WovenRuntime";
    private static final String SCOPED_VALUE = "java/lang/ScopedValue";
    private static final String THREAD_LOCAL = "java/lang/ThreadLocal";
    private static final String INHERITABLE_THREAD_LOCAL = "java/lang/InheritableThreadLocal";

    /**
     * What a JDK method run as a lambda's body does beyond what it is given: nothing (it reaches
     * application state only through its arguments, decision 013 assumption 2).
     */
    static final ParameterUses JDK_BODY = new ParameterUses(List.of(), Use.NONE, Map.of(), false, HiddenReads.NONE,
            Outside.NONE, TakenLocks.NONE);
    /** A JDK method run as a lambda's body that reads files ({@code Files::readString}, decision 059). */
    private static final ParameterUses JDK_BODY_READING_FILES = jdkBodyDoing(Outside.READS_FILES);
    /** A JDK method run as a lambda's body that changes files ({@code Files::delete}, decision 059). */
    private static final ParameterUses JDK_BODY_WRITING_FILES = jdkBodyDoing(Outside.WRITES_FILES);
    /** A JDK method run as a lambda's body that sets process-wide state ({@code System::exit}, decision 057). */
    private static final ParameterUses JDK_BODY_SETTING_PROCESS_STATE = jdkBodyDoing(Outside.SETS_PROCESS_STATE);

    /** Reflection run as a lambda's body ({@code Method::invoke}): anything, as unseen code (decision 063). */
    private static final ParameterUses JDK_BODY_REFLECTING = new ParameterUses(List.of(), Use.NONE, Map.of(), true,
            HiddenReads.ANY, Outside.ALL, TakenLocks.NONE);

    private static ParameterUses jdkBodyDoing(Outside outside) {
        return new ParameterUses(List.of(), Use.NONE, Map.of(), false, HiddenReads.NONE, outside, TakenLocks.NONE);
    }

    /**
     * What the JDK method {@code owner.name} does run as a lambda's body: {@link #JDK_BODY}, unless it
     * sets process-wide state (decision 057), touches files (decision 059) or reflects (decision 063).
     */
    static ParameterUses jdkBody(String owner, String name, java.lang.constant.MethodTypeDesc type) {
        if (JdkMethods.reflects(owner, name)) {
            return JDK_BODY_REFLECTING;
        }
        Outside effects = Outside.ofJdk(owner, name, type); // one of its constants: compared by identity
        return effects == Outside.SETS_PROCESS_STATE ? JDK_BODY_SETTING_PROCESS_STATE
                : effects == Outside.WRITES_FILES ? JDK_BODY_WRITING_FILES
                : effects == Outside.READS_FILES ? JDK_BODY_READING_FILES : JDK_BODY;
    }

    /** Whether this is what a JDK method run as a lambda's body does ({@link #jdkBody}). */
    boolean isJdkBody() {
        return this == JDK_BODY || this == JDK_BODY_READING_FILES || this == JDK_BODY_WRITING_FILES
                || this == JDK_BODY_SETTING_PROCESS_STATE || this == JDK_BODY_REFLECTING;
    }

    /** Whether a class, by internal name, is application code: neither the JDK's nor deco's woven runtime. */
    static boolean isApplicationCode(String owner) {
        return !JdkTypes.isJdk(owner) && !owner.equals(WOVEN_RUNTIME);
    }

}
