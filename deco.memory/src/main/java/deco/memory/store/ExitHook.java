package deco.memory.store;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * What deco does when the JVM exits while collections are open and other threads still use them
 * ({@code System.exit}, SIGTERM, the last non-daemon thread ending): no write is cut short, and no
 * thread touches a file that is no longer mapped (decision 029).
 *
 * <ul>
 *   <li><b>Writes stop whole.</b> A shutdown hook marks the JVM as exiting, then takes and releases
 *   the update lock of every segment of every open part: a write in flight holds its segment's
 *   lock, so it has finished by then. A write that takes its lock afterwards sees the mark under the lock and refuses, before it
 *   changes anything ({@link #refusal}). The hook waits {@link #BUDGET_NANOS} in all; a segment
 *   still locked then (a thread stuck, or another process) is named on standard error.</li>
 *   <li><b>Parts stay mapped.</b> Chronicle Map closes every map it opened in its own shutdown hook,
 *   which unmaps the file under any thread still reading or writing it: measured, 2 exits in 80
 *   crashed the JVM (SIGSEGV). deco takes its parts out of that hook ({@link #detach}); the operating
 *   system unmaps them when the process ends, after every thread has stopped. The data is the same
 *   either way: a shared mapping's pages belong to the file, not to the process.</li>
 * </ul>
 *
 * <p>What stays as after a kill: an exit still counts as a session that did not close, so the next
 * process to open the collection alone runs Chronicle's recovery (a reader that was inside a
 * segment when the JVM halted may have left its read lock counted). A {@code DiskList} operation of
 * several writes may stop between two of them; its record in {@code size.shift} lets the next open
 * finish it.
 *
 * <p>Thread-safe. The mark is a volatile field; the set of open stores is concurrent.
 */
final class ExitHook {

    /** How long the hook waits, in all, for writes in flight to finish. */
    static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final Set<HashedStore> STORES = ConcurrentHashMap.newKeySet();
    private static final MethodHandle CHRONICLE_HOOK_REMOVE = chronicleHookRemove();
    private static volatile boolean exiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExitHook::stopWrites, "deco-exit"));
    }

    private ExitHook() {
    }

    /** @param store a store now open in this JVM; its writes are awaited when the JVM exits */
    static void register(HashedStore store) {
        STORES.add(store);
    }

    /** @param store a store whose files this JVM closed */
    static void unregister(HashedStore store) {
        STORES.remove(store);
    }

    /** @return whether the JVM is exiting and writes are refused */
    static boolean exiting() {
        return exiting;
    }

    /**
     * @param directory the collection a write was refused for
     * @return the exception a write throws once the JVM is exiting
     */
    static IllegalStateException refusal(java.nio.file.Path directory) {
        return new IllegalStateException("the JVM is exiting: deco no longer writes to " + directory
                + ", so that no write is cut short when the process ends; nothing was written");
    }

    /**
     * Takes a part out of Chronicle Map's close-on-exit hook, so that Chronicle never unmaps it
     * under a thread that still uses it. Chronicle offers no public way to do this for a map opened
     * from an existing file (its builder's {@code skipCloseOnExitHook} is not kept in the file), so
     * this calls the hook's own {@code remove}; Chronicle's jars are automatic modules or on the
     * class path, whose packages are open. If that ever fails, the part stays in the hook: the
     * behaviour of Chronicle Map without deco.
     *
     * @param part a part just opened or created
     */
    static void detach(ChronicleMap<?, ?> part) {
        if (CHRONICLE_HOOK_REMOVE == null || !(part instanceof VanillaChronicleHash<?, ?, ?, ?> hash)) {
            return;
        }
        try {
            CHRONICLE_HOOK_REMOVE.invoke(hash);
        } catch (Throwable e) {
            // left in Chronicle's hook: closed at exit, as Chronicle Map does without deco
        }
    }

    /** @return whether parts are taken out of Chronicle's close-on-exit hook in this JVM */
    static boolean detaches() {
        return CHRONICLE_HOOK_REMOVE != null;
    }

    private static MethodHandle chronicleHookRemove() {
        try {
            Class<?> hook = Class.forName("net.openhft.chronicle.hash.impl.ChronicleHashCloseOnExitHook");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(hook, MethodHandles.lookup());
            return lookup.findStatic(hook, "remove", MethodType.methodType(void.class, VanillaChronicleHash.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The shutdown hook: marks the JVM as exiting, then waits for the writes in flight. */
    static void stopWrites() {
        exiting = true;
        long deadline = System.nanoTime() + BUDGET_NANOS;
        for (HashedStore store : STORES) {
            int stuck = store.awaitWritesInFlight(deadline);
            if (stuck > 0) {
                System.err.println("deco: " + stuck + " segment(s) of " + store.directory() + " were still locked"
                        + " when the JVM exited; the next process to open it alone recovers it");
            }
        }
    }
}
