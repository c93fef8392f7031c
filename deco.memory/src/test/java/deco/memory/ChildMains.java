package deco.memory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Entry points of the child JVMs of {@link CrossProcessTest}. */
final class ChildMains {

    private ChildMains() {
    }

    /** Writes keys [from, to) as key -> key * 2, then says "done". */
    static final class Writer {
        public static void main(String[] args) {
            long from = Long.parseLong(args[1]);
            long to = Long.parseLong(args[2]);
            try (DiskDict<Long, Long> dict = DiskDict.builder(Path.of(args[0]), Long.class, Long.class)
                    .initialCapacity(10_000).open()) {
                for (long key = from; key < to; key++) {
                    dict.put(key, key * 2);
                }
            }
            System.out.println("done");
        }
    }

    /** Writes keys 0, 1, 2, ... forever, printing each one after its put returned. */
    static final class EndlessWriter {
        public static void main(String[] args) {
            PrintStream out = System.out;
            DiskDict<Long, String> dict = DiskDict.builder(Path.of(args[0]), Long.class, String.class)
                    .initialCapacity(5_000).averageValueSize(16).open();
            for (long key = 0; ; key++) {
                dict.put(key, "value-" + key);
                out.println(key);
                out.flush();
            }
        }
    }

    /** Puts n entries with a small heap; prints the heap in use after a collection. */
    static final class HeapBound {
        public static void main(String[] args) {
            long n = Long.parseLong(args[1]);
            try (DiskDict<Long, Long> dict = DiskDict.open(Path.of(args[0]), Long.class, Long.class)) {
                for (long key = 0; key < n; key++) {
                    dict.put(key, key);
                    if (key % (n / 4) == 0) {
                        System.out.println("at " + key + " heap " + usedHeapMb() + " MB");
                    }
                }
                System.out.println("size " + dict.longSize() + " heap " + usedHeapMb() + " MB");
            }
        }

        private static long usedHeapMb() {
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
        }
    }

    /** Puts keys [0, n) as key -> key (every child the same keys), in a small dictionary that splits meanwhile. */
    static final class SameKeys {
        public static void main(String[] args) {
            long n = Long.parseLong(args[1]);
            try (DiskDict<Long, Long> dict = DiskDict.builder(Path.of(args[0]), Long.class, Long.class)
                    .initialCapacity(256).open()) {
                for (long key = 0; key < n; key++) {
                    dict.putIfAbsent(key, key);
                    dict.put(key, key);
                }
            }
            System.out.println("done");
        }
    }

