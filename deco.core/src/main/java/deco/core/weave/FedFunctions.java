package deco.core.weave;

import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.constant.DirectMethodHandleDesc;
import java.util.List;

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
        for (int p = Math.max(0, firstFed); p < parameters.size(); p++) { // no stream: decision 015
            ParameterUses.Use use = parameters.get(p);
            if (use == ParameterUses.Use.READ_WRITE || use == ParameterUses.Use.RECORDED_WRITES) {
                return true;
            }
        }
        return false;
    }
}
