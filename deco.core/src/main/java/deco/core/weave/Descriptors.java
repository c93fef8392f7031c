package deco.core.weave;

import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.List;

/** The symbolic references woven code uses. */
final class Descriptors {

    static final ClassDesc SYNC = ClassDesc.of("deco.core.Sync");
    static final ClassDesc WOVEN_RUNTIME = ClassDesc.of("deco.core.woven.WovenRuntime");
    static final ClassDesc MUTATION_LOG = ClassDesc.of("deco.core.woven.MutationLog");
    static final ClassDesc CALLABLE = ClassDesc.of("java.util.concurrent.Callable");
    static final ClassDesc THROWABLE = ClassDesc.of("java.lang.Throwable");

    static final MethodTypeDesc OPEN = MethodTypeDesc.of(SYNC);
    static final MethodTypeDesc NOTHING = MethodTypeDesc.of(ConstantDescs.CD_void);
    /** {@code WovenRuntime.sync} and {@code close}: {@code (Sync)void}. */
    static final MethodTypeDesc EVENT = MethodTypeDesc.of(ConstantDescs.CD_void, SYNC);
    static final MethodTypeDesc EVENT_IF_STORES_REACH = MethodTypeDesc.of(ConstantDescs.CD_void,
            ConstantDescs.CD_Object, SYNC);
    /** {@code WovenRuntime.settle} and {@code closeAfterThrow}: {@code (Throwable, Sync)Throwable}. */
    static final MethodTypeDesc EVENT_AFTER_THROW = MethodTypeDesc.of(THROWABLE, THROWABLE, SYNC);
    static final MethodTypeDesc FORK = MethodTypeDesc.of(ConstantDescs.CD_void, CALLABLE, SYNC);
    static final MethodTypeDesc CLAIM_LOG = MethodTypeDesc.of(MUTATION_LOG);

    static final DirectMethodHandleDesc TASK_BOOTSTRAP = ConstantDescs.ofCallsiteBootstrap(
            WOVEN_RUNTIME, "task", ConstantDescs.CD_CallSite, ConstantDescs.CD_MethodHandle, ConstantDescs.CD_int);
    /** {@code WovenRuntime.taskTakingLocks}: {@link #TASK_BOOTSTRAP}'s, then the names of the locks the callee takes (decision 044). */
    static final DirectMethodHandleDesc TASK_TAKING_LOCKS_BOOTSTRAP = ConstantDescs.ofCallsiteBootstrap(
            WOVEN_RUNTIME, "taskTakingLocks", ConstantDescs.CD_CallSite, ConstantDescs.CD_MethodHandle,
            ConstantDescs.CD_int, ConstantDescs.CD_String.arrayType());
    static final DirectMethodHandleDesc DEFER_BOOTSTRAP = ConstantDescs.ofCallsiteBootstrap(
            WOVEN_RUNTIME, "defer", ConstantDescs.CD_CallSite, ConstantDescs.CD_MethodHandle, ConstantDescs.CD_int,
            ConstantDescs.CD_String);

    private Descriptors() {
    }

    /** The internal name of a class or interface type ({@code java/lang/Object}); an array's descriptor as it is. */
    static String internalName(ClassDesc type) {
        String descriptor = type.descriptorString();
        return descriptor.startsWith("L") ? descriptor.substring(1, descriptor.length() - 1) : descriptor;
    }

    /**
     * The method {@code invoke} calls as the JVM names it in a null dereference's message
     * ({@code app.Model$Cell.value(int, String, java.util.List)}): the class as named by the call,
     * parameter types in Java form, {@code java.lang} types without their package.
     */
    static String helpfulName(InvokeInstruction invoke) {
        StringBuilder name = new StringBuilder(invoke.owner().asInternalName().replace('/', '.'))
                .append('.').append(invoke.name().stringValue()).append('(');
        List<ClassDesc> parameters = invoke.typeSymbol().parameterList();
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) {
                name.append(", ");
            }
            appendJavaName(name, parameters.get(i));
        }
        return name.append(')').toString();
    }

    private static void appendJavaName(StringBuilder name, ClassDesc type) {
        if (type.isArray()) {
            appendJavaName(name, type.componentType());
            name.append("[]");
        } else if (type.isPrimitive()) {
            name.append(type.displayName());
        } else {
            String qualified = internalName(type).replace('/', '.');
            boolean javaLang = qualified.startsWith("java.lang.") && qualified.indexOf('.', "java.lang.".length()) < 0;
            name.append(javaLang ? qualified.substring("java.lang.".length()) : qualified);
        }
    }

    /** The method handle of the method {@code invoke} calls. */
    static DirectMethodHandleDesc handle(InvokeInstruction invoke) {
        DirectMethodHandleDesc.Kind kind = switch (invoke.opcode()) {
            case INVOKESTATIC -> invoke.isInterface()
                    ? DirectMethodHandleDesc.Kind.INTERFACE_STATIC : DirectMethodHandleDesc.Kind.STATIC;
            case INVOKEINTERFACE -> DirectMethodHandleDesc.Kind.INTERFACE_VIRTUAL;
            case INVOKESPECIAL -> invoke.isInterface()
                    ? DirectMethodHandleDesc.Kind.INTERFACE_SPECIAL : DirectMethodHandleDesc.Kind.SPECIAL;
            default -> DirectMethodHandleDesc.Kind.VIRTUAL;
        };
        return MethodHandleDesc.ofMethod(kind, invoke.owner().asSymbol(), invoke.name().stringValue(),
                invoke.typeSymbol());
    }

    /** The declared type of the stack input of {@code invoke} at {@code position}: its owner for the receiver. */
    static ClassDesc input(InvokeInstruction invoke, int position) {
        int first = invoke.opcode() == Opcode.INVOKESTATIC ? 0 : 1;
        return position < first ? invoke.owner().asSymbol() : invoke.typeSymbol().parameterList().get(position - first);
    }

    /** The stack inputs of {@code invoke}: the receiver (unless static), then the parameters. */
    static ClassDesc[] inputs(InvokeInstruction invoke) {
        MethodTypeDesc type = invoke.typeSymbol();
        boolean isStatic = invoke.opcode() == Opcode.INVOKESTATIC;
        ClassDesc[] inputs = new ClassDesc[type.parameterCount() + (isStatic ? 0 : 1)];
        int at = 0;
        if (!isStatic) {
            inputs[at++] = invoke.owner().asSymbol();
        }
        for (ClassDesc parameter : type.parameterList()) {
            inputs[at++] = parameter;
        }
        return inputs;
    }
}