    /** Opens the dictionary, grows it to n entries, says "grown", and keeps it open until stdin closes. */
    static final class GrowAndHold {
        public static void main(String[] args) throws java.io.IOException {
            long n = Long.parseLong(args[1]);
            try (DiskDict<Long, Long> dict = DiskDict.builder(Path.of(args[0]), Long.class, Long.class)
                    .initialCapacity(256).open()) {
                for (long key = 0; key < n; key++) {
                    dict.put(key, key * 3);
                }
                System.out.println("grown " + dict.partCount());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // hold the dictionary open until the parent closes our stdin
                }
            }
        }
    }

    /** Opens a DiskDict and prints what happened: run without the JVM flags by {@link BadInputTest}. */
    static final class OpenAndReport {
        public static void main(String[] args) {
            try (DiskDict<Long, String> dict = DiskDict.open(Path.of(args[0]), Long.class, String.class)) {
                dict.put(1L, "x");
                System.out.println("opened");
            } catch (RuntimeException | Error e) {
                System.out.println("failed: " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    /** Opens the dictionary of {@link EndlessWriter} and checks keys [0, n]; prints "ok n" or what is wrong. */
    static final class Verifier {
        public static void main(String[] args) {
            long n = Long.parseLong(args[1]);
            try (DiskDict<Long, String> dict = DiskDict.open(Path.of(args[0]), Long.class, String.class)) {
                for (long key = 0; key <= n; key++) {
                    if (!("value-" + key).equals(dict.get(key))) {
                        System.out.println("wrong " + key + ": " + dict.get(key));
                        return;
                    }
                }
                System.out.println("ok " + n);
            }
        }
    }

    /** Opens new dictionaries until something fails; prints how many and the exception. Run under a low ulimit -n. */
    static final class OpenUntilFailure {
        public static void main(String[] args) {
            java.util.List<DiskDict<Long, Long>> open = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 10_000; i++) {
                    DiskDict<Long, Long> dict = DiskDict.open(Path.of(args[0]).resolve("d" + i), Long.class, Long.class);
                    dict.put(1L, 1L);
                    open.add(dict);
                }
                System.out.println("opened all");
            } catch (RuntimeException | Error e) {
                System.out.println("after " + open.size() + ": " + e);
            }
        }
    }

    /** Increments keys [0, n) by one each with merge, rounds times, in a small dictionary that splits meanwhile. */
    static final class Merger {
        public static void main(String[] args) {
            long n = Long.parseLong(args[1]);
            int rounds = Integer.parseInt(args[2]);
            try (DiskDict<Long, Long> dict = DiskDict.builder(Path.of(args[0]), Long.class, Long.class)
                    .initialCapacity(128).open()) {
                for (int round = 0; round < rounds; round++) {
                    for (long key = 0; key < n; key++) {
                        dict.merge(key, 1L, Long::sum);
                    }
                }
            }
            System.out.println("done");
        }
    }

    /**
     * Mutates a DiskList of Longs forever, printing "op K" after each operation returned: "insert"
     * adds -1 at index 0, "insert-all" adds -1, -2, -3 there, "remove-range" removes the first three, "remove-if" moves the first to the end (a removeIf, then
     * an add), "sort" sorts it down, then up, "remove" removes index 0, "append" adds a chunk of 5,000 elements
     * continuing the count, "clear" refills the list with [0, n) and clears it.
     */
    static final class ListMutator {
        public static void main(String[] args) {
            String mode = args[1];
            PrintStream out = System.out;
            DiskList<Long> list = DiskList.open(Path.of(args[0]), Long.class);
            if (mode.equals("hold")) { // open, then wait to be killed
                out.println("op 1");
                out.flush();
                try {
                    new java.util.concurrent.CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (mode.equals("staged-remove")) { // a set leaves its staged copy under key -1, then removes
                list.set(list.size() - 1, list.getLast());
                mode = "remove";
            }
            for (long op = 1; ; op++) {
                switch (mode) {
                    case "insert" -> list.add(0, -1L);
                    case "insert-all" -> list.addAll(0, List.of(-1L, -2L, -3L));
                    case "remove-range" -> list.subList(0, 3).clear();
                    case "sort" -> list.sort(op % 2 == 0 ? null : java.util.Comparator.reverseOrder());
                    case "remove-if" -> { // moves the first element to the end, the first half by a compaction
                        long first = list.get(0);
                        list.removeIf(x -> x == first);
                        list.add(first);
                    }
                    case "remove" -> list.remove(0);
                    case "append" -> {
                        long next = list.size();
                        list.addAll(java.util.stream.LongStream.range(next, next + 5_000).boxed().toList());
                    }
                    case "set" -> list.set((int) (op % list.size()), -op);
                    case "clear" -> {
                        list.addAll(java.util.stream.LongStream.range(0, 20_000).boxed().toList());
                        out.println("filled " + op);
                        out.flush();
                        list.clear();
                    }
                    default -> throw new IllegalArgumentException(mode);
                }
                out.println("op " + op);
                out.flush();
            }
        }
    }

    /**
     * Opens the DiskList of Longs at args[0], says "ready", waits for a line on stdin, then appends
     * [base, base + count) (args[1], args[2]), every hundredth as an addAll of the next ten, and says
     * "done".
     */
    static final class ListAppender {
        public static void main(String[] args) throws java.io.IOException {
            long base = Long.parseLong(args[1]);
            long count = Long.parseLong(args[2]);
            try (DiskList<Long> list = DiskList.open(Path.of(args[0]), Long.class)) {
                System.out.println("ready");
                System.out.flush();
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
                for (long i = base; i < base + count; ) {
                    if (i % 100 == 0 && i + 10 <= base + count) {
                        list.addAll(java.util.stream.LongStream.range(i, i + 10).boxed().toList());
                        i += 10;
                    } else {
                        list.add(i++);
                    }
                }
            }
            System.out.println("done");
        }
    }

    /**
     * Opens the DiskList of Longs at args[0], says "ready", waits for a line on stdin, then makes
     * args[2] random writes (seed args[1]) with values args[3], args[3] + 1, ...: appends, inserts
     * at a random index, removes at a random index, sets at a random index. Prints what each
     * write that returned did — "+v" added, "-v" removed, "~old>new" set — and "done". A write
     * refused because another process changed the size meanwhile (an index out of range) prints
     * nothing.
     */
    static final class ListChurner {
        public static void main(String[] args) throws java.io.IOException {
            java.util.Random random = new java.util.Random(Long.parseLong(args[1]));
            int writes = Integer.parseInt(args[2]);
            long next = Long.parseLong(args[3]);
            StringBuilder said = new StringBuilder();
            try (DiskList<Long> list = DiskList.open(Path.of(args[0]), Long.class)) {
                System.out.println("ready");
                System.out.flush();
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
                for (int w = 0; w < writes; w++) {
                    int size = list.size();
                    try {
                        switch (random.nextInt(4)) {
                            case 0 -> {
                                list.add(next);
                                said.append('+').append(next++).append('\n');
                            }
                            case 1 -> {
                                list.add(random.nextInt(size + 1), next);
                                said.append('+').append(next++).append('\n');
                            }
                            case 2 -> {
                                if (size > 0) { // removed first: a remove that throws says nothing
                                    long removed = list.remove(random.nextInt(size));
                                    said.append('-').append(removed).append('\n');
                                }
                            }
                            default -> {
                                if (size > 0) {
                                    long old = list.set(random.nextInt(size), next);
                                    said.append('~').append(old).append('>').append(next++).append('\n');
                                }
                            }
                        }
                    } catch (IndexOutOfBoundsException sizeChangedMeanwhile) {
                        // the other process shrank the list since size(): nothing was written
                    }
                }
            }
            System.out.print(said);
            System.out.println("done");
        }
    }

    /**
     * Acts as a writer of the DiskList of Longs at args[0] that dies holding the writer lock: in
     * "insert N" mode inside {@code add(0, -1)}, the last N elements moved up (as
     * {@link ListMutations#insert} does); in "remove-last" mode inside {@code remove(size - 1)},
     * its element removed but the size not yet committed. Says "mid" and waits to be killed.
     */
    static final class DeadWriter {
        public static void main(String[] args) throws InterruptedException {
            DiskList<Long> list = DiskList.open(Path.of(args[0]), Long.class);
            deco.memory.store.HashedStore stored = list.elementsStore();
            ListSize size = list.sizeCounters();
            stored.writerLock().lock();
            long n = size.get();
            if (args[1].equals("remove-last")) {
                size.begin(n - 1);
                size.shifted((int) n - 1, n - 1);
                stored.remove(n - 1);
            } else {
                size.begin(n + 1);
                stored.put(ListMutations.INSERTING, -1L);
                size.shifted(0, n);
                for (long at = n; at > n - Integer.parseInt(args[2]); at--) {
                    stored.put(at, stored.get(at - 1));
                    size.shifted(0, at - 1);
                }
            }
            System.out.println("mid");
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await();
        }
    }
}
