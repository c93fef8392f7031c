package deco.core.woven;

import deco.core.internal.WovenSyncs;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Whether the thread making a woven call runs under {@code ScopedValue} bindings, for calls whose
 * callee may read them on an engine that cannot carry them to a task (the virtual-thread engine,
 * a remote engine): such a call is made at once ({@link CallsMadeAtOnce}, decision 040), so it
 * reads the bindings the serial program read.
 *
 * <p>Java has no API that tells whether a thread has bindings. Without {@code StructuredTaskScope}
 * (a preview API, which the virtual-thread engine runs without) a thread gets bindings only from
 * {@code ScopedValue.Carrier.run} or {@code call} frames on its own stack, so the stack says.
 * Deco's own binding of a task's mutation log ({@link RecordingTask}) does not count. Every woven
 * call of one {@code @Synchronized} method is made under the bindings the method began with, so
 * the method's woven {@code Sync} keeps the answer: one stack walk per method run.
 */
final class OwnerBindings {

    private static final String CARRIER = "java.lang.ScopedValue$Carrier";
    private static final String RECORDING_TASK = RecordingTask.class.getName();
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final CarrierFrame CARRIER_FRAME = new CarrierFrame();
    private static final StackWalk STACK = new StackWalk();
    private static final MethodHandle PRESENT;

    static {
        try {
            PRESENT = MethodHandles.lookup().findStatic(OwnerBindings.class, "present", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private OwnerBindings() {
    }

    /**
     * @param factory the type of the call's task factory, {@code (receiver?, arguments...)Callable}
     * @return {@code (receiver?, arguments...)boolean}: whether the calling thread has bindings
     */
    static MethodHandle test(MethodType factory) {
        return MethodHandles.dropArguments(PRESENT, 0, factory.parameterList());
    }

    /** Whether the calling thread runs under a binding of a {@code ScopedValue} not deco's own. */
    static boolean present() {
        return WovenSyncs.perRun(WovenSyncs.BINDINGS, STACK);
    }

    /** Reads the answer off the calling thread's stack. */
    private static final class StackWalk implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            return WALKER.walk(CARRIER_FRAME);
        }
    }

    /** Whether a frame of {@code ScopedValue.Carrier} is on the stack, other than one a {@link RecordingTask} called. */
    private static final class CarrierFrame implements Function<Stream<StackWalker.StackFrame>, Boolean> {
        @Override
        public Boolean apply(Stream<StackWalker.StackFrame> frames) {
            boolean carrier = false;
            for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                String type = it.next().getClassName();
                if (carrier && !type.equals(CARRIER)) {
                    if (!type.equals(RECORDING_TASK)) {
                        return true; // bound by code other than deco's task
                    }
                    carrier = false;
                } else if (type.equals(CARRIER)) {
                    carrier = true;
                }
            }
            return carrier;
        }
    }
}
