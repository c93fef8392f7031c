package deco.memory.store;

import deco.memory.DiskDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;

/**
 * A child JVM's main for {@link ExitHookTest}: a thread holds a segment's update lock, as a write in
 * flight does, while the main thread calls {@code System.exit}. Once the exit hook has marked the
 * JVM as exiting, the thread tries a put through the DiskDict, then finishes its own write, checks
 * that the hook is still waiting for it, and releases the lock. Prints what happened.
 */
final class ExitChild {

    /** The key of the write in flight. */
    static final long IN_FLIGHT = 42;
    /** The key of the put tried after the exit began. */
    static final long AFTER_EXIT = 43;

    private ExitChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        DiskDict<Long, Long> dict = DiskDict.open(dir, Long.class, Long.class);
        dict.put(1L, 1L);
        System.out.println("detaches " + ExitHook.detaches());
        // the same part file mapped a second time: its segment locks are the ones deco's map uses
        ChronicleMap<Long, Long> part = ChronicleMap.of(Long.class, Long.class).createPersistedTo(onlyPart(dir).toFile());
        ExitHook.detach(part); // or Chronicle's own hook would unmap it under the writer
        CountDownLatch holding = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try (ExternalMapQueryContext<Long, Long, ?> c = part.queryContext(IN_FLIGHT)) {
                c.updateLock().lock();
                holding.countDown();
                while (!ExitHook.exiting()) {
                    Thread.onSpinWait(); // until main's System.exit has run deco's hook
                }
                try {
                    dict.put(AFTER_EXIT, AFTER_EXIT);
                    System.out.println("put " + AFTER_EXIT);
                } catch (IllegalStateException refused) {
                    System.out.println("refused: " + refused.getMessage());
                }
                c.insert(c.absentEntry(), c.wrapValueAsData(IN_FLIGHT));
                System.out.println("wrote " + IN_FLIGHT);
                System.out.println("hook still waiting " + Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(t -> t.getName().equals("deco-exit") && t.isAlive()));
                System.out.flush();
            }
        });
        writer.start();
        holding.await();
        System.exit(0);
    }

    private static Path onlyPart(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("part-")).reduce((a, b) -> {
                throw new IllegalStateException("more than one part: " + a + ", " + b);
            }).orElseThrow();
        }
    }
}
