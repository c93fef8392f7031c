package deco.bench.memory;

import deco.bench.JvmFlags;
import deco.memory.DiskDict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * DiskDict from empty to {@code N} {@code Long → Long} entries, with no size hint and with
 * {@code initialCapacity(N)}, against raw Chronicle Map sized for {@code N} up front (issue 11,
 * decision 023) and MapDB's memory-mapped {@code HTreeMap} (decision 025), each in its own JVM
 * with {@code -Xmx64m}: at ten points on the
 * way, the put rate of the last tenth, the rate of random gets of present keys and of absent
 * keys, the heap in use after a GC and the bytes on disk; and the bytes on disk once the store is
 * closed. Not JMH: a store that grows is measured
 * once, as a whole process. {@code bin/bench quick|full} runs it and the report draws it.
 *
 * {@snippet lang = "shell" :
 * java -cp <benchmarks.jar> deco.bench.memory.GrowthBench 10000000 growth.json
 * }
 */
public final class GrowthBench {

    /** Points measured on the way to {@code N}. */
    static final int POINTS = 10;
    /** Random gets (and absent gets) per point. */
    static final int LOOKUPS = 200_000;

    /** Where lookups put their results, so the JIT cannot drop them. */
    static volatile long sink;

    private GrowthBench() {
    }

    /**
     * {@code N OUT.json}: runs both stores in child JVMs and writes their points;
     * {@code child KIND N DIR}: one store, points printed as lines.
     *
     * @param args see above
     * @throws Exception if a child fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("child")) {
            child(args[1], Long.parseLong(args[2]), Path.of(args[3]));
            return;
        }
        if (args.length != 2) {
            System.err.println("usage: GrowthBench ENTRIES OUT.json");
            System.exit(2);
        }
        long entries = Long.parseLong(args[0]);
        StringBuilder json = new StringBuilder("{\"entries\":").append(entries).append(",\"heap\":\"-Xmx64m\",\"stores\":{");
        String[] kinds = {"DECO", "DECO_HINTED", "CHRONICLE", "MAPDB"};
        for (int i = 0; i < kinds.length; i++) {
            ChildRun run = runChild(kinds[i], entries);
            json.append(i == 0 ? "" : ",").append('"').append(kinds[i]).append("\":{\"points\":[")
                    .append(String.join(",", run.points())).append("],\"diskAfterClose\":")
                    .append(run.diskAfterClose()).append('}');
        }
        Files.writeString(Path.of(args[1]), json.append("}}\n").toString());
        System.out.println("growth: " + entries + " entries -> " + args[1]);
    }

    /** What one child printed: its points (JSON arrays) and the bytes on disk once closed. */
    private record ChildRun(List<String> points, String diskAfterClose) {
    }

    private static ChildRun runChild(String kind, long entries) throws Exception {
        Path dir = Files.createTempDirectory("deco-growth-" + kind.toLowerCase(Locale.ROOT));
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JvmFlags.load());
            command.addAll(List.of("-Xmx64m", "-cp", System.getProperty("java.class.path"), GrowthBench.class.getName(),
                    "child", kind, Long.toString(entries), dir.toString()));
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<String> points = new ArrayList<>();
            String closed = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("[")) {
                        points.add(line);
                        System.out.println("growth " + kind + " " + line);
                    } else if (line.startsWith("closed ")) {
                        closed = line.substring("closed ".length());
                        System.out.println("growth " + kind + " on disk after close: " + closed + " bytes");
                    }
                }
            }
            if (!child.waitFor(60, TimeUnit.MINUTES) || child.exitValue() != 0 || points.size() != POINTS || closed == null) {
                child.destroyForcibly();
                throw new IllegalStateException(kind + " child failed with " + points.size() + " points");
            }
            return new ChildRun(points, closed);
        } finally {
            Store.deleteTree(dir);
        }
    }

    private static void child(String kind, long entries, Path dir) throws IOException {
        Map<Long, Long> map;
        AutoCloseable closer;
        if (kind.startsWith("DECO")) {
            DiskDict.Builder<Long, Long> builder = DiskDict.builder(dir.resolve("deco"), Long.class, Long.class);
            if (kind.equals("DECO_HINTED")) {
                builder.initialCapacity(entries);
            }
            DiskDict<Long, Long> dict = builder.open();
            map = dict;
            closer = dict;
        } else if (kind.equals("MAPDB")) {
            MapDbPeer peer = MapDbPeer.open(dir.resolve("mapdb.db"));
            map = peer.map();
            closer = peer;
        } else {
            ChronicleMap<Long, Long> raw = ChronicleMap.of(Long.class, Long.class).entries(entries)
                    .createPersistedTo(dir.resolve("raw.cm").toFile());
            map = raw;
            closer = raw;
        }
        try (AutoCloseable ignored = closer) {
            long step = entries / POINTS;
            SplittableRandom random = new SplittableRandom(42);
            long filled = 0;
            for (int p = 1; p <= POINTS; p++) {
                long end = p == POINTS ? entries : p * step;
                long start = System.nanoTime();
                for (long k = filled; k < end; k++) {
                    map.put(k, k * 31);
                }
                double puts = (end - filled) / ((System.nanoTime() - start) / 1e9);
                filled = end;
                long sum = 0;
                start = System.nanoTime();
                for (int i = 0; i < LOOKUPS; i++) {
                    sum += map.get(random.nextLong(filled));
                }
                double gets = LOOKUPS / ((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                for (int i = 0; i < LOOKUPS; i++) {
                    if (map.get(entries + random.nextLong(entries)) != null) {
                        sum++;
                    }
                }
                double absent = LOOKUPS / ((System.nanoTime() - start) / 1e9);
                System.gc();
                long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                sink = sum;
                System.out.printf(Locale.ROOT, "[%d,%.0f,%.0f,%.0f,%d,%d]%n", filled, puts, gets, absent, heap,
                        diskBytes(dir));
                System.out.flush();
            }
        } catch (Exception e) {
            throw new IllegalStateException(kind + ": " + e, e);
        }
        // DiskDict keeps the files a split replaced until the store closes (another process may
        // still read them): the disk a closed store needs is measured apart
        System.out.println("closed " + diskBytes(dir));
    }

    /** Bytes allocated on disk under {@code dir} (files are sparse: their length says little). */
    private static long diskBytes(Path dir) throws IOException {
        try {
            Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).start();
            String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (du.waitFor() == 0 && !out.isEmpty()) {
                return Long.parseLong(out.split("\\s+")[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | NumberFormatException noDu) {
            // fall back to the files' lengths
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
