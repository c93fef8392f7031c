package deco.core.weave.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.core.weave.ClassBytesSource;
import deco.core.weave.WeaveException;
import deco.core.weave.Weaver;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential testing of the weaver, as compilers are tested: random programs from
 * {@link ProgramGenerator} are compiled, run serially, woven and run again. Each must give the
 * same result or throw the same exception, or be refused at weave time; never a different result.
 *
 * <p>Reproducible: {@code -Ddeco.differential.seed=S} (default fixed) and
 * {@code -Ddeco.differential.programs=N} (default 1500). A failure prints the seed of each failing
 * program and the first one's source.
 */
@DisplayName("Weaver: differential testing — random programs, serial vs woven")
class DifferentialTest {

    private static final String CALLER_PROPERTY = "deco.differential.caller";
    /** Where the programs keep their file. */
    private static final String DIR_PROPERTY = "deco.differential.dir";
    private static final long SEED = Long.getLong("deco.differential.seed", 0x2026_1122L);
    private static final int PROGRAMS = Integer.getInteger("deco.differential.programs", 1500);
    private static final int BATCH = 150;

    @Test
    @DisplayName("every generated program: woven result equals serial result (or the weaver refuses it)")
    // 1,500 programs compiled and run twice: about 75 s on two idle cores, past the default 120 s
    // when the machine is busy; the bound catches a hang, not slowness (each run has its own)
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void wovenEqualsSerial(@TempDir Path files) throws Exception {
        // the programs' file (decision 059) in a directory of this run's own: another run on the
        // machine, of the same seed, writes and deletes a file of the same name
        System.setProperty(DIR_PROPERTY, files.toString());
        try {
            runPrograms();
        } finally {
            System.clearProperty(DIR_PROPERTY);
        }
    }

    private void runPrograms() throws Exception {
        InMemoryCompiler javac = new InMemoryCompiler(Path.of("target/classes").toAbsolutePath().toString());
        List<String> failures = new ArrayList<>();
        String firstFailingSource = null;
        int refused = 0;
        Map<String, Integer> reasons = new java.util.TreeMap<>();
        int failedSerially = 0;
        for (int start = 0; start < PROGRAMS; start += BATCH) {
            Map<String, String> sources = new LinkedHashMap<>();
            Map<String, Long> seeds = new LinkedHashMap<>();
            for (int n = start; n < Math.min(PROGRAMS, start + BATCH); n++) {
                long seed = SEED + n;
                String name = "P" + Long.toHexString(seed);
                sources.put("gen." + name, new ProgramGenerator(seed, name).generate());
                seeds.put(name, seed);
            }
            sources.put("gen.Lane", "package gen;\n\npublic enum Lane { LEFT, RIGHT, CENTER }\n"); // switched on through a table
            Map<String, byte[]> classes = javac.compile(sources);
            Weaver weaver = new Weaver(((ClassBytesSource) classes::get)
                    .orElse(ClassBytesSource.of(getClass().getClassLoader())));
            for (Map.Entry<String, Long> program : seeds.entrySet()) {
                String internal = "gen/" + program.getKey();
                byte[] bytes = classes.get(internal);
                byte[] woven;
                try {
                    woven = weaver.weave(bytes);
                } catch (WeaveException rejected) {
                    refused++;
                    rejected.problems().forEach(problem -> reasons.merge(
                            problem.replaceAll("^[^:]*:[0-9?]*: ", "").replaceAll(" \\(in .*\\)$", ""), 1, Integer::sum));
                    continue;
                }
                assertTrue(woven != null, "run() is always woven or refused");
                String serial = run(new ProgramClassLoader(internal, bytes, classes), internal, false);
                String parallel = run(new ProgramClassLoader(internal, woven, classes), internal, true);
                if (serial.startsWith("threw ")) {
                    failedSerially++;
                }
                if (!serial.equals(parallel)) {
                    failures.add("seed " + program.getValue() + ": serial " + serial + "\n   woven  " + parallel);
                    if (firstFailingSource == null) {
                        firstFailingSource = sources.get("gen." + program.getKey());
                        java.nio.file.Files.writeString(Path.of("target", program.getKey() + ".java"), firstFailingSource);
                    }
                }
            }
        }
        System.out.printf("deco differential: %d programs (seed %d): %d woven and equal to serial (%d of them "
                        + "throwing), %d refused at weave time, %d different%n", PROGRAMS, SEED,
                PROGRAMS - refused - failures.size(), failedSerially, refused, failures.size());
        reasons.forEach((reason, count) -> System.out.printf("  refused %4d x %s%n", count, reason));
        assertEquals(List.of(), failures, firstFailingSource == null ? "" : "first failing program:\n" + firstFailingSource);
        assertTrue(refused <= PROGRAMS / 2, "most programs are woven, not refused: " + refused + " refused");
    }

    /**
     * run()'s result, or "threw Class: message" ("threw Class" for the exceptions the JVM words);
     * a woven run's tasks are gated on its caller thread.
     */
    private static String run(ClassLoader loader, String internal, boolean gated) throws Exception {
        Class<?> type = loader.loadClass(internal.replace('/', '.'));
        Object[] instance = new Object[1];
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                result.complete(String.valueOf(type.getMethod("run").invoke(instance[0])));
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                // the JVM words a null dereference and a failed checkcast from the bytecode around
                // them; a woven store's conversion throws the same types in its own words
                boolean jvmWorded = cause instanceof NullPointerException || cause instanceof ClassCastException;
                result.complete("threw " + cause.getClass().getName() + (jvmWorded ? "" : ": " + cause.getMessage()));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "generated-caller");
        // the program's class reads its caller's id once, as it initialises (a constant to the weaver)
        if (gated) {
            System.setProperty(CALLER_PROPERTY, Long.toString(caller.threadId()));
        }
        try {
            instance[0] = type.getConstructor().newInstance();
        } finally {
            System.clearProperty(CALLER_PROPERTY);
        }
        caller.start();
        return result.get(60, TimeUnit.SECONDS);
    }

    /**
     * Defines one generated program: its class from the bytes given (serial or woven), its nested
     * classes (a record, a switch table) and the batch's enum as compiled; everything else comes
     * from the test's loader.
     */
    private static final class ProgramClassLoader extends ClassLoader {

        private final String name;
        private final byte[] bytes;
        private final Map<String, byte[]> compiled;

        ProgramClassLoader(String internal, byte[] bytes, Map<String, byte[]> compiled) {
            super(DifferentialTest.class.getClassLoader());
            this.name = internal.replace('/', '.');
            this.bytes = bytes;
            this.compiled = compiled;
        }

        @Override
        protected Class<?> findClass(String className) throws ClassNotFoundException {
            if (className.equals(name)) {
                return defineClass(className, bytes, 0, bytes.length);
            }
            byte[] other = compiled.get(className.replace('.', '/')); // a nested class, the shared enum
            if (other == null) {
                throw new ClassNotFoundException(className);
            }
            return defineClass(className, other, 0, other.length);
        }
    }
}
