package deco.core.weave;

import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
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
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A symbolic operand stack: which values an instruction consumes and produces, with where each
 * reference came from ({@link Root}). Followed in code order: a jump carries the stack to its
 * target, and at a target ({@link #merge}) a value that every path brings unchanged keeps its
 * root, while values that differ between paths go to the analysis's {@link Join}, which gives
 * the value to go on with and must account for every one of them; the values a backward jump
 * carries are not followed at all, and go to the {@code Join} too.
 *
 * <p>On the agent's weaving path: no lambdas or pattern switches here (decision 015).
 */
final class StackModel {

    /** What one instruction does to the stack; {@code consumed} and {@code produced} bottom to top. */
    record Step(List<Value> consumed, List<Value> produced) {
    }

    /** What an analysis makes of values whose later uses are not followed. */
    interface Join {
        /**
         * @param values    the values that may reach one stack position (at least one)
         * @param size      the position's size in slots
         * @param reference whether the frame says the position holds a reference (not a number)
         * @return the value to continue with at that position
         */
        Value join(List<Value> values, int size, boolean reference);

        /** @param value a value a jump carries backwards, to code already followed */
        void carriedBack(Value value);
    }

    private final ArrayList<Value> values = new ArrayList<>();
    private final boolean instanceMethod;
    private final Join join;
    /** The stacks jumps carry to labels not reached yet. */
    private final Map<Label, List<List<Value>>> carried = new HashMap<>();
    private final Set<Label> passed = new HashSet<>();
    private boolean reachable = true;

    StackModel(boolean instanceMethod, Join join) {
        this.instanceMethod = instanceMethod;
        this.join = join;
    }

    List<Value> values() {
        return values;
    }

    /**
     * After {@code instruction} was applied: a branch or switch carries the stack to its targets,
     * and nothing falls through a {@code goto}, a return, a {@code throw} or a switch. The values
     * of a stack carried backwards (to a label already passed) go to {@link Join#carriedBack}.
     */
    void flow(Instruction instruction) {
        List<Label> targets = targets(instruction);
        for (Label target : targets) {
            if (passed.contains(target)) {
                for (Value value : values) {
                    join.carriedBack(value);
                }
            } else {
                List<List<Value>> stacks = carried.get(target);
                if (stacks == null) {
                    stacks = new ArrayList<>();
                    carried.put(target, stacks);
                }
                stacks.add(List.copyOf(values));
            }
        }
        if (isUnconditionalExit(instruction)) {
            reachable = false;
            values.clear();
        }
    }

    /**
     * At a label that has a stack map frame: the stack becomes what every path to it brings, as
     * the frame describes it. A position where the paths bring different values gets
     * the {@link Join}'s value; a label reached only backwards, or only as a handler, starts from
     * the frame (no value carried there has a known root).
     */
    void merge(Label label, List<StackMapFrameInfo.VerificationTypeInfo> frameStack) {
        List<List<Value>> paths = new ArrayList<>();
        if (reachable) {
            paths.add(List.copyOf(values));
        }
        List<List<Value>> jumps = carried.remove(label);
        if (jumps != null) {
            paths.addAll(jumps);
        }
        passed.add(label);
        reachable = true;
        values.clear();
        for (int i = 0; i < frameStack.size(); i++) {
            StackMapFrameInfo.VerificationTypeInfo type = frameStack.get(i);
            boolean wide = type == StackMapFrameInfo.SimpleVerificationTypeInfo.LONG
                    || type == StackMapFrameInfo.SimpleVerificationTypeInfo.DOUBLE;
            boolean reference = !(type instanceof StackMapFrameInfo.SimpleVerificationTypeInfo simple)
                    || simple == StackMapFrameInfo.SimpleVerificationTypeInfo.NULL
                    || simple == StackMapFrameInfo.SimpleVerificationTypeInfo.UNINITIALIZED_THIS;
            values.add(merged(paths, i, frameStack.size(), wide ? 2 : 1, reference, join));
        }
    }

    /**
     * At an exception handler's entry, after {@link #merge}: the caught exception, the one value on
     * the stack, is {@code exception}.
     */
    void caught(Value exception) {
        if (values.size() == 1) {
            values.set(0, exception);
        }
    }

    private static Value merged(List<List<Value>> paths, int position, int depth, int size, boolean reference,
                                Join join) {
        List<Value> candidates = new ArrayList<>(paths.size());
        for (List<Value> path : paths) {
            if (path.size() == depth) {
                candidates.add(path.get(position));
            } else if (!path.isEmpty()) {
                candidates.addAll(path); // a path of another shape: none of its values is followed
            }
        }
        if (candidates.isEmpty()) {
            return Value.ofSize(size);
        }
        Value first = candidates.getFirst();
        for (Value candidate : candidates) {
            if (!candidate.equals(first) || candidate.size() != size) {
                return join.join(candidates, size, reference);
            }
        }
        return first;
    }

    /** Where a branch or switch may jump; nothing for other instructions. */
    static List<Label> targets(Instruction instruction) {
        List<Label> targets = new ArrayList<>();
        if (instruction instanceof BranchInstruction branch) {
            targets.add(branch.target());
        } else if (instruction instanceof TableSwitchInstruction table) {
            targets.add(table.defaultTarget());
            for (SwitchCase c : table.cases()) {
                targets.add(c.target());
            }
        } else if (instruction instanceof LookupSwitchInstruction lookup) {
            targets.add(lookup.defaultTarget());
            for (SwitchCase c : lookup.cases()) {
                targets.add(c.target());
            }
        }
        return targets;
    }

    /** A {@code goto}, a return, a {@code throw} or a switch: nothing falls through it. */
    static boolean isUnconditionalExit(Instruction instruction) {
        return instruction instanceof ReturnInstruction || instruction instanceof ThrowInstruction
                || instruction instanceof TableSwitchInstruction || instruction instanceof LookupSwitchInstruction
                || (instruction instanceof BranchInstruction branch
                    && (branch.opcode() == Opcode.GOTO || branch.opcode() == Opcode.GOTO_W));
    }

    void apply(Step step) {
        int remove = step.consumed().size();
        for (int i = 0; i < remove && !values.isEmpty(); i++) {
            values.removeLast();
        }
        values.addAll(step.produced());
    }

    /**
     * After a constructor ran on {@code uninitialized} (the value {@code new} gave, which {@code dup}
     * left below the constructor's arguments): every place of the stack that holds it holds
     * {@code made} from now on, which tells what the constructor made of the object (a copy of the
     * collection it was given, decision 065).
     */
    void initialized(Value uninitialized, Value made) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).equals(uninitialized)) {
                values.set(i, made);
            }
        }
    }

    /** The step of {@code instruction} at element {@code index}; does not change the stack. */
    Step step(Instruction instruction, int index) {
        // instanceof chains, not a pattern switch: the agent weaves on the application's start-up
        // path, where each switch's bootstrap costs milliseconds (decision 015)
        if (instruction instanceof LoadInstruction load) {
            return load.typeKind() == TypeKind.REFERENCE
                    ? produce(Value.loaded(Root.local(load.slot()), index))
                    : produce(Value.ofSize(load.typeKind().slotSize()));
        }
        if (instruction instanceof StoreInstruction) {
            return consume(1);
        }
        if (instruction instanceof ConstantInstruction constant) {
            return produce(Value.ofSize(constant.typeKind().slotSize()));
        }
        if (instruction instanceof ArrayLoadInstruction arrayLoad) {
            List<Value> in = top(2);
            return new Step(in, List.of(in.get(0).derived(arrayLoad.typeKind().slotSize())));
        }
        if (instruction instanceof ArrayStoreInstruction) {
            return consume(3);
        }
        if (instruction instanceof FieldInstruction field) {
            return field(field, index);
        }
        if (instruction instanceof InvokeInstruction invoke) {
            return invoke(invoke);
        }
        if (instruction instanceof InvokeDynamicInstruction indy) {
            int size = slotSize(indy.typeSymbol().returnType());
            return new Step(top(indy.typeSymbol().parameterCount()),
                    size == 0 ? List.of() : List.of(Value.ofSize(size)));
        }
        if (instruction instanceof NewObjectInstruction) {
            return produce(Value.CATEGORY_1);
        }
        if (instruction instanceof NewPrimitiveArrayInstruction || instruction instanceof NewReferenceArrayInstruction) {
            return new Step(top(1), List.of(Value.CATEGORY_1));
        }
        if (instruction instanceof NewMultiArrayInstruction multi) {
            return new Step(top(multi.dimensions()), List.of(Value.CATEGORY_1));
        }
        if (instruction instanceof TypeCheckInstruction check) {
            List<Value> in = top(1);
            Value out = check.opcode() == Opcode.CHECKCAST
                    ? new Value(1, in.get(0).root(), in.get(0).rootLoad(), in.get(0).direct(), null)
                    : Value.CATEGORY_1;
            return new Step(in, List.of(out));
        }
        if (instruction instanceof ConvertInstruction convert) {
            return new Step(top(1), List.of(Value.ofSize(convert.toType().slotSize())));
        }
        if (instruction instanceof OperatorInstruction operator) {
            return operator(operator);
        }
        if (instruction instanceof StackInstruction stack) {
            return stack(stack.opcode());
        }
        if (instruction instanceof BranchInstruction branch) {
            return consume(switch (branch.opcode()) {
                case GOTO, GOTO_W -> 0;
                case IF_ICMPEQ, IF_ICMPNE, IF_ICMPLT, IF_ICMPGE, IF_ICMPGT, IF_ICMPLE, IF_ACMPEQ, IF_ACMPNE -> 2;
                default -> 1;
            });
        }
        if (instruction instanceof LookupSwitchInstruction || instruction instanceof TableSwitchInstruction
                || instruction instanceof ThrowInstruction || instruction instanceof MonitorInstruction) {
            return consume(1);
        }
        if (instruction instanceof ReturnInstruction ret) {
            return consume(ret.typeKind() == TypeKind.VOID ? 0 : 1);
        }
        return consume(0); // nop, iinc
    }

    private Step field(FieldInstruction field, int index) {
        int size = slotSize(field.typeSymbol());
        boolean reference = !field.typeSymbol().isPrimitive();
        return switch (field.opcode()) {
            case GETSTATIC -> produce(reference
                    ? Value.loaded(Root.field(field.owner().asInternalName(), field.name().stringValue()), index)
                    : Value.ofSize(size));
            case GETFIELD -> {
                List<Value> in = top(1);
                Value receiver = in.get(0);
                Value out;
                if (!reference) {
                    out = Value.ofSize(size);
                } else if (instanceMethod && receiver.direct() && Root.local(0).equals(receiver.root())) {
                    out = Value.loaded(Root.field(field.owner().asInternalName(), field.name().stringValue()), index);
                } else {
                    out = receiver.derived(1);
                }
                yield new Step(in, List.of(out));
            }
            case PUTFIELD -> consume(2);
            default -> consume(1); // PUTSTATIC
        };
    }

    private Step invoke(InvokeInstruction invoke) {
        boolean isStatic = invoke.opcode() == Opcode.INVOKESTATIC;
        int arguments = invoke.typeSymbol().parameterCount() + (isStatic ? 0 : 1);
        List<Value> in = top(arguments);
        int size = slotSize(invoke.typeSymbol().returnType());
        if (size == 0) {
            return new Step(in, List.of());
        }
        Value out = !isStatic && size == 1 && !invoke.typeSymbol().returnType().isPrimitive()
                ? in.get(0).derived(1)
                : Value.ofSize(size);
        return new Step(in, List.of(out));
    }

    private Step operator(OperatorInstruction operator) {
        return switch (operator.opcode()) {
            case INEG, LNEG, FNEG, DNEG -> new Step(top(1), List.of(Value.ofSize(operator.typeKind().slotSize())));
            case ARRAYLENGTH -> new Step(top(1), List.of(Value.CATEGORY_1));
            case LCMP, FCMPL, FCMPG, DCMPL, DCMPG -> new Step(top(2), List.of(Value.CATEGORY_1));
            default -> new Step(top(2), List.of(Value.ofSize(operator.typeKind().slotSize())));
        };
    }

    private Step stack(Opcode opcode) {
        Value v1 = peek(0);
        Value v2 = peek(1);
        Value v3 = peek(2);
        return switch (opcode) {
            case POP -> new Step(List.of(v1), List.of());
            case POP2 -> v1.size() == 2 ? new Step(List.of(v1), List.of()) : new Step(List.of(v2, v1), List.of());
            case DUP -> new Step(List.of(v1), List.of(v1, v1));
            case DUP_X1 -> new Step(List.of(v2, v1), List.of(v1, v2, v1));
            case DUP_X2 -> v2.size() == 2
                    ? new Step(List.of(v2, v1), List.of(v1, v2, v1))
                    : new Step(List.of(v3, v2, v1), List.of(v1, v3, v2, v1));
            case DUP2 -> v1.size() == 2
                    ? new Step(List.of(v1), List.of(v1, v1))
                    : new Step(List.of(v2, v1), List.of(v2, v1, v2, v1));
            case DUP2_X1 -> v1.size() == 2
                    ? new Step(List.of(v2, v1), List.of(v1, v2, v1))
                    : new Step(List.of(v3, v2, v1), List.of(v2, v1, v3, v2, v1));
            case DUP2_X2 -> {
                if (v1.size() == 2) {
                    yield v2.size() == 2
                            ? new Step(List.of(v2, v1), List.of(v1, v2, v1))
                            : new Step(List.of(v3, v2, v1), List.of(v1, v3, v2, v1));
                }
                Value v4 = peek(3);
                yield v3.size() == 2
                        ? new Step(List.of(v3, v2, v1), List.of(v2, v1, v3, v2, v1))
                        : new Step(List.of(v4, v3, v2, v1), List.of(v2, v1, v4, v3, v2, v1));
            }
            case SWAP -> new Step(List.of(v2, v1), List.of(v1, v2));
            default -> throw new IllegalArgumentException("not a stack instruction: " + opcode);
        };
    }

    private Step produce(Value value) {
        return new Step(List.of(), List.of(value));
    }

    private Step consume(int count) {
        return new Step(top(count), List.of());
    }

    /** The top {@code n} values, bottom to top; unknown category-1 values below an emptied stack. */
    List<Value> top(int n) {
        List<Value> result = new ArrayList<>(n);
        for (int i = n - 1; i >= 0; i--) {
            result.add(peek(i));
        }
        return result;
    }

    private Value peek(int depth) {
        int at = values.size() - 1 - depth;
        return at >= 0 ? values.get(at) : Value.CATEGORY_1;
    }

    static int slotSize(ClassDesc type) {
        return switch (type.descriptorString()) {
            case "V" -> 0;
            case "J", "D" -> 2;
            default -> 1;
        };
    }
}
