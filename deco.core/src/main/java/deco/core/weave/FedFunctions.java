package deco.core.weave;

import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.DirectMethodHandleDesc;
import java.util.List;
import java.util.Set;

/**
 * Whether a lambda or method reference writes what it is fed: a JDK method that runs it
 * ({@code stream.forEach(f)}, {@code filter(p)}, {@code map(f)}) hands it the elements of its
 * source, so a body that writes its own parameters writes those elements (decision 064). What it
 * captured is judged where it is made (decision 045). Stateless.
 */
final class FedFunctions {

    private FedFunctions() {
    }

    /**
     * @param indy the instruction that makes the lambda or method reference
     * @param body its body's summary, or {@code null} if the weaver cannot see it
     * @return whether running it may write an object it is handed at run time
     */
    static boolean writesWhatItIsFed(InvokeDynamicInstruction indy, ParameterUses body) {
        if (body == null || indy.bootstrapArgs().size() < 2
                || !(indy.bootstrapArgs().get(1) instanceof DirectMethodHandleDesc handle)) {
            return true;
        }
        int captured = indy.typeSymbol().parameterCount();
        boolean hasReceiver = handle.kind() != DirectMethodHandleDesc.Kind.STATIC
                && handle.kind() != DirectMethodHandleDesc.Kind.INTERFACE_STATIC
                && handle.kind() != DirectMethodHandleDesc.Kind.CONSTRUCTOR;
        if (body.isJdkBody()) { // a JDK method reference: fed its receiver or arguments, it writes them unless a query
            String owner = Descriptors.internalName(handle.owner());
            return handle.kind() != DirectMethodHandleDesc.Kind.CONSTRUCTOR
                    && !JdkMethods.isQuery(owner, handle.methodName(), !hasReceiver);
        }
        boolean receiverFed = hasReceiver && captured == 0; // an unbound reference (Cell::bump)
        if (receiverFed && body.receiver() == ParameterUses.Use.READ_WRITE) {
            return true;
        }
        int firstFed = hasReceiver && !receiverFed ? captured - 1 : captured; // a bound receiver is captured first
        List<ParameterUses.Use> parameters = body.parameters();
        for (int p = firstFed; p < parameters.size(); p++) { // no stream: decision 015
            ParameterUses.Use use = parameters.get(p);
            if (use == ParameterUses.Use.READ_WRITE || use == ParameterUses.Use.RECORDED_WRITES) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the JDK call {@code invoke} makes a function out of functions: a {@code Comparator}'s
     * or a {@code java.util.function} type's method returning one ({@code Comparator.comparing(f)},
     * {@code c.reversed()}, {@code c.thenComparing(g)}, {@code f.andThen(g)}). What it makes runs
     * the functions it was given, and the elements' {@code compareTo} and {@code equals}, which
     * decision 013 assumes write nothing; it is a new function, not the receiver (decision 065).
     */
    static boolean composesFunctions(InvokeInstruction invoke) {
        String owner = invoke.owner().asInternalName();
        String made = invoke.typeSymbol().returnType().descriptorString();
        return (owner.equals(COMPARATOR) || owner.startsWith(FUNCTIONS))
                && (made.equals("L" + COMPARATOR + ";") || made.startsWith("L" + FUNCTIONS));
    }

    /**
     * Whether the function {@link #composesFunctions a composing call} makes writes nothing it is
     * fed: its receiver, if any, and every function it is given are among {@code pureFunctions}.
     */
    static boolean composesOnlyPure(InvokeInstruction invoke, List<Value> consumed, Set<Root> pureFunctions) {
        for (int position = 0; position < consumed.size(); position++) { // no stream: decision 015
            boolean function = position == 0 && invoke.opcode() != Opcode.INVOKESTATIC
                    || JdkMethods.runsArgument(invoke, position);
            if (function && !pureFunctions.contains(consumed.get(position).root())) {
                return false;
            }
        }
        return true;
    }

    private static final String COMPARATOR = "java/util/Comparator";
    private static final String FUNCTIONS = "java/util/function/";

    /**
     * Whether the JDK call {@code invoke} runs a function that may write what it is fed: any
     * function it runs ({@link JdkMethods#runsArgument}) but a lambda made in place whose body
     * writes nothing it is fed. A function loaded from a local, a field or a parameter is not
     * among {@code pureFunctions}, which name lambdas by where they are made.
     *
     * @param consumed      the call's receiver and arguments
     * @param pureFunctions the roots of the lambdas made in place that write nothing they are fed
     */
    static boolean feedsAWriter(InvokeInstruction invoke, List<Value> consumed, Set<Root> pureFunctions) {
        for (int position = 0; position < consumed.size(); position++) { // no stream: decision 015
            if (JdkMethods.runsArgument(invoke, position) && !pureFunctions.contains(consumed.get(position).root())) {
                return true;
            }
        }
        return false;
    }
}
