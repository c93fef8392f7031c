package deco.core.weave;

import deco.core.woven.WovenRuntime;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.TypeKind;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a woven {@code @Synchronized} method, following a {@link SynchronizedPlan}. In
 * pseudo-Java, the method becomes:
 * <pre>
 * Sync sync = WovenRuntime.open();
 * try {
 *     ... original body, where
 *         map.put(k, f(x))  becomes  defer[map.put](map, k, task[f](x), sync)
 *         f(x);             becomes  WovenRuntime.fork(task[f](x), sync)
 *         a read or write that pending work conflicts with  gets  WovenRuntime.sync(sync)  before it
 *         int[] a = in  (an array, or a list, pending stores may reach)  becomes  int[] a = in,
 *                       then WovenRuntime.syncIfStoresReach(in, sync)
 *         for (K k : keys)  keeps keys beside its iterator, and each step of the iterator is
 *                       preceded by WovenRuntime.syncIfWalkedStoresReach(keys, sync)
 *         return v          becomes  WovenRuntime.close(sync); return v
 *         try { B } catch   becomes  sync; try { B, with an event before every exit } catch, and an
 *                           exception leaving B first passes WovenRuntime.settle (inside the try)
 * } catch (Throwable t) {
 *     throw WovenRuntime.closeAfterThrow(t, sync);
 * }
 * </pre>
 *
 * <p>The exception table is rewritten in order: each woven try's catch-all "settle" entry comes
 * right before the first original entry whose range contains it (after the entries of tries
 * nested inside it), the original entries follow (those starting where a woven try starts begin
 * after the entry event), then each settle block is covered by copies of the original entries
 * around its try, and last the method's own catch-all.
 */
final class SynchronizedMethodRewriter implements CodeTransform {

