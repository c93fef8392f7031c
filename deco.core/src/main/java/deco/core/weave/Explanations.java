package deco.core.weave;

import java.lang.classfile.MethodModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Says, line by line, what the weaver made of a {@code @Synchronized} method: how each
 * {@code @Concurrent} call runs and where the loop waits for pending calls, and why
 * ({@code WeaverMain --explain}, the agent's {@code explain} option). A loop that does not speed up
 * usually waits somewhere it need not in the serial program's eyes, or calls a method that runs
 * alone; these lines name the place and the rule.
 *
 * <p>Lines read {@code File.java:line: method(): what}. Stateless.
 */
final class Explanations {

    private Explanations() {
    }

    /**
     * Sends one line per {@code @Concurrent} call and per event of {@code plan} to {@code out}, in
     * code order.
     */
    static void explain(MethodModel method, SynchronizedPlan plan, Consumer<String> out) {
        String sourceFile = plan.sourceFile;
        String where = method.methodName().stringValue() + "()";
        Set<Integer> places = new TreeSet<>(plan.calls.keySet());
        places.addAll(plan.syncBefore);
        places.addAll(plan.syncIfStoresReach);
        places.addAll(plan.syncIfWalkedStoresReach.keySet());
        List<String> lines = new ArrayList<>();
        for (int at : places) { // no stream: the agent weaves on the start-up path (decision 015)
            String prefix = sourceFile + ":" + line(plan, at) + ": " + where + ": ";
            ConcurrentCall call = plan.calls.get(at);
            String reason = plan.reasons.get(at);
            if (plan.hasEventAt(at) && (call == null || reason != null)) {
                lines.add(prefix + (plan.mayWaitAt(at) ? "may wait" : "waits")
                        + " for the pending calls: " + (reason != null ? reason : "an event"));
            }
            if (call != null) {
                lines.add(prefix + callee(call) + " " + how(call));
            }
        }
        if (plan.calls.isEmpty()) {
            lines.add(sourceFile + ": " + where + ": no @Concurrent call: runs as written");
        }
        for (String line : lines) {
            out.accept(line);
        }
    }

    private static int line(SynchronizedPlan plan, int at) {
        return at < plan.lines.length ? plan.lines[at] : -1;
    }

    private static String callee(ConcurrentCall call) {
        String owner = call.call.owner().asInternalName();
        return owner.substring(owner.lastIndexOf('/') + 1) + "." + call.call.name().stringValue() + "(…)";
    }

    private static String how(ConcurrentCall call) {
        if (call.setsProcessState) {
            return "is made at once on the caller's thread, after every pending call: it sets process-wide "
                    + "state, or runs a lambda that does (decision 057)";
        }
        if (call.perThread) {
            return "is made on the caller's thread: it uses a ThreadLocal (decision 045)";
        }
        return "runs as a task beside the loop" + (call.shippable ? "" : " (in this JVM: it writes what it is "
                + "given, its receiver or a static)") + (call.overridable ? "; alone, after every pending call, "
                + "when its receiver's class overrides it (decision 067)" : "");
    }
}
