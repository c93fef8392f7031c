package deco.core.weave;

import deco.core.woven.WovenRuntime;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.TypeKind;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a woven {@code @Synchronized} method, following a {@link SynchronizedPlan}. In
 * pseudo-Java, the method becomes:
 * <pre>
 * Sync sync = WovenRuntime.open();
 * try {
 *     ... original body, where
 *         map.put(k, f(x))  becomes  defer[map.put](map, k, task[f](x), sync)
 *         f(x);             becomes  WovenRuntime.fork(task[f](x), sync)
 *         a load of a variable a pending store writes into  gets  sync.sync()  before it
 *         return v          becomes  WovenRuntime.close(sync); return v
 * } catch (Throwable t) {
 *     throw WovenRuntime.closeAfterThrow(t, sync);
 * }
 * </pre>
 */
final class SynchronizedMethodRewriter implements CodeTransform {

    private final SynchronizedPlan plan;
    private int syncSlot;
    private int index;
    private Label start;

    SynchronizedMethodRewriter(SynchronizedPlan plan) {
        this.plan = plan;
    }

    @Override
    public void atStart(CodeBuilder code) {
        syncSlot = code.allocateLocal(TypeKind.REFERENCE);
        start = code.newLabel();
        code.invokestatic(Descriptors.WOVEN_RUNTIME, "open", Descriptors.OPEN);
        code.astore(syncSlot);
        code.labelBinding(start);
    }

    @Override
    public void accept(CodeBuilder code, CodeElement element) {
        int i = index++;
        if (plan.syncBefore.contains(i)) {
            code.aload(syncSlot);
            code.invokevirtual(Descriptors.SYNC, "sync", Descriptors.SYNC_EVENT);
        }
        ConcurrentCall call = plan.calls.get(i);
        if (call != null) {
            task(code, call);
            if (call.isVoid()) {
                fork(code, syncSlot);
            }
            return;
        }
        if (plan.removed.contains(i)) {
            return;
        }
        ConcurrentCall use = plan.uses.get(i);
        if (use != null) {
            if (use.use == ConcurrentCall.Use.STATEMENT) {
                fork(code, syncSlot);
            } else {
                defer(code, use, element, syncSlot);
            }
            return;
        }
        if (element instanceof ReturnInstruction) {
            code.aload(syncSlot);
            code.invokestatic(Descriptors.WOVEN_RUNTIME, "close", Descriptors.CLOSE);
        }
        code.with(element);
    }

    @Override
    public void atEnd(CodeBuilder code) {
        Label end = code.newBoundLabel();
        code.aload(syncSlot);
        code.invokestatic(Descriptors.WOVEN_RUNTIME, "closeAfterThrow", Descriptors.CLOSE_AFTER_THROW);
        code.athrow();
        code.exceptionCatchAll(start, end, end);
    }

    /** Replaces the call: the receiver and arguments on the stack become a task. */
    private static void task(CodeBuilder code, ConcurrentCall call) {
        MethodTypeDesc captures = MethodTypeDesc.of(Descriptors.CALLABLE, Descriptors.inputs(call.call));
        int flags = call.recordsMutations ? WovenRuntime.RECORDS_MUTATIONS : 0;
        code.invokedynamic(DynamicCallSiteDesc.of(Descriptors.TASK_BOOTSTRAP, "task", captures,
                Descriptors.handle(call.call), flags));
    }

    private static void fork(CodeBuilder code, int syncSlot) {
        code.aload(syncSlot);
        code.invokestatic(Descriptors.WOVEN_RUNTIME, "fork", Descriptors.FORK);
    }

    /** Replaces the use: its inputs, with the task in place of the result, are deferred. */
    private static void defer(CodeBuilder code, ConcurrentCall call, CodeElement use, int syncSlot) {
        DirectMethodHandleDesc consumer;
        ClassDesc[] inputs;
        ClassDesc returns;
        if (use instanceof InvokeInstruction invoke) {
            consumer = Descriptors.handle(invoke);
            inputs = Descriptors.inputs(invoke);
            returns = invoke.typeSymbol().returnType();
        } else {
            Helper helper = Helper.arrayStore(((ArrayStoreInstruction) use).typeKind());
            consumer = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, Descriptors.WOVEN_RUNTIME,
                    helper.name(), helper.type());
            inputs = helper.type().parameterList().subList(0, 3).toArray(ClassDesc[]::new);
            returns = ConstantDescs.CD_void;
        }
        List<ClassDesc> siteInputs = new ArrayList<>(Arrays.asList(inputs));
        siteInputs.set(call.position, Descriptors.CALLABLE);
        siteInputs.add(Descriptors.SYNC);
        StringBuilder conversions = new StringBuilder();
        call.conversions.forEach(type -> conversions.append(type.descriptorString()));
        code.aload(syncSlot);
        code.invokedynamic(DynamicCallSiteDesc.of(Descriptors.DEFER_BOOTSTRAP, "defer",
                MethodTypeDesc.of(returns, siteInputs), consumer, call.position, conversions.toString()));
    }
}
