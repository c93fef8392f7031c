package deco.core.woven;

import deco.core.internal.WovenSyncs;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.function.BooleanSupplier;

/**
 * Whether the calling thread holds any monitor, or any lock at all, for a woven call whose callee
 * may lock an object the weaver could not name (a lock a call returned, a value merged from two
 * branches, a path of more than four steps: {@code "M"} and {@code "U"} in {@link
 * deco.core.internal.LockPath}, decision 047). The call is then made at once, as
 * serially: the callee's task cannot wait for a lock its caller holds.
 *
 * <p>Java tells which monitors and {@code java.util.concurrent.locks} locks a thread holds only
 * through {@link ThreadMXBean}: monitors by a walk of the thread's stack (about 60 µs on the
 * machine of {@code docs/performance.md}), locks by a walk of the whole heap (0.5 to 4 ms). So
 * each is asked at most once per run of a woven {@code @Synchronized} method ({@link
 * WovenSyncs#perRun}), only by call sites whose callee needs it; once the woven method takes a lock
 * itself, the answer is yes for the rest of the run without asking ({@link
 * WovenRuntime#lockTaken}, decision 048). A thread the bean cannot
 * describe (a virtual thread; a JVM without monitor usage) counts as holding one: the calls are
 * made at once. The lock a {@code ThreadPoolExecutor} worker holds while it runs a task is not
 * counted: no task of a woven call takes it.
 *
 * <p>Thread-safe; no state of its own.
 */
final class AnyLockHeld {

    private static final String POOL_WORKER = "java.util.concurrent.ThreadPoolExecutor$Worker";
    private static final BooleanSupplier MONITORS = new Ask(false);
    private static final BooleanSupplier LOCKS = new Ask(true);

    private AnyLockHeld() {
    }

    /** {@return whether the calling thread holds any monitor, as far as it can tell} */
    static boolean monitor() {
        return WovenSyncs.perRun(WovenSyncs.MONITORS, MONITORS);
    }

    /** {@return whether the calling thread holds any monitor or {@code java.util.concurrent.locks} lock} */
    static boolean lock() {
        return WovenSyncs.perRun(WovenSyncs.LOCKS, LOCKS);
    }

    /** Reads the answer off the current thread, through the platform's {@link ThreadMXBean}. */
    private static final class Ask implements BooleanSupplier {
        private final boolean locks;

        Ask(boolean locks) {
            this.locks = locks;
        }

        @Override
        public boolean getAsBoolean() {
            Thread current = Thread.currentThread();
            if (current.isVirtual()) {
                return true; // the bean describes platform threads only
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            if (!threads.isObjectMonitorUsageSupported() || locks && !threads.isSynchronizerUsageSupported()) {
                return true;
            }
            ThreadInfo info = threads.getThreadInfo(new long[] {current.threadId()}, true, locks)[0];
            if (info == null || info.getLockedMonitors().length > 0) {
                return true; // null: a thread the bean cannot describe
            }
            for (LockInfo lock : info.getLockedSynchronizers()) {
                if (!lock.getClassName().equals(POOL_WORKER)) {
                    return true;
                }
            }
            return false;
        }
    }
}
