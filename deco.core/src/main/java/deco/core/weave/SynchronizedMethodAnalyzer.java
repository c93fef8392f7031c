package deco.core.weave;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
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
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * deco can defer; anything else is rejected. Roots of the deferred stores' targets are tainted;
 * every other load of a tainted root gets a synchronization event before it.
 */
final class SynchronizedMethodAnalyzer {

    private final ConcurrentMethods index;
    private final String sourceFile;
    private final MethodModel method;
    private final List<CodeElement> elements;
    private final List<String> problems;

    private final Map<Label, List<StackMapFrameInfo.VerificationTypeInfo>> frames = new HashMap<>();
    private final Map<Label, Integer> labelIndex = new HashMap<>();
    private final List<int[]> tryRanges = new ArrayList<>();
    private final Map<Integer, String> localNames = new HashMap<>();
    private final SynchronizedPlan plan = new SynchronizedPlan();
    private final Set<Root> tainted = new HashSet<>();
    private final Set<Integer> exemptLoads = new HashSet<>();
    private final Map<Integer, Root> loads = new HashMap<>();
    /** Loads whose value an array length consumed, and loads whose value anything else consumed. */
    private final Set<Integer> lengthUses = new HashSet<>();
    private final Set<Integer> otherUses = new HashSet<>();
    private int line = -1;

    SynchronizedMethodAnalyzer(ConcurrentMethods index, ClassModel owner, MethodModel method, CodeModel code,
                               List<String> problems) {
        this.index = index;
        this.sourceFile = owner.findAttribute(Attributes.sourceFile())
                .map(a -> a.sourceFile().stringValue())
                .orElse(owner.thisClass().asSymbol().displayName() + ".java");
        this.method = method;
        this.elements = code.elementList();
        this.problems = problems;
        code.findAttribute(Attributes.stackMapTable()).ifPresent(table ->
                table.entries().forEach(frame -> frames.put(frame.target(), frame.stack())));
    }

    /** @return the plan; problems, if any, were added to the list given to the constructor */
    SynchronizedPlan analyze() {
        prepass();
        StackModel stack = new StackModel(!method.flags().has(AccessFlag.STATIC));
        for (int i = 0; i < elements.size(); i++) {
            CodeElement element = elements.get(i);
            switch (element) {
                case LineNumber number -> line = number.line();
                case LabelTarget target when frames.containsKey(target.label()) -> {
                    rejectLive(stack, "a @Concurrent call inside a conditional expression (?:, &&, ||) is unsupported");
                    stack.reset(frames.get(target.label()));
                }
                case Instruction instruction -> step(stack, instruction, i);
                default -> {
                }
            }
        }
        loads.forEach((at, root) -> {
            boolean onlyLength = lengthUses.contains(at) && !otherUses.contains(at); // stores never change a length
            if (tainted.contains(root) && !exemptLoads.contains(at) && !onlyLength) {
                plan.syncBefore.add(at);
            }
        });
        return plan;
    }

    private void prepass() {
        for (int i = 0; i < elements.size(); i++) {
            switch (elements.get(i)) {
                case LabelTarget target -> labelIndex.put(target.label(), i);
                case LocalVariable variable -> localNames.putIfAbsent(variable.slot(), variable.name().stringValue());
                default -> {
                }
            }
        }
        for (CodeElement element : elements) {
            if (element instanceof ExceptionCatch handler) {
                tryRanges.add(new int[] {labelIndex.get(handler.tryStart()), labelIndex.get(handler.tryEnd())});
            }
        }
    }

    private void step(StackModel stack, Instruction instruction, int at) {
        StackModel.Step step = stack.step(instruction, at);
        List<Value> produced = new ArrayList<>(step.produced());
        List<Value> consumed = step.consumed();
        boolean arrayLength = instruction.opcode() == Opcode.ARRAYLENGTH;
        for (Value value : consumed) {
            if (value.rootLoad() >= 0) {
                (arrayLength && value.direct() ? lengthUses : otherUses).add(value.rootLoad());
            }
        }

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

        ConcurrentCall call = instruction instanceof InvokeInstruction invoke ? concurrentCall(invoke, at) : null;
        if (call != null) {
            List<Value> below = stack.values().subList(0, Math.max(0, stack.values().size() - consumed.size()));
            if (below.stream().anyMatch(v -> v.result() != null)) {
                problem("multiple @Concurrent calls in one expression are unsupported");
            }
            plan.calls.put(at, call);
            if (call.recordsMutations) {
                // the callee's writes to its arguments land at the event: reading them must wait
                for (Value argument : consumed) {
                    if (argument.root() != null) {
                        tainted.add(argument.root());
                        exemptLoads.add(argument.rootLoad());
                    }
                }
            }
            if (call.isVoid()) {
                call.use = ConcurrentCall.Use.STATEMENT;
                call.useIndex = at;
            } else {
                produced.set(0, produced.get(0).withResult(call));
            }
        }

        if (instruction instanceof LoadInstruction || instruction instanceof FieldInstruction) {
            for (Value value : produced) {
                if (value.direct() && value.rootLoad() == at) {
                    loads.put(at, value.root());
                }
            }
        }
        stack.apply(new StackModel.Step(consumed, produced));
        if (instruction instanceof BranchInstruction || instruction instanceof TableSwitchInstruction
                || instruction instanceof LookupSwitchInstruction) {
            rejectLive(stack, "a @Concurrent call inside a conditional expression (?:, &&, ||) is unsupported");
        }
        if (isUnconditionalExit(instruction)) {
            stack.clear();
        }
    }

