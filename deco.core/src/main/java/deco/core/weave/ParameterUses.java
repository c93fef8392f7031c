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
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
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
 * and writes, writes deco cannot record, or the parameter escaping: stored, captured, returned,
 * passed on). A parameter passed to application code is used as that code uses it, read from its
 * class file ({@link CalleeSummaries}, decision 033).
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
 */
record ParameterUses(List<Use> parameters, Use receiver, Map<Integer, Helper> recordedSites,
                     boolean readsHidden) {

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
     * which travel back (a parameter written through would be written in the other JVM's copy).
     */
    boolean shippable() {
        return !parameters.contains(Use.READ_WRITE) && receiver != Use.READ_WRITE;
    }

    /** A method that uses none of its parameters: where a recursive summary starts (decision 033). */
    static ParameterUses none(MethodModel method) {
        return new ParameterUses(Collections.nCopies(method.methodTypeSymbol().parameterCount(), Use.NONE),
                Use.NONE, Map.of(), false);
    }

    /** Whether {@code other} uses every parameter and the receiver as this does, and reads hidden state alike. */
    boolean sameUses(ParameterUses other) {
        return parameters.equals(other.parameters) && receiver == other.receiver && readsHidden == other.readsHidden;
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
                    isStatic ? Use.NONE : Use.READ_WRITE, Map.of(), true);
        }
        return new Analysis(code, isStatic, types.size(), slotToParameter, callees, returnIsRead).run();
    }

    /** One method's analysis; the {@link StackModel.Join} of its stack model. Not thread-safe. */
    private static final class Analysis implements StackModel.Join {

        private final List<CodeElement> elements;
        private final boolean isStatic;
        private final Map<Integer, Integer> slotToParameter;
        private final CalleeSummaries.Walk callees;
        private final boolean returnIsRead;
        private final Use[] uses;
        private final Map<Integer, Map<Integer, Helper>> writes = new HashMap<>();
        private final Map<Label, List<StackMapFrameInfo.VerificationTypeInfo>> frames = new HashMap<>();
        private Use receiver = Use.NONE;
        /** The fields of {@code this} the method loads: their values are the receiver's too. */
        private final Set<Root> receiverFields = new HashSet<>();
        private boolean readsHidden;

        Analysis(CodeModel code, boolean isStatic, int count, Map<Integer, Integer> slotToParameter,
                 CalleeSummaries.Walk callees, boolean returnIsRead) {
            this.elements = code.elementList();
            this.isStatic = isStatic;
            this.slotToParameter = slotToParameter;
            this.callees = callees;
            this.returnIsRead = returnIsRead;
            this.uses = new Use[count];
            java.util.Arrays.fill(uses, Use.NONE);
            var table = code.findAttribute(Attributes.stackMapTable());
            if (table.isPresent()) {
                for (StackMapFrameInfo frame : table.get().entries()) {
                    frames.put(frame.target(), frame.stack());
                }
            }
        }

        ParameterUses run() {
            for (CodeElement element : elements) {
                if (element instanceof StoreInstruction store && slotToParameter.containsKey(store.slot())) {
                    mark(slotToParameter.get(store.slot()), Use.READ_WRITE); // reassigned: uses unknown
                }
            }
            StackModel stack = new StackModel(!isStatic, this);
            for (int index = 0; index < elements.size(); index++) {
                CodeElement element = elements.get(index);
                if (element instanceof LabelTarget target && frames.containsKey(target.label())) {
                    stack.merge(target.label(), frames.get(target.label()));
                    continue;
                }
                if (element instanceof Instruction instruction) {
                    readsHidden |= readsHidden(instruction);
                    StackModel.Step step = stack.step(instruction, index);
                    if (classify(instruction, step.consumed(), index) && !step.produced().isEmpty()) {
                        // the previous value a recorded put or set returns is discarded: not a read
                        step = new StackModel.Step(step.consumed(), List.of(Value.ofSize(1)));
                    }
                    stack.apply(step);
                    stack.flow(instruction);
                }
            }
            Map<Integer, Helper> recorded = new LinkedHashMap<>();
            for (Map.Entry<Integer, Map<Integer, Helper>> sites : writes.entrySet()) {
                if (uses[sites.getKey()] == Use.RECORDED_WRITES) {
                    recorded.putAll(sites.getValue());
                }
            }
            return new ParameterUses(List.of(uses), receiver, recorded, readsHidden || receiver != Use.NONE);
        }

        /**
         * A field read (constants aside), or a call of application code that may read hidden state
         * (its summary says so, or the weaver cannot see into it).
         */
        private boolean readsHidden(Instruction instruction) {
            if (instruction instanceof FieldInstruction field) {
                return field.opcode() == Opcode.GETFIELD || field.opcode() == Opcode.GETSTATIC;
            }
            if (instruction instanceof InvokeInstruction invoke) {
                String owner = invoke.owner().asInternalName();
                return !JdkTypes.isJdk(owner) && !owner.equals(WOVEN_RUNTIME) && callees.readsHidden(invoke);
            }
            return instruction instanceof InvokeDynamicInstruction indy && !isStringConcatenation(indy);
        }

        /** @return whether {@code instruction} is a recorded write */
        private boolean classify(Instruction instruction, List<Value> consumed, int index) {
            boolean recorded = false;
            for (int position = 0; position < consumed.size(); position++) {
                Value value = consumed.get(position);
                Root root = value.root();
                if (isReceiver(root)) {
                    if (instruction instanceof FieldInstruction field && field.opcode() == Opcode.GETFIELD
                            && root.kind() == Root.Kind.LOCAL && value.direct()) {
                        receiverFields.add(Root.field(field.owner().asInternalName(), field.name().stringValue()));
                    }
                    // this, a field of it, or what a field holds: read or written, never recorded
                    receiver = receiver.and(readsReceiverOnly(instruction, position) ? Use.READ : Use.READ_WRITE);
                    continue;
                }
                if (root == null || root.kind() != Root.Kind.LOCAL) {
                    continue;
                }
                Integer parameter = slotToParameter.get(root.slot());
                if (parameter == null) {
                    continue;
                }
                Helper recordable = position == 0 && value.direct() && !resultUsed(instruction, index)
                        ? recordable(instruction) : null;
                if (recordable != null) {
                    recorded = true;
                    Map<Integer, Helper> sites = writes.get(parameter);
                    if (sites == null) {
                        sites = new LinkedHashMap<>();
                        writes.put(parameter, sites);
                    }
                    sites.put(index, recordable);
                    mark(parameter, Use.RECORDED_WRITES);
                } else if (instruction.opcode() == Opcode.ARRAYLENGTH && value.direct()) {
                    // a length never changes
                } else {
                    mark(parameter, readsOnly(instruction, position) ? Use.READ : Use.READ_WRITE);
                }
            }
            return recorded;
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
            if (isReceiver(root)) {
                receiver = receiver.and(Use.READ_WRITE);
            } else if (root != null && root.kind() == Root.Kind.LOCAL && slotToParameter.containsKey(root.slot())) {
                mark(slotToParameter.get(root.slot()), Use.READ_WRITE);
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

        /**
         * Whether consuming {@code this}, or what a field of it holds, at {@code position} of
         * {@code instruction} only reads it; for a callee's summary, returning it is a read too.
         */
        private boolean readsReceiverOnly(Instruction instruction, int position) {
            return returnIsRead && instruction instanceof ReturnInstruction || readsOnly(instruction, position);
        }

        /**
         * Whether consuming a parameter's value at {@code position} of {@code instruction} only reads
         * it; application code it is passed to is asked through its summary (decision 033).
         */
        private boolean readsOnly(Instruction instruction, int position) {
            if (carriesPrimitive(instruction, position)) {
                return true; // a number or boolean read from it: it neither escapes nor changes
            }
            if (instruction instanceof InvokeInstruction invoke) {
                String owner = invoke.owner().asInternalName();
                return JdkTypes.isJdk(owner) ? JdkMethods.isQuery(invoke)
                        : !owner.equals(WOVEN_RUNTIME) && callees.onlyReads(invoke, position);
            }
            if (instruction instanceof FieldInstruction field) {
                return field.opcode() == Opcode.GETFIELD;
            }
            if (instruction instanceof ArrayStoreInstruction) {
                return position == 1; // the index; as array or value it is written or escapes
            }
            if (instruction instanceof InvokeDynamicInstruction indy) {
                return isStringConcatenation(indy);
            }
            // dup, pop: the value moves on and is classified where it lands
            return instruction instanceof ArrayLoadInstruction || instruction instanceof OperatorInstruction
                    || instruction instanceof TypeCheckInstruction || instruction instanceof BranchInstruction
                    || instruction instanceof ThrowInstruction || instruction instanceof StackInstruction;
            // anything else — stores to locals (aliases), fields, returns, monitors — escapes
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
                int first = invoke.opcode() == Opcode.INVOKESTATIC ? 0 : 1;
                return position >= first && invoke.typeSymbol().parameterList().get(position - first).isPrimitive();
            }
            return false;
        }

        /** {@code param.put(k, v)} on a Map, {@code param.set(i, v)} on a List, {@code param[i] = v}. */
        private static Helper recordable(Instruction instruction) {
            if (instruction instanceof InvokeInstruction invoke && invoke.owner().asInternalName().equals(WOVEN_RUNTIME)) {
                String name = invoke.name().stringValue(); // woven before: the recording helper itself
                return name.equals("mapPut") || name.equals("listSet") || name.startsWith("store")
                        ? new Helper(name, invoke.typeSymbol()) : null;
            }
            if (instruction instanceof ArrayStoreInstruction store) {
                return Helper.arrayStore(store.typeKind());
            }
            if (instruction instanceof InvokeInstruction invoke && invoke.opcode() != Opcode.INVOKESTATIC) {
                String name = invoke.name().stringValue();
                String descriptor = invoke.typeSymbol().descriptorString();
                if (name.equals("put") && descriptor.equals("(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;")
                        && JdkTypes.isSubtype(invoke.owner().asSymbol(), java.util.Map.class)) {
                    return Helper.MAP_PUT;
                }
                if (name.equals("set") && descriptor.equals("(ILjava/lang/Object;)Ljava/lang/Object;")
                        && JdkTypes.isSubtype(invoke.owner().asSymbol(), java.util.List.class)) {
                    return Helper.LIST_SET;
                }
            }
            return null;
        }
    }

    private static final String WOVEN_RUNTIME = "deco/core/woven/WovenRuntime";

    static boolean isStringConcatenation(InvokeDynamicInstruction indy) {
        return indy.bootstrapMethod().owner().descriptorString().equals("Ljava/lang/invoke/StringConcatFactory;");
    }
}