    private final SynchronizedPlan plan;
    private final Map<Label, Label> bodyStarts = new HashMap<>();
    private final Map<SynchronizedPlan.WovenTry, Label> settles = new IdentityHashMap<>(); // by identity: no record bootstrap (decision 015)
    private int syncSlot;
    /**
     * For each local holding an iterator the method made and steps: the slots of the collection it
     * walks, as the call that makes it is about to run and as of its last store (decision 062).
     */
    private final Map<Integer, int[]> walkedSlots = new HashMap<>();
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
        for (Integer slot : plan.walkedStores.values()) {
            keepWalked(code, slot, true);
        }
        for (int[] taken : plan.takenStores.values()) {
            keepWalked(code, taken[1], false); // an entry is not made: nothing to keep before a call
        }
        code.labelBinding(start);
        for (SynchronizedPlan.WovenTry block : plan.tries) {
            bodyStarts.putIfAbsent(block.start(), code.newLabel());
            settles.put(block, code.newLabel());
        }
        for (Label tryStart : plan.syncedTryStarts) {
            bodyStarts.putIfAbsent(tryStart, code.newLabel());
        }
    }

    @Override
    public void accept(CodeBuilder code, CodeElement element) {
        int i = index++;
        if (element instanceof ExceptionCatch) {
            return; // the table is written in atEnd, in the order the woven tries need
        }
        if (plan.syncBefore.contains(i)) {
            sync(code);
        }
        if (element instanceof LabelTarget target && bodyStarts.containsKey(target.label())) {
            code.with(element);
            sync(code); // pending work from before the try surfaces before it, as serially
            code.labelBinding(bodyStarts.get(target.label()));
            return;
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
            if (plan.syncBeforeReturn.contains(i)) {
                sync(code); // inside the try: a task's failure reaches its handlers
            }
            code.aload(syncSlot);
            code.invokestatic(Descriptors.WOVEN_RUNTIME, "close", Descriptors.EVENT);
        }
        int[] walking = walkedSlots.get(plan.walkedBy.get(i));
        if (walking != null) {
            code.dup(); // the collection whose iterator() runs next
            code.astore(walking[0]);
        }
        code.with(element);
        if (plan.syncIfStoresReach.contains(i)) {
            code.dup(); // the array or list just loaded
            code.aload(syncSlot);
            code.invokestatic(Descriptors.WOVEN_RUNTIME, "syncIfStoresReach", Descriptors.EVENT_IF_STORES_REACH);
        }
        int[] stored = walkedSlots.get(plan.walkedStores.get(i));
        if (stored != null) { // the iterator is kept: so is what it walks
            code.aload(stored[0]);
            code.astore(stored[1]);
        }
        int[] taken = plan.takenStores.get(i);
        if (taken != null) { // an entry the iterator gave is kept: what it belongs to is the iterator's
            code.aload(walkedSlots.get(taken[0])[1]);
            code.astore(walkedSlots.get(taken[1])[1]);
        }
        int[] stepped = walkedSlots.get(plan.syncIfWalkedStoresReach.get(i));
        if (stepped != null) {
            code.aload(stepped[1]);
            code.aload(syncSlot);
            code.invokestatic(Descriptors.WOVEN_RUNTIME, "syncIfWalkedStoresReach", Descriptors.EVENT_IF_STORES_REACH);
        }
        if (plan.locksTaken.contains(i)) {
            code.invokestatic(Descriptors.WOVEN_RUNTIME, "lockTaken", Descriptors.NOTHING);
        }
    }

    /**
     * Locals, set to {@code null} at the start, for the iterator or entry in {@code slot}: the
     * collection whose iterator is being made (for an iterator, {@code made}), and the one it walks
     * as of its last store.
     */
    private void keepWalked(CodeBuilder code, int slot, boolean made) {
        if (walkedSlots.containsKey(slot)) {
            return;
        }
        int making = made ? code.allocateLocal(TypeKind.REFERENCE) : -1;
        int walked = code.allocateLocal(TypeKind.REFERENCE);
        if (made) {
            code.aconst_null();
            code.astore(making);
        }
        code.aconst_null();
        code.astore(walked);
        walkedSlots.put(slot, new int[] {making, walked});
    }

    /** Nested tries before the tries around them: shorter ranges first. */
    private static final Comparator<SynchronizedPlan.WovenTry> INNERMOST_FIRST = new Comparator<>() {
        @Override
        public int compare(SynchronizedPlan.WovenTry a, SynchronizedPlan.WovenTry b) {
            return Integer.compare(a.endIndex() - a.startIndex(), b.endIndex() - b.startIndex());
        }
    };

    @Override
    public void atEnd(CodeBuilder code) {
        List<SynchronizedPlan.WovenTry> pending = new ArrayList<>(plan.tries);
        pending.sort(INNERMOST_FIRST);
        for (SynchronizedPlan.Handler handler : plan.handlers) {
            for (java.util.Iterator<SynchronizedPlan.WovenTry> it = pending.iterator(); it.hasNext(); ) {
                SynchronizedPlan.WovenTry block = it.next();
                if (block.within(handler.startIndex(), handler.endIndex())) {
                    code.exceptionCatchAll(bodyStarts.get(block.start()), block.end(), settles.get(block));
                    it.remove();
                }
            }
            ExceptionCatch entry = handler.entry();
            Label from = bodyStarts.getOrDefault(entry.tryStart(), entry.tryStart());
            code.exceptionCatch(from, entry.tryEnd(), entry.handler(), entry.catchType());
        }
        for (SynchronizedPlan.WovenTry block : plan.tries) {
            code.labelBinding(settles.get(block));
            code.aload(syncSlot);
            code.invokestatic(Descriptors.WOVEN_RUNTIME, "settle", Descriptors.EVENT_AFTER_THROW);
            code.athrow();
            Label settled = code.newBoundLabel();
            for (SynchronizedPlan.Handler handler : plan.handlers) {
                if (block.within(handler.startIndex(), handler.endIndex())) {
                    code.exceptionCatch(settles.get(block), settled, handler.entry().handler(),
                            handler.entry().catchType());
                }
            }
        }
        Label end = code.newBoundLabel();
        code.aload(syncSlot);
        code.invokestatic(Descriptors.WOVEN_RUNTIME, "closeAfterThrow", Descriptors.EVENT_AFTER_THROW);
        code.athrow();
        code.exceptionCatchAll(start, end, end);
    }

    private void sync(CodeBuilder code) {
        code.aload(syncSlot);
        code.invokestatic(Descriptors.WOVEN_RUNTIME, "sync", Descriptors.EVENT);
    }

    /** Replaces the call: the receiver and arguments on the stack become a task. */
    private static void task(CodeBuilder code, ConcurrentCall call) {
        MethodTypeDesc captures = MethodTypeDesc.of(Descriptors.CALLABLE, Descriptors.inputs(call.call));
        int flags = (call.recordsMutations ? WovenRuntime.RECORDS_MUTATIONS : 0)
                | (call.unlimited ? WovenRuntime.UNLIMITED : 0)
                | (call.shippable ? WovenRuntime.SHIPPABLE : 0)
                | (call.readsOnlyArguments ? WovenRuntime.READS_ONLY_ARGUMENTS : 0)
                | (call.perThread ? WovenRuntime.USES_THREAD_LOCALS : 0)
                | (call.setsProcessState ? WovenRuntime.SETS_PROCESS_STATE : 0)
                | (call.overridable ? WovenRuntime.OVERRIDABLE : 0);
        if (call.locks.isEmpty()) {
            code.invokedynamic(DynamicCallSiteDesc.of(Descriptors.TASK_BOOTSTRAP, "task", captures,
                    Descriptors.handle(call.call), flags));
            return;
        }
        ConstantDesc[] arguments = new ConstantDesc[2 + call.locks.size()];
        arguments[0] = Descriptors.handle(call.call);
        arguments[1] = flags;
        for (int i = 0; i < call.locks.size(); i++) {
            arguments[2 + i] = call.locks.get(i);
        }
        code.invokedynamic(DynamicCallSiteDesc.of(Descriptors.TASK_TAKING_LOCKS_BOOTSTRAP, "task", captures,
                arguments));
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
            IndexedStore helper = IndexedStore.arrayStore(((ArrayStoreInstruction) use).typeKind());
            consumer = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, Descriptors.WOVEN_RUNTIME,
                    helper.name(), helper.type());
            inputs = helper.type().parameterList().subList(0, 3).toArray(new ClassDesc[0]);
            returns = ConstantDescs.CD_void;
        }
        List<ClassDesc> siteInputs = new ArrayList<>(Arrays.asList(inputs));
        siteInputs.set(call.position, Descriptors.CALLABLE);
        siteInputs.add(Descriptors.SYNC);
        StringBuilder conversions = new StringBuilder();
        for (ClassDesc type : call.conversions) {
            conversions.append(type.descriptorString());
        }
        conversions.append(' ').append(Descriptors.helpfulName(call.call)); // for a null result's message
        code.aload(syncSlot);
        code.invokedynamic(DynamicCallSiteDesc.of(Descriptors.DEFER_BOOTSTRAP, "defer",
                MethodTypeDesc.of(returns, siteInputs), consumer, call.position, conversions.toString()));
    }
}