    private ConcurrentCall concurrentCall(InvokeInstruction invoke, int at) {
        ConcurrentMethods.Callee callee = index.find(invoke);
        if (callee == null) {
            return null;
        }
        if (invoke.opcode() == Opcode.INVOKESPECIAL) {
            problem("calling a @Concurrent method through super is unsupported");
            return null;
        }
        if (insideTry(at)) {
            problem("a @Concurrent call inside a try block or synchronized block is unsupported: its exception "
                    + "would surface at the synchronization event, outside the block; move the try into the "
                    + "@Concurrent method or around the @Synchronized method");
            return null;
        }
        return new ConcurrentCall(at, invoke, callee.recordsMutations(), line);
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
        switch (instruction) {
            case StackInstruction stack when (stack.opcode() == Opcode.POP || stack.opcode() == Opcode.POP2)
                    && consumed.size() == 1 -> record(call, ConcurrentCall.Use.STATEMENT, at, 0, consumed);
            case StackInstruction ignored ->
                    problem("chained assignment (a[0] = b[0] = f()) or reuse of a @Concurrent result is unsupported");
            case InvokeInstruction invoke when index.find(invoke) != null ->
                    problem("a @Concurrent call as an argument of another @Concurrent call is unsupported");
            case InvokeInstruction invoke when invoke.name().equalsString("<init>") ->
                    problem("passing a @Concurrent result to a constructor is unsupported: construct in the "
                            + "@Concurrent method, or store the result first");
            case InvokeInstruction invoke -> {
                if (resultDiscarded(invoke, at)) {
                    record(call, ConcurrentCall.Use.CALL, at, position, consumed);
                } else {
                    problem("the result of " + invoke.name().stringValue() + "(...), which receives a @Concurrent "
                            + "result, is used; deco defers only calls whose result is discarded");
                }
            }
            case ArrayStoreInstruction ignored when position == 2 ->
                    record(call, ConcurrentCall.Use.ARRAY_STORE, at, position, consumed);
            case ArrayStoreInstruction ignored -> problem("a @Concurrent result used as an array or an index is unsupported");
            case StoreInstruction store -> problem("concurrent assignment only implemented for index based objects: "
                    + "assignment to local variable '" + localNames.getOrDefault(store.slot(), "#" + store.slot())
                    + "' is unsupported (use a Map, List or array, or Sync.fork)");
            case FieldInstruction field -> problem("concurrent assignment only implemented for index based objects: "
                    + "assignment to field '" + field.name().stringValue() + "' is unsupported");
            case OperatorInstruction ignored ->
                    problem("arithmetic on a @Concurrent result (f() + 1) is unsupported: store the result first");
            case InvokeDynamicInstruction ignored ->
                    problem("using a @Concurrent result in a lambda, method reference or string concatenation is unsupported");
            case ReturnInstruction ignored -> problem("returning a @Concurrent result is unsupported: store it first");
            case BranchInstruction ignored -> problem("a @Concurrent result in a condition is unsupported");
            case ThrowInstruction ignored -> problem("throwing a @Concurrent result is unsupported");
            default -> problem("this use of a @Concurrent result (" + instruction.opcode().name().toLowerCase()
                    + ") is unsupported");
        }
    }

    private void record(ConcurrentCall call, ConcurrentCall.Use use, int at, int position, List<Value> consumed) {
        call.use = use;
        call.useIndex = at;
        call.position = position;
        plan.uses.put(at, call);
        for (int p = 0; p < consumed.size(); p++) {
            Value input = consumed.get(p);
            if (p != position && input.root() != null) {
                tainted.add(input.root());
                exemptLoads.add(input.rootLoad());
            }
        }
    }

    /** The type a result is converted to, if {@code instruction} is a pure conversion of it. */
    private static ClassDesc conversion(Instruction instruction, int inputs) {
        if (inputs != 1) {
            return null;
        }
        return switch (instruction) {
            case ConvertInstruction convert -> convert.toType().upperBound();
            case TypeCheckInstruction check when check.opcode() == Opcode.CHECKCAST -> check.type().asSymbol();
            case InvokeInstruction invoke when isBoxing(invoke) || isUnboxing(invoke) ->
                    invoke.typeSymbol().returnType();
            default -> null;
        };
    }

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

    private boolean insideTry(int at) {
        for (int[] range : tryRanges) {
            if (at >= range[0] && at < range[1]) {
                return true;
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

    private static boolean isUnconditionalExit(Instruction instruction) {
        return instruction instanceof ReturnInstruction || instruction instanceof ThrowInstruction
                || instruction instanceof TableSwitchInstruction || instruction instanceof LookupSwitchInstruction
                || (instruction instanceof BranchInstruction branch
                    && (branch.opcode() == Opcode.GOTO || branch.opcode() == Opcode.GOTO_W));
    }

    private void problem(String message) {
        problems.add(sourceFile + ":" + (line < 0 ? "?" : line) + ": " + message
                + " (in " + method.methodName().stringValue() + ")");
    }
}
