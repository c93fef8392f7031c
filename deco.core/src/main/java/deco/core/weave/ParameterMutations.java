package deco.core.weave;

import java.lang.classfile.Attributes;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the index-based mutations a {@code @Concurrent} method makes to its own parameters:
 * {@code param.put(k, v)} on a {@code Map}, {@code param.set(i, v)} on a {@code List},
 * {@code param[i] = v} on an array — where {@code param} is a parameter the method never
 * reassigns. These are recorded and replayed at the caller's synchronization event
 * (decision 004).
 */
final class ParameterMutations {

    private ParameterMutations() {
    }

    /** The mutations of {@code method}, by element index of its code; empty if none. */
    static Map<Integer, Helper> find(MethodModel method) {
        CodeModel code = method.code().orElse(null);
        if (code == null) {
            return Map.of();
        }
        boolean isStatic = method.flags().has(AccessFlag.STATIC);
        Set<Integer> parameters = parameterSlots(method, isStatic);
        List<CodeElement> elements = code.elementList();
        for (CodeElement element : elements) {
            if (element instanceof StoreInstruction store) {
                parameters.remove(store.slot());
            }
        }
        if (parameters.isEmpty()) {
            return Map.of();
        }
        Map<Label, List<StackMapFrameInfo.VerificationTypeInfo>> frames = new HashMap<>();
        code.findAttribute(Attributes.stackMapTable()).ifPresent(table ->
                table.entries().forEach(frame -> frames.put(frame.target(), frame.stack())));
        Map<Integer, Helper> mutations = new LinkedHashMap<>();
        StackModel stack = new StackModel(!isStatic);
        for (int index = 0; index < elements.size(); index++) {
            CodeElement element = elements.get(index);
            if (element instanceof LabelTarget target && frames.containsKey(target.label())) {
                stack.reset(frames.get(target.label()));
                continue;
            }
            if (!(element instanceof Instruction instruction)) {
                continue;
            }
            StackModel.Step step = stack.step(instruction, index);
            Helper mutation = mutation(instruction, step, parameters);
            if (mutation != null) {
                mutations.put(index, mutation);
            }
            stack.apply(step);
        }
        return mutations;
    }

    private static Helper mutation(Instruction instruction, StackModel.Step step, Set<Integer> parameters) {
        if (step.consumed().isEmpty()) {
            return null;
        }
        Value target = step.consumed().get(0);
        if (!target.direct() || target.root() == null || !parameters.contains(target.root().slot())) {
            return null;
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

    private static Set<Integer> parameterSlots(MethodModel method, boolean isStatic) {
        Set<Integer> slots = new HashSet<>();
        int slot = isStatic ? 0 : 1;
        for (ClassDesc parameter : method.methodTypeSymbol().parameterList()) {
            if (!parameter.isPrimitive()) {
                slots.add(slot);
            }
            slot += StackModel.slotSize(parameter);
        }
        return slots;
    }
}
