package deco.core.weave;

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
