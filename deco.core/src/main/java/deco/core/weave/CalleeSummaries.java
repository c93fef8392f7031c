package deco.core.weave;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.PermittedSubclassesAttribute;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What application methods do to the objects they are given, read from their class files: when a
 * {@code @Concurrent} method passes its receiver, a field of it or a parameter to application code
 * ({@code this.record(i, v)}, {@code fill(this.results, i)}, {@code tally.bump(i)}), the callee's
 * own {@link ParameterUses} say whether that code only reads the object or writes it, and whether
 * it reads state it was not given (decision 033).
 *
 * <p>A call resolves as the JVM resolves it — the named class, its superclasses, then its
 * interfaces — among class files the weaver's {@link ClassBytesSource} has (classes are read, never
 * loaded). A callee that resolves into the JDK is judged by {@link JdkMethods}. Anything the
 * weaver cannot see into writes every object it is given: a class file it cannot find, a method
 * without code (abstract, an interface's, native), a call chain deeper than {@value #MAX_DEPTH}, a
 * summary that needs more than {@value #MAX_METHODS} methods analysed, and a call back into the
 * {@code @Concurrent} method being analysed. Recursion among helpers is solved ({@link Walk}).
 *
 * <p>Thread-safe. Summaries that depend on no approximation of a method further up the call chain
 * and reached no limit are kept for the weaver's life; the others only for the one {@link Walk}
 * that made them, so a summary never depends on which method the weaver happened to analyse first.
 */
final class CalleeSummaries {

    /** Calls deeper than this below the analysed method write everything they are given. */
    static final int MAX_DEPTH = 12;
    /** Methods one summary may analyse; past this, calls write everything they are given. */
    static final int MAX_METHODS = 400;

    private final ImmutableTypes immutables;
    private final int maxDepth;
    private final int maxMethods;
    private final Map<String, Optional<ParameterUses>> summaries = new ConcurrentHashMap<>();

    /** With its own {@link ImmutableTypes}, for tests. */
    CalleeSummaries(ClassBytesSource source) {
        this(new ImmutableTypes(source));
    }

    /** Sharing the weaver's {@link ImmutableTypes}, so each record class is read once. */
    CalleeSummaries(ImmutableTypes immutables) {
        this(immutables, MAX_DEPTH, MAX_METHODS);
    }

    /** With other limits than {@link #MAX_DEPTH} and {@link #MAX_METHODS}, for tests. */
    CalleeSummaries(ClassBytesSource source, int maxDepth, int maxMethods) {
        this(new ImmutableTypes(source), maxDepth, maxMethods);
    }

    private CalleeSummaries(ImmutableTypes immutables, int maxDepth, int maxMethods) {
        this.immutables = immutables;
        this.maxDepth = maxDepth;
        this.maxMethods = maxMethods;
    }

    /** {@return the class files it reads, parsed once each ({@link ImmutableTypes#classes()})} */
    ClassModels classes() {
        return immutables.classes();
    }

    /** Seeds the classes with one being woven, so its own helpers resolve from these bytes. */
    void add(ClassModel model) {
        immutables.classes().add(model);
    }

    /**
     * Starts analysing one method, {@code owner.key}: calls back into it while it is analysed
     * write everything.
     */
    Walk walk(String owner, String key) {
        Walk walk = new Walk();
        walk.stack.add(owner + '.' + key);
        return walk;
    }

    /**
     * One analysis of a method and of the application methods it calls. Not thread-safe.
     *
     * <p>Recursion is solved from below: a method called back while it is summarised is first
     * taken to use nothing, and summarised again with its last summary until that no longer
     * changes — the least fixed point, so a recursive helper that only reads stays a reader. A
     * summary that used the approximation of a method further up the call chain is kept only for
     * this walk, and dropped when that method is summarised again.
     */
    final class Walk {

        /** Rounds of a recursive method's summary before it is given up as writing everything. */
        private static final int MAX_ROUNDS = 8;

        private final List<String> stack = new ArrayList<>();
        private final Map<String, ParameterUses> approximations = new HashMap<>();
        private final Map<String, Optional<ParameterUses>> assumedHere = new HashMap<>();
        private final List<String> assumedOrder = new ArrayList<>();
        /** Methods whose approximation was used since their current round began. */
        private final Set<String> calledBack = new HashSet<>();
        private int analysed;
        /** The lowest position in {@link #stack} whose approximation the current summary used; -1: a limit. */
        private int lowestAssumed = Integer.MAX_VALUE;
        /**
         * The call last resolved, by identity: an analysis asks several questions of one call in a
         * row (what it reads, what it writes, each argument), and each would resolve it again.
         */
        private InvokeInstruction lastInvoke;
        private Resolved lastResolved;
        /** The lambda call site last asked about, by identity, and its body's summary (as for calls). */
        private InvokeDynamicInstruction lastLambda;
        private ParameterUses lastBody;
        /**
         * Calls the {@code @Concurrent} method this walk starts from makes on its own receiver: they
         * run the methods its class declares, since a receiver whose class overrides any of them
         * makes its call alone (decision 067). By identity.
         */
        private final Set<InvokeInstruction> onOwnReceiver = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        private Walk() {
        }

        /**
         * The method this walk summarises first (the {@code @Concurrent} method, not a callee of it)
         * makes {@code invoke} on its own receiver, unchanged: {@code invoke} runs what the method's
         * class declares (decision 067).
         */
        void callsOwnReceiver(InvokeInstruction invoke) {
            if (stack.size() == 1) {
                onOwnReceiver.add(invoke);
            }
        }

        private Resolved resolved(InvokeInstruction invoke) {
            if (invoke != lastInvoke) {
                Resolved named = resolve(invoke);
                boolean virtual = (invoke.opcode() == Opcode.INVOKEVIRTUAL || invoke.opcode() == Opcode.INVOKEINTERFACE)
                        && !onOwnReceiver.contains(invoke);
                lastResolved = virtual ? dispatched(invoke.owner().asInternalName(), named) : named;
                lastInvoke = invoke;
            }
            return lastResolved;
        }

        /**
         * What a virtual call of {@code named}, on a receiver whose declared class is
         * {@code receiverClass}, may run (decision 067): {@code named} itself if no subclass can
         * override it (it is final or private, or the class is final); {@code named} with the
         * overrides in the classes a sealed type permits, all the way down; {@code null} (code the
         * weaver cannot see) if a subclass it cannot know may override it.
         */
        private Resolved dispatched(String receiverClass, Resolved named) {
            if (named == null || named.method() == null || named.method().code().isEmpty()
                    || cannotBeOverridden(receiverClass, named.method())) {
                return named;
            }
            List<Resolved> overrides = new ArrayList<>();
            if (!overrides(receiverClass, named.method(), overrides, 0)) { // also for a class it cannot read
                return null;
            }
            return overrides.isEmpty() ? named : new Resolved(named.owner(), named.id(), named.method(), overrides);
        }

        /**
         * Adds to {@code into} the methods overriding {@code method} in the classes {@code sealed}
         * permits and their own permitted classes. {@return false if that set is not known}: a class
         * on the way is neither sealed nor final, or cannot be read.
         */
        private boolean overrides(String sealed, MethodModel method, List<Resolved> into, int depth) {
            List<String> permitted = permittedSubclasses(sealed);
            if (permitted == null || depth > 8) {
                return false;
            }
            for (String subclass : permitted) {
                ClassModel model = model(subclass);
                if (model == null) {
                    return false;
                }
                for (MethodModel declared : model.methods()) {
                    if (declared.methodName().equalsString(method.methodName().stringValue())
                            && declared.methodType().equalsString(method.methodType().stringValue())
                            && declared.code().isPresent() && !declared.flags().has(AccessFlag.STATIC)
                            && !declared.flags().has(AccessFlag.PRIVATE)) {
                        String id = subclass + '.' + method.methodName().stringValue() + method.methodType().stringValue();
                        if (!contains(into, id)) {
                            into.add(new Resolved(subclass, id, declared));
                        }
                    }
                }
                if (!model.flags().has(AccessFlag.FINAL) && !overrides(subclass, method, into, depth + 1)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether the application method {@code invoke} calls only reads the value it consumes at
         * {@code position} (the receiver is position 0 of an instance call). A returned receiver
         * counts as read: the caller's stack model derives a call's result from its receiver.
         */
        boolean onlyReads(InvokeInstruction invoke, int position) {
            boolean isStatic = invoke.opcode() == Opcode.INVOKESTATIC;
            Resolved resolved = resolved(invoke);
            if (resolved == null) {
                return false;
            }
            if (resolved.method() == null) { // resolved into the JDK
                return JdkMethods.isQuery(resolved.owner(), invoke.name().stringValue(), isStatic)
                        && !JdkMethods.fillsArgument(invoke);
            }
            Optional<ParameterUses> summary = summary(resolved);
            if (summary.isEmpty()) {
                return false;
            }
            ParameterUses uses = summary.get();
            ParameterUses.Use use = isStatic ? uses.parameters().get(position)
                    : position == 0 ? uses.receiver() : uses.parameters().get(position - 1);
            return use == ParameterUses.Use.NONE || use == ParameterUses.Use.READ;
        }

        /** See {@link CalleeSummaries#isChecked(String)}. */
        boolean isChecked(String exception) {
            return CalleeSummaries.this.isChecked(exception);
        }

        /** See {@link CalleeSummaries#isSubclass(String, String)}. */
        boolean isSubclass(String type, String supertype) {
            return CalleeSummaries.this.isSubclass(type, supertype);
        }

        /**
         * What the application method {@code invoke} calls may read of state other than what it is
         * given, through fields and statics (decisions 043, 051): its summary's, {@link HiddenReads#ANY}
         * for code the weaver cannot see, {@code null} if it reads none — a method resolving into
         * the JDK reaches application state only through what it is given (decision 013).
         */
        HiddenReads hiddenReads(InvokeInstruction invoke) {
            Resolved resolved = resolved(invoke);
            if (resolved == null) {
                return HiddenReads.ANY;
            }
            if (resolved.method() == null) {
                return null;
            }
            Optional<ParameterUses> summary = summary(resolved);
            if (summary.isEmpty()) {
                return HiddenReads.ANY;
            }
            return summary.get().readsHidden() ? summary.get().hiddenReads() : null;
        }

        /**
         * What the application method {@code invoke} calls does to state it is not given
         * (decision 034): its summary's, nothing for a method resolving into the JDK (which reaches
         * application state only through what it is given), anything for code the weaver cannot see.
         */
        ParameterUses.Outside outside(InvokeInstruction invoke) {
            Resolved resolved = resolved(invoke);
            if (resolved == null) {
                return ParameterUses.Outside.ALL;
            }
            if (resolved.method() == null) {
                return ParameterUses.Outside.NONE;
            }
            Optional<ParameterUses> summary = summary(resolved);
            return summary.isEmpty() ? ParameterUses.Outside.ALL : summary.get().outside();
        }

        /**
         * The summary of the application method {@code invoke} calls, or {@code null} if the call
         * resolves into the JDK or into code the weaver cannot see.
         */
        ParameterUses summaryOf(InvokeInstruction invoke) {
            Resolved resolved = resolved(invoke);
            if (resolved == null || resolved.method() == null) {
                return null;
            }
            return summary(resolved).orElse(null);
        }

        /**
         * The JDK class {@code invoke} resolves into although it names an application class (an
         * enum's {@code ordinal()}, an inherited {@code size()}), or {@code null} if it runs
         * application code or code the weaver cannot find.
         */
        String jdkOwnerOf(InvokeInstruction invoke) {
            Resolved resolved = resolved(invoke);
            return resolved != null && resolved.method() == null ? resolved.owner() : null;
        }

        /**
         * Whether {@code invoke} runs the method it resolves to whatever the receiver's class:
         * a static or special call, or a method no subclass can override (private, final, or of
         * a final class or a record). An override chosen at run time is not analysed (decision
         * 033); where that matters for safety, a caller treats such a call as unseen code.
         */
        boolean dispatchesAsResolved(InvokeInstruction invoke) {
            if (invoke.opcode() == Opcode.INVOKESTATIC || invoke.opcode() == Opcode.INVOKESPECIAL) {
                return true;
            }
            Resolved resolved = resolved(invoke);
            if (resolved == null || resolved.method() == null) {
                return false;
            }
            return cannotBeOverridden(invoke.owner().asInternalName(), resolved.method());
        }

        /** Whether no subclass of {@code receiverClass} can override {@code method} ({@link #mayBeOverridden}). */
        private boolean cannotBeOverridden(String receiverClass, MethodModel method) {
            return !mayBeOverridden(model(receiverClass), method);
        }

        /**
         * What the body of the lambda or method reference {@code indy} makes does (decision 045):
         * the summary of the application method it runs, {@link ParameterUses#jdkBody} for a JDK
         * method (which reaches application state only through what it is given), or {@code null}
         * if {@code indy} is not a {@code LambdaMetafactory} call site or the weaver cannot see into
         * its body.
         */
        ParameterUses bodyOf(InvokeDynamicInstruction indy) {
            if (indy != lastLambda) {
                lastBody = body(indy);
                lastLambda = indy;
            }
            return lastBody;
        }

        private ParameterUses body(InvokeDynamicInstruction indy) {
            if (!CallSites.isLambda(indy)
                    || indy.bootstrapArgs().size() < 2
                    || !(indy.bootstrapArgs().get(1) instanceof DirectMethodHandleDesc body)) {
                return null;
            }
            String owner = Descriptors.internalName(body.owner());
            if (JdkTypes.isJdk(owner)) {
                return ParameterUses.jdkBody(owner, body.methodName(), java.lang.constant.MethodTypeDesc.ofDescriptor(body.lookupDescriptor()));
            }
            Resolved resolved = resolve(owner, body.methodName(), body.lookupDescriptor(), 0);
            if (body.kind() == DirectMethodHandleDesc.Kind.VIRTUAL || body.kind() == DirectMethodHandleDesc.Kind.INTERFACE_VIRTUAL) {
                resolved = dispatched(owner, resolved); // Base::g runs the receiver's override
            }
            if (resolved == null || resolved.method() == null) {
                return null;
            }
            ParameterUses uses = summary(resolved).orElse(null);
            boolean initializes = body.kind() == DirectMethodHandleDesc.Kind.STATIC
                    || body.kind() == DirectMethodHandleDesc.Kind.INTERFACE_STATIC
                    || body.kind() == DirectMethodHandleDesc.Kind.CONSTRUCTOR;
            ParameterUses initializer = uses != null && initializes ? initializes(owner) : null;
            // Tool::twice, Widget::new: the first run initializes the class (decision 068)
            return initializer == null ? uses : uses.alsoRunning(initializer);
        }

        /**
         * What initializing the application class {@code className} may do, seen from the method
         * this walk is analysing now (decision 068): the joined summaries of the static initializers
         * of the class, its superclasses and its interfaces. {@return {@code null} if that does
         * nothing outside what it makes — no initializer touches outside state, or the class is the
         * analysed method's own or a superclass of it (initialized before the method runs);
         * {@link ParameterUses#UNSEEN_INITIALIZER} if the weaver cannot read one of those classes
         * or initializers}
         */
        ParameterUses initializes(String className) {
            String current = stack.getLast();
            String analysedClass = current.substring(0, current.indexOf('.'));
            if (isSubclass(analysedClass, className)) {
                return null;
            }
            List<String> classes = new ArrayList<>();
            if (!supertypes(className, classes, 0)) {
                return ParameterUses.UNSEEN_INITIALIZER;
            }
            ParameterUses joined = null;
            for (String type : classes) {
                MethodModel initializer = null;
                for (MethodModel method : model(type).methods()) {
                    if (method.methodName().equalsString("<clinit>")) {
                        initializer = method;
                    }
                }
                if (initializer == null) {
                    continue;
                }
                Optional<ParameterUses> uses = summary(new Resolved(type, type + ".<clinit>()V", initializer));
                if (uses.isEmpty()) {
                    return ParameterUses.UNSEEN_INITIALIZER;
                }
                joined = joined == null ? uses.get() : joined.or(uses.get());
            }
            return joined == null || !joined.touchesOutside() ? null : joined;
        }

        /**
         * Adds {@code className} and its application superclasses and interfaces to {@code into}.
         * {@return false if the class file of one of them cannot be read}
         */
        private boolean supertypes(String className, List<String> into, int depth) {
            if (JdkTypes.isJdk(className) || into.contains(className)) {
                return true;
            }
            ClassModel model = model(className);
            if (model == null || depth > 64) {
                return false;
            }
            into.add(className);
            if (model.superclass().isPresent() && !supertypes(model.superclass().get().asInternalName(), into, depth + 1)) {
                return false;
            }
            for (ClassEntry anInterface : model.interfaces()) {
                if (!supertypes(anInterface.asInternalName(), into, depth + 1)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether {@code invoke} calls an application enum's {@code values()}, or javac's synthetic
         * {@code $values()} its static initializer fills that array with (decision 068): a new array
         * of the enum's constants, read from a static that never changes. The JLS declares
         * {@code values()} for every enum, and no enum can declare its own.
         */
        boolean listsEnumConstants(InvokeInstruction invoke) {
            if (invoke.opcode() != Opcode.INVOKESTATIC || invoke.typeSymbol().parameterCount() != 0) {
                return false;
            }
            String owner = invoke.owner().asInternalName();
            boolean values = invoke.name().equalsString("values");
            if (!values && !invoke.name().equalsString("$values")
                    || !invoke.typeSymbol().returnType().descriptorString().equals("[L" + owner + ";")) {
                return false;
            }
            ClassModel model = model(owner);
            if (model == null || !model.flags().has(AccessFlag.ENUM)) {
                return false;
            }
            if (values) {
                return true;
            }
            for (MethodModel method : model.methods()) {
                if (method.methodName().equalsString("$values") && method.flags().has(AccessFlag.SYNTHETIC)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether instances of {@code type} never change ({@link ImmutableTypes}). */
        boolean isImmutable(java.lang.constant.ClassDesc type) {
            return immutables.isImmutable(type);
        }

        /** Whether {@code field} reads a constant ({@link ImmutableTypes#isConstant}). */
        boolean isConstant(java.lang.classfile.instruction.FieldInstruction field) {
            return immutables.isConstant(field);
        }

        private Optional<ParameterUses> summary(Resolved resolved) {
            if (!resolved.overrides().isEmpty()) { // what the method or any override does (decision 067)
                List<Resolved> all = new ArrayList<>();
                all.add(new Resolved(resolved.owner(), resolved.id(), resolved.method()));
                all.addAll(resolved.overrides());
                return joined(all);
            }
            String id = resolved.id();
            Optional<ParameterUses> kept = summaries.get(id);
            if (kept == null) {
                kept = assumedHere.get(id);
            }
            if (kept != null) {
                return kept;
            }
            int onStack = stack.indexOf(id);
            if (onStack >= 0) {
                lowestAssumed = Math.min(lowestAssumed, onStack);
                if (onStack == 0) {
                    return Optional.empty(); // the analysed method itself: writes all
                }
                calledBack.add(id);
                ParameterUses approximation = approximations.get(id); // no lambda: decision 015
                if (approximation == null) {
                    approximation = ParameterUses.none(resolved.method());
                    approximations.put(id, approximation);
                }
                return Optional.of(approximation);
            }
            if (stack.size() > maxDepth || analysed >= maxMethods) {
                lowestAssumed = -1;
                return Optional.empty();
            }
            if (resolved.method().code().isEmpty()) {
                List<Resolved> implementations = new ArrayList<>();
                if (!implementations(resolved.owner(), resolved.method(), implementations, 0)) {
                    summaries.put(id, Optional.empty());
                    return Optional.empty();
                }
                return joined(implementations); // not kept: each implementation's summary is
            }
            return solve(id, resolved.method());
        }

        /**
         * What a call of an abstract method of a sealed type does: what any implementation does
         * (decision 052), or empty if the weaver cannot see into one of them.
         */
        private Optional<ParameterUses> joined(List<Resolved> implementations) {
            ParameterUses joined = null;
            for (Resolved implementation : implementations) {
                Optional<ParameterUses> uses = summary(implementation);
                if (uses.isEmpty()) {
                    return Optional.empty();
                }
                joined = joined == null ? uses.get() : joined.or(uses.get());
            }
            return Optional.ofNullable(joined);
        }

        /**
         * Adds to {@code into} the methods that implement the abstract {@code method} in the
         * classes {@code sealed} permits, following permitted classes that leave it abstract
         * through their own permitted classes, and the overrides of each implementation in the
         * subclasses of a permitted class that is not final ({@link #overrides}: a
         * {@code non-sealed} one may have any). {@return false if that set is not known}: a class
         * on the way is not sealed, or a permitted class inherits the method from the JDK or
         * cannot be read.
         */
        private boolean implementations(String sealed, MethodModel method, List<Resolved> into, int depth) {
            List<String> permitted = permittedSubclasses(sealed);
            if (permitted == null || depth > 8) {
                return false;
            }
            String name = method.methodName().stringValue();
            String descriptor = method.methodType().stringValue();
            for (String subclass : permitted) {
                Resolved found = resolve(subclass, name, descriptor, 0);
                if (found == null || found.method() == null) {
                    return false;
                }
                if (found.method().code().isEmpty()) {
                    if (!implementations(subclass, method, into, depth + 1)) {
                        return false;
                    }
                    continue;
                }
                if (!contains(into, found.id())) {
                    into.add(found);
                }
                if (!cannotBeOverridden(subclass, found.method())
                        && !overrides(subclass, found.method(), into, depth + 1)) {
                    return false; // a non-sealed permitted class: a subclass may override it
                }
            }
            return true;
        }

        private static boolean contains(List<Resolved> methods, String id) {
            for (Resolved method : methods) {
                if (method.id().equals(id)) {
                    return true;
                }
            }
            return false;
        }

        /** Summarises {@code method} until its summary stops changing under its own recursive calls. */
        private Optional<ParameterUses> solve(String id, MethodModel method) {
            int position = stack.size();
            int outerLowest = lowestAssumed;
            int firstAssumed = assumedOrder.size();
            stack.add(id);
            Optional<ParameterUses> made = Optional.empty();
            try {
                for (int round = 0; round < MAX_ROUNDS; round++) {
                    lowestAssumed = Integer.MAX_VALUE;
                    calledBack.remove(id);
                    analysed++;
                    ParameterUses result = ParameterUses.ofCallee(method, this);
                    if (!calledBack.remove(id) || approximations.get(id).sameUses(result)) {
                        made = Optional.of(result);
                        break;
                    }
                    approximations.put(id, result); // used and grown: everything made with it goes
                    while (assumedOrder.size() > firstAssumed) {
                        assumedHere.remove(assumedOrder.removeLast());
                    }
                    if (round == MAX_ROUNDS - 1) {
                        lowestAssumed = -1;
                    }
                }
            } finally {
                stack.removeLast();
                approximations.remove(id);
            }
            if (lowestAssumed < position) {
                assumedHere.put(id, made);
                assumedOrder.add(id);
            } else {
                summaries.put(id, made);
            }
            lowestAssumed = Math.min(outerLowest, lowestAssumed < position ? lowestAssumed : Integer.MAX_VALUE);
            return made;
        }
    }

    /**
     * A resolved method and the class declaring it; {@code method} (and {@code id}, its
     * {@code owner.nameDescriptor}) is {@code null} for a JDK class.
     */
    private record Resolved(String owner, String id, MethodModel method, List<Resolved> overrides) {

        /** A method that runs as resolved. */
        Resolved(String owner, String id, MethodModel method) {
            this(owner, id, method, List.of());
        }
    }

    /**
     * Whether a subclass of {@code type} may override {@code method} (decision 067): the method is
     * neither final, private nor static, and {@code type} is not final (nor a record); a
     * {@code null} type, a class the weaver cannot read, may have subclasses.
     */
    static boolean mayBeOverridden(ClassModel type, MethodModel method) {
        return !method.flags().has(AccessFlag.FINAL) && !method.flags().has(AccessFlag.PRIVATE)
                && !method.flags().has(AccessFlag.STATIC) && (type == null || !type.flags().has(AccessFlag.FINAL));
    }

    /** The method {@code invoke} calls, or {@code null} if its class file (or a superclass's) is missing. */
    private Resolved resolve(InvokeInstruction invoke) {
        return resolve(invoke.owner().asInternalName(), invoke.name().stringValue(),
                invoke.typeSymbol().descriptorString(), 0);
    }

    private Resolved resolve(String className, String name, String descriptor, int depth) {
        if (className == null || depth > 64) {
            return null;
        }
        if (JdkTypes.isJdk(className)) {
            return new Resolved(className, null, null);
        }
        ClassModel model = model(className);
        if (model == null) {
            return null;
        }
        for (MethodModel method : model.methods()) {
            if (method.methodName().equalsString(name) && method.methodType().equalsString(descriptor)) {
                return new Resolved(className, className + '.' + name + descriptor, method);
            }
        }
        Resolved inSuperclass = model.superclass().isPresent()
                ? resolve(model.superclass().get().asInternalName(), name, descriptor, depth + 1) : null;
        if (inSuperclass != null && inSuperclass.method() != null) {
            return inSuperclass;
        }
        for (ClassEntry anInterface : model.interfaces()) {
            Resolved inherited = resolve(anInterface.asInternalName(), name, descriptor, depth + 1);
            if (inherited != null && inherited.method() != null) {
                return inherited;
            }
        }
        return inSuperclass; // declared in the JDK (java/lang/Object or a JDK supertype), or nowhere
    }

    /**
     * Whether {@code type} is {@code supertype} or a subclass of it, following application
     * classes through their class files and JDK classes through the platform; a class whose file
     * the weaver cannot read is a subclass of nothing else.
     */
    boolean isSubclass(String type, String supertype) {
        String current = type;
        for (int depth = 0; current != null && depth < 64; depth++) {
            if (current.equals(supertype)) {
                return true;
            }
            if (JdkTypes.isJdk(current)) {
                return JdkTypes.isSubtype(java.lang.constant.ClassDesc.ofInternalName(current), JdkTypes.load(supertype));
            }
            ClassModel model = model(current);
            current = model == null || model.superclass().isEmpty() ? null : model.superclass().get().asInternalName();
        }
        return false;
    }

    /**
     * Whether an exception class is checked: a subclass of {@code Exception} but not of
     * {@code RuntimeException}. One the weaver cannot read is not: it may be anything.
     */
    boolean isChecked(String exception) {
        return isSubclass(exception, "java/lang/Exception") && !isSubclass(exception, "java/lang/RuntimeException");
    }

    /**
     * {@return the classes a sealed class or interface permits, by internal name, or {@code null}
     * if it is not sealed (or cannot be read)} Every subclass the JVM will ever load is among them.
     */
    private List<String> permittedSubclasses(String className) {
        ClassModel model = model(className);
        if (model == null) {
            return null;
        }
        Optional<PermittedSubclassesAttribute> attribute = model.findAttribute(Attributes.permittedSubclasses());
        if (attribute.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (ClassEntry permitted : attribute.get().permittedSubclasses()) {
            names.add(permitted.asInternalName());
        }
        return names;
    }

    private ClassModel model(String className) {
        return immutables.classes().find(className);
    }
}
