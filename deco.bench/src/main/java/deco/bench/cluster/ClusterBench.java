package deco.bench.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import deco.core.Deco;
import deco.core.Pending;
import deco.core.Sync;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Whole-process benchmark of deco.cluster (issue 10): member JVMs on loopback, started here, and
 * one program JVM per configuration that measures, against the same members in the same run:
 * <ul>
 *   <li>per-call latency: one task per synchronization event through deco vs a raw
 *       {@code IExecutorService.submitToMember(...).get()} of the same task;</li>
 *   <li>throughput of many tiny tasks in flight: {@code Deco.map} vs raw submits of all, then gets;</li>
 *   <li>throughput of 1 ms CPU-bound tasks with {@code Deco.map}, with one member JVM and with two.</li>
 * </ul>
 * {@code bin/bench-cluster} runs it. Not a JMH benchmark: a cluster's members are separate JVMs
 * that JMH's forks cannot own; every number is a median of rounds after warm-up rounds.
 */
public final class ClusterBench {

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("program")) {
            Program.run(args[1], Integer.parseInt(args[2]));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.println("deco.cluster bench: JDK " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + rounds + " rounds (median), members on loopback");
        runCluster("one member JVM (2 threads)", 1, rounds);
        runCluster("two member JVMs (2 threads each)", 2, rounds);
    }

    private static void runCluster(String label, int memberCount, int rounds) throws Exception {
        String name = "bench-" + ProcessHandle.current().pid() + "-" + memberCount;
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            addresses.add("127.0.0.1:" + freePort());
        }
        List<Process> members = new ArrayList<>();
        try {
            for (String address : addresses) {
                members.add(startMember(name, address, addresses));
            }
            System.out.println("== " + label);
            Process program = new ProcessBuilder(java(List.of("-Ddeco.cluster.members=" + String.join(",", addresses),
                    "-Ddeco.cluster.name=" + name), ClusterBench.class.getName(), "program", name, Integer.toString(rounds)))
                    .inheritIO().start();
            if (!program.waitFor(20, TimeUnit.MINUTES) || program.exitValue() != 0) {
                program.destroyForcibly();
                throw new IllegalStateException("the benchmark program failed");
            }
        } finally {
            for (Process member : members) {
                member.destroyForcibly();
                member.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Process startMember(String cluster, String address, List<String> all) throws Exception {
        Process member = new ProcessBuilder(java(List.of(), "deco.cluster.ClusterMember", "--address", address,
                "--members", String.join(",", all), "--name", cluster, "--threads", "2"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.contains(" ready")) {
            member.destroyForcibly();
            throw new IllegalStateException("member " + address + " did not start: " + line);
        }
        return member;
    }

    private static List<String> java(List<String> properties, String... mainAndArgs) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ProcessHandle.current().info().arguments().map(a -> jvmFlags(a)).orElse(List.of()));
        command.addAll(properties);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(List.of(mainAndArgs));
        return command;
    }

    /** This JVM's flags (those before the class path), for the children. */
    private static List<String> jvmFlags(String[] arguments) {
        List<String> flags = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals("-cp") || argument.equals("-classpath") || argument.equals("--class-path")) {
                break;
            }
            if (!argument.startsWith("-Ddeco.cluster.")) {
                flags.add(argument);
            }
        }
        return flags;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A trivial task, for the raw executor. */
    static final class One implements Callable<Integer>, Serializable {
        @Override
        public Integer call() {
            return 1;
        }
    }

    /** {@link #spin} as a task for the raw executor. */
    record Spin(int x) implements Callable<Long>, Serializable {
        @Override
        public Long call() {
            return spin(x);
        }
    }

    /** About a millisecond of CPU on the member. */
    static long spin(int x) {
        long end = System.nanoTime() + 1_000_000;
        long n = x;
        while (System.nanoTime() < end) {
            n = n * 6364136223846793005L + 1442695040888963407L;
        }
        return n;
    }

    /** The program JVM: deco.cluster is its engine by configuration; a raw client beside it. */
    static final class Program {

        static void run(String cluster, int rounds) throws Exception {
            ClientConfig config = new ClientConfig();
            config.setClusterName(cluster);
            config.setProperty("hazelcast.logging.type", "none");
            config.setProperty("hazelcast.phone.home.enabled", "false");
            config.getNetworkConfig().setAddresses(List.of(System.getProperty("deco.cluster.members").split(",")));
            HazelcastInstance raw = HazelcastClient.newHazelcastClient(config);
            try {
                IExecutorService executor = raw.getExecutorService("deco");
                List<Member> members = new ArrayList<>(raw.getCluster().getMembers());
                System.out.println("engine=" + Deco.engine() + ", members=" + members.size());

                int calls = 1_000;
                double[] latency = medians(rounds * 2, () -> {
                    for (int i = 0; i < calls; i++) {
                        executor.submitToMember(new One(), members.get(i % members.size())).get();
                    }
                }, () -> {
                    for (int i = 0; i < calls; i++) {
                        try (Sync sync = Deco.synchronize()) {
                            Pending<Integer> one = sync.fork(() -> 1);
                            sync.sync();
                            one.get();
                        }
                    }
                });
                double rawLatency = latency[0] / calls;
                double decoLatency = latency[1] / calls;
                System.out.printf("per-call latency: raw submit+get %.1f us, deco one-task event %.1f us, ratio %.2f%n",
                        rawLatency / 1e3, decoLatency / 1e3, decoLatency / rawLatency);

                int tiny = 5_000;
                List<Integer> items = IntStream.range(0, tiny).boxed().toList();
                double[] many = medians(rounds, () -> {
                    List<Future<Integer>> futures = new ArrayList<>(tiny);
                    for (int i = 0; i < tiny; i++) {
                        futures.add(executor.submitToMember(new One(), members.get(i % members.size())));
                    }
                    for (Future<Integer> future : futures) {
                        future.get();
                    }
                }, () -> Deco.map(items, x -> x));
                double rawMany = many[0];
                double decoMany = many[1];
                System.out.printf("%d tiny tasks in flight: raw %.0f calls/s, Deco.map %.0f calls/s, time ratio %.2f%n",
                        tiny, tiny / (rawMany / 1e9), tiny / (decoMany / 1e9), decoMany / rawMany);

                int ms = 1_000;
                List<Integer> work = IntStream.range(0, ms).boxed().toList();
                double[] spun = medians(rounds, () -> {
                    List<Future<Long>> futures = new ArrayList<>(ms);
                    for (int i = 0; i < ms; i++) {
                        futures.add(executor.submitToMember(new Spin(i), members.get(i % members.size())));
                    }
                    for (Future<Long> future : futures) {
                        future.get();
                    }
                }, () -> Deco.map(work, ClusterBench::spin));
                System.out.printf("%d tasks of 1 ms CPU: raw %.0f tasks/s, Deco.map %.0f tasks/s (%.2f x one core), time ratio %.2f%n",
                        ms, ms / (spun[0] / 1e9), ms / (spun[1] / 1e9), (ms * 1e6) / spun[1], spun[1] / spun[0]);
            } finally {
                raw.shutdown();
            }
        }

        /**
         * Medians of {@code a} and {@code b} measured in alternation, round after round, so that
         * whatever else the machine does weighs on both alike.
         */
        private static double[] medians(int rounds, Body a, Body b) throws Exception {
            for (int i = 0; i < Math.max(2, rounds / 2); i++) {
                a.run(); // warm-up
                b.run();
            }
            double[] timesA = new double[rounds];
            double[] timesB = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                a.run();
                long middle = System.nanoTime();
                b.run();
                timesA[i] = middle - start;
                timesB[i] = System.nanoTime() - middle;
            }
            java.util.Arrays.sort(timesA);
            java.util.Arrays.sort(timesB);
            return new double[] {timesA[rounds / 2], timesB[rounds / 2]};
        }
    }

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }
}
