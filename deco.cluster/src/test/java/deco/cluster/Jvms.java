package deco.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs for the cluster tests: members ({@link ClusterMember}'s main) and programs
 * ({@code deco.cluster.fixtures.Programs}), on this JVM's class path (the fixtures are woven at
 * build time) with the Hazelcast flags of the build. Every wait is bounded.
 */
final class Jvms {

    static final long MEMBER_START_SECONDS = 90;
    static final long PROGRAM_SECONDS = 180;

    private Jvms() {
    }

    /** A running member JVM. */
    record Member(Process process, String address, List<String> output) {
        long pid() {
            return process.pid();
        }

        /** SIGKILL: the member vanishes without a word to the cluster. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "member " + address + " did not die");
        }
    }

    /** What a program printed: its {@code key=value} lines, and how it ended. */
    record Outcome(int exitCode, Map<String, String> values, String output) {
        String get(String key) {
            String value = values.get(key);
            if (value == null) {
                fail("the program printed no " + key + "=...; its output:\n" + output);
            }
            return value;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> java(Path marks, List<String> properties) {
        return java(marks, properties, System.getProperty("java.class.path"));
    }

    static List<String> java(Path marks, List<String> properties, String classPath) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(Arrays.asList(System.getProperty("deco.cluster.jvm.flags", "").trim().split("\\s+")));
        command.add("-Xmx256m");
        command.add("-Ddeco.test.marks=" + marks);
        command.addAll(properties);
        command.add("-cp");
        command.add(classPath);
        return command;
    }

    /**
     * Starts a member and waits until it is ready.
     *
     * @param cluster the cluster's name
     * @param address this member
     * @param members the addresses to join
     */
    static Member startMember(Path marks, String cluster, String address, List<String> members, int threads)
            throws IOException, InterruptedException {
        return startMember(marks, cluster, address, members, threads, null);
    }

    /**
     * As {@link #startMember(Path, String, String, List, int)}, with {@code first} (if not null)
     * before this JVM's class path: its classes stand in for the program's.
     */
    static Member startMember(Path marks, String cluster, String address, List<String> members, int threads, Path first)
            throws IOException, InterruptedException {
        String classPath = System.getProperty("java.class.path");
        List<String> command = java(marks, List.of(), first == null ? classPath : first + java.io.File.pathSeparator + classPath);
        command.add(ClusterMember.class.getName());
        return start(marks, command, cluster, address, members, threads);
    }

    /**
     * Starts a member as the guide's module-path command does: deco.core, deco.cluster and
     * Hazelcast on the module path ({@code -m deco.cluster/deco.cluster.ClusterMember}), the
     * application's classes (the test fixtures) on the class path; waits until it is ready.
     */
    static Member startModularMember(Path marks, String cluster, String address, List<String> members, int threads)
            throws IOException, InterruptedException {
        List<String> command = modularMemberCommand(marks, modulePathFlags(System.getProperty("deco.cluster.jvm.flags", "")));
        return start(marks, command, cluster, address, members, threads);
    }

    /** {@return the command line of a member on the module path with {@code flags}, without its options} */
    static List<String> modularMemberCommand(Path marks, List<String> flags) {
        List<String> modules = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).toString().replace('\\', '/');
            boolean module = name.contains("/hazelcast-") || name.contains("deco.core/target/")
                    || name.matches(".*/deco\\.core-[^/]*\\.jar") || name.endsWith("deco.cluster/target/classes");
            (module ? modules : classes).add(entry);
        }
        assertTrue(modules.size() >= 3, "deco.core, deco.cluster and Hazelcast found on " + modules);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(flags);
        command.addAll(List.of("-Xmx256m", "-Ddeco.test.marks=" + marks,
                "--module-path", String.join(java.io.File.pathSeparator, modules),
                "-cp", String.join(java.io.File.pathSeparator, classes),
                "-m", "deco.cluster/" + ClusterMember.class.getName()));
        return command;
    }

