package deco.core.weave;

import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.List;

/**
 * One call of a {@code @Concurrent} method inside a {@code @Synchronized} method, as the
 * analysis found it: the call, the conversions its result passes through, and what consumes it.
 */
final class ConcurrentCall {

    /** What the serial program does with the result. */
    enum Use {
        /** {@code f(x);} — the result, if any, is discarded. */
        STATEMENT,
        /** {@code g(..., f(x), ...);} including {@code map.put}, {@code list.set}, {@code out.add}. */
        CALL,
        /** {@code array[i] = f(x);} */
        ARRAY_STORE
    }

    final int callIndex;
    final InvokeInstruction call;
    /** The task records the callee's writes to its arguments; false if it writes them through. */
    boolean recordsMutations;
    /** The callee's {@code parallelism} is 0: its task needs no {@link deco.core.ConcurrencyLimit}. */
    final boolean unlimited;
    /** The callee's effects on its arguments are all recorded: its task may run in another JVM. */
    boolean shippable;
    /** The callee reads nothing but its arguments: no field, no static, no ScopedValue (decision 040). */
    final boolean readsOnlyArguments;
    /** The callee uses a {@code ThreadLocal}: the call is made on the caller's thread (decision 045). */
    final boolean perThread;
    /**
     * The callee may set process-wide state (a system property, the default locale): the call is
     * made on the caller's thread after every pending call, a barrier (decision 057); or it may be
     * handed a lambda that does ({@link LambdasHandedToCalls}).
     */
    boolean setsProcessState;
    /** What the callee may lock that the caller could hold, by {@link TakenLocks} name (decision 044). */
    final List<String> locks;
    /**
     * The call dispatches on its receiver's class to a method a subclass may override: at run time
     * a receiver whose class overrides it makes the call alone (decision 067).
     */
    final boolean overridable;
    final int line;
    /** The result's type after the call, then after each conversion. */
    final List<ClassDesc> conversions = new ArrayList<>();

    Use use;
    int useIndex = -1;
    /** For CALL and ARRAY_STORE: where the result goes among the consumer's inputs. */
    int position;

    ConcurrentCall(int callIndex, InvokeInstruction call, boolean recordsMutations, boolean unlimited,
                   boolean shippable, boolean readsOnlyArguments, boolean perThread, boolean setsProcessState,
                   List<String> locks, boolean overridable, int line) {
        this.callIndex = callIndex;
        this.call = call;
        this.recordsMutations = recordsMutations;
        this.unlimited = unlimited;
        this.shippable = shippable;
        this.readsOnlyArguments = readsOnlyArguments;
        this.perThread = perThread;
        this.setsProcessState = setsProcessState;
        this.locks = locks;
        this.overridable = overridable;
        this.line = line;
        ClassDesc returnType = call.typeSymbol().returnType();
        conversions.add(returnType);
    }

    /**
     * This call reads what it writes through another input ({@link RecordedArguments}): its task
     * writes its arguments directly, so it runs in this JVM.
     */
    void writeThrough() {
        recordsMutations = false;
        shippable = false;
    }

    /**
     * This call may run code that sets process-wide state: it is made at once on the caller's
     * thread, in this JVM (decision 057).
     */
    void runsCodeSettingProcessState() {
        setsProcessState = true;
        shippable = false;
    }

    boolean isVoid() {
        return call.typeSymbol().returnType().descriptorString().equals("V");
    }
}