    /**
     * The guide's rule for a member on the module path: the class-path flags with their target
     * {@code ALL-UNNAMED} replaced by Hazelcast's module, and {@code jdk.unsupported} added
     * (Hazelcast, an automatic module, uses {@code sun.misc.Unsafe} without requiring it).
     */
    static List<String> modulePathFlags(String classPathFlags) {
        List<String> flags = new ArrayList<>();
        for (String flag : classPathFlags.trim().split("\\s+")) {
            if (flag.startsWith("--add-modules=")) {
                flags.add(flag + ",jdk.unsupported");
            } else {
                flags.add(flag.replace("=ALL-UNNAMED", "=com.hazelcast.core"));
            }
        }
        return flags;
    }

    private static Member start(Path marks, List<String> command, String cluster, String address, List<String> members,
                                int threads) throws IOException, InterruptedException {
        command.addAll(List.of("--address", address,
                "--members", String.join(",", members), "--name", cluster, "--threads", Integer.toString(threads)));
        Process process = new ProcessBuilder(command)
                .redirectError(marks.resolve("member-" + address.replace(':', '_') + ".err").toFile())
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                    if (line.startsWith("deco member ") && line.contains(" ready")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the member died; the test sees it
            }
        }, "member-output-" + address);
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(MEMBER_START_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("member " + address + " not ready in " + MEMBER_START_SECONDS + " s; output " + output + ", stderr:\n"
                    + Files.readString(marks.resolve("member-" + address.replace(':', '_') + ".err")));
        }
        return new Member(process, address, output);
    }

    /** Starts a program against the cluster; {@link #finish} waits for it. */
    static Process startProgram(Path marks, String cluster, List<String> members, List<String> extraProperties,
                                String... args) throws IOException {
        List<String> properties = new ArrayList<>(List.of("-Ddeco.cluster.members=" + String.join(",", members),
                "-Ddeco.cluster.name=" + cluster));
        properties.addAll(extraProperties);
        List<String> command = java(marks, properties);
        command.add("deco.cluster.fixtures.Programs");
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Waits (bounded) for a program to exit by itself and parses what it printed. */
    static Outcome finish(Process program) throws IOException, InterruptedException {
        byte[][] output = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                output[0] = program.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = ("(output lost: " + e + ")").getBytes(StandardCharsets.UTF_8);
            }
        });
        reader.start();
        if (!program.waitFor(PROGRAM_SECONDS, TimeUnit.SECONDS)) {
            program.destroyForcibly();
            reader.join(TimeUnit.SECONDS.toMillis(10));
            fail("the program did not exit in " + PROGRAM_SECONDS + " s; output:\n"
                    + (output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8)));
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        String text = new String(output[0], StandardCharsets.UTF_8);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.startsWith(" ")) {
                values.put(line.substring(0, equals), line.substring(equals + 1).strip());
            }
        }
        return new Outcome(program.exitValue(), values, text);
    }

    /** The pids of JVMs that left marks of {@code kind}. */
    static List<Long> pidsWithMarks(Path marks, String kind) throws IOException {
        try (var files = Files.list(marks)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(kind + "-"))
                    .map(n -> Long.parseLong(n.split("-")[1])).distinct().sorted().toList();
        }
    }

    /** The indices of tasks that left marks of {@code kind} in JVM {@code pid}. */
    static List<Integer> indicesWithMarks(Path marks, String kind, long pid) throws IOException {
        try (var files = Files.list(marks)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(kind + "-" + pid + "-"))
                    .map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))).sorted().toList();
        }
    }

    /** Waits (bounded) until {@code condition} holds, looking at the marks directory. */
    static void awaitMarks(String what, long seconds, Check condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail("not seen within " + seconds + " s: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    /** Deletes the marks and gates of earlier tests; the members' own files stay. */
    static void clearMarks(Path marks) throws IOException {
        try (var files = Files.list(marks)) {
            for (Path file : files.filter(p -> !p.getFileName().toString().startsWith("member-")).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    static void openGate(Path marks, String name) throws IOException {
        Files.createFile(marks.resolve("gate-" + name));
    }
}
