package deco.memory.jvm;

import deco.memory.JvmSetupException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before deco first uses Chronicle in a JVM, that Chronicle's jars are there and that the
 * JVM was started with the flags Chronicle needs on JDK 25 ({@link JvmFlags}); otherwise throws a
 * {@link JvmSetupException} naming every missing jar and flag, instead of the
 * {@code NoClassDefFoundError}, {@code InaccessibleObjectException} or compiler error Chronicle
 * would fail with later. Also makes sure Chronicle never phones home: it sets
 * {@code chronicle.analytics.disable=true} unless the application set that property itself.
 *
 * <p>Each check runs once per JVM (the result is kept); it reads module descriptors and loads no
 * Chronicle class. Thread-safe.
 */
public final class JvmSetup {

    /** What to read when the JVM is not set up. */
    public static final String GUIDE = "docs/getting-started.md, \"JVM flags\"";

    /** A class that must be loadable, and the artifact that has it. */
    private record Dependency(String className, String artifact) {
    }

    private static final List<Dependency> MAP = List.of(
            new Dependency("net.openhft.chronicle.map.ChronicleMap", "net.openhft:chronicle-map"),
            new Dependency("net.openhft.chronicle.core.Jvm", "net.openhft:chronicle-core"),
            new Dependency("net.openhft.chronicle.bytes.Bytes", "net.openhft:chronicle-bytes"),
            new Dependency("net.openhft.chronicle.wire.Wire", "net.openhft:chronicle-wire"),
            new Dependency("net.openhft.chronicle.values.Values", "net.openhft:chronicle-values"),
            new Dependency("net.openhft.chronicle.threads.Pauser", "net.openhft:chronicle-threads"),
            new Dependency("net.openhft.chronicle.algo.bitset.BitSetFrame", "net.openhft:chronicle-algorithms"),
            new Dependency("net.openhft.compiler.CompilerUtils", "net.openhft:compiler"),
            new Dependency("org.slf4j.Logger", "org.slf4j:slf4j-api"));

    private static final List<Dependency> QUEUE = List.of(
            new Dependency("net.openhft.chronicle.queue.ChronicleQueue", "net.openhft:chronicle-queue"));

    private JvmSetup() {
    }

    /**
     * Returns normally if this JVM can run Chronicle Map for deco.
     *
     * @throws JvmSetupException naming every missing jar and JVM flag
     */
    public static void requireChronicleMap() {
        throwIfAny(MapCheck.PROBLEMS);
    }

    /**
     * Returns normally if this JVM can run Chronicle Map and Chronicle Queue for deco.
     *
     * @throws JvmSetupException naming every missing jar and JVM flag
     */
    public static void requireChronicleQueue() {
        throwIfAny(QueueCheck.PROBLEMS);
    }

    private static final class MapCheck {
        static final String PROBLEMS = problems(MAP);
    }

    private static final class QueueCheck {
        static final String PROBLEMS = problems(concat(MAP, QUEUE));
    }

    private static void throwIfAny(String problems) {
        if (problems != null) {
            throw new JvmSetupException(problems);
        }
    }

    private static List<Dependency> concat(List<Dependency> a, List<Dependency> b) {
        List<Dependency> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * @return {@code null} if nothing is missing; otherwise the message
     */
    static String problems(List<Dependency> dependencies) {
        if (System.getProperty("chronicle.analytics.disable") == null) {
            System.setProperty("chronicle.analytics.disable", "true");
        }
        ClassLoader loader = JvmSetup.class.getClassLoader();
        List<String> missingJars = new ArrayList<>();
        Module chronicle = null;
        for (Dependency dependency : dependencies) {
            try {
                Class<?> found = Class.forName(dependency.className(), false, loader);
                if (dependency.className().startsWith("net.openhft.chronicle.core.")) {
                    chronicle = found.getModule();
                }
            } catch (ClassNotFoundException | LinkageError e) {
                missingJars.add(dependency.artifact() + " (" + dependency.className() + ")");
            }
        }
        List<String> missingFlags = chronicle == null ? List.of() : missingFlags(JvmFlags.load(), chronicle);
        if (missingJars.isEmpty() && missingFlags.isEmpty()) {
            return null;
        }
        boolean modulePath = chronicle != null ? chronicle.isNamed() : JvmSetup.class.getModule().isNamed();
        StringBuilder message = new StringBuilder("this JVM is not set up for deco's Chronicle-based storage:");
        if (!missingJars.isEmpty()) {
            message.append("\n  missing on the ").append(modulePath ? "module" : "class").append(" path: ")
                    .append(String.join(", ", missingJars));
            if (modulePath && missingJars.toString().contains("slf4j")) {
                message.append(" (on the module path it must also be resolved: --add-modules=ALL-MODULE-PATH)");
            }
            message.append("\n  depend on deco.memory (and deco.concurrent) with the versions of io.github.deco4j:deco-bom");
        }
        if (!missingFlags.isEmpty()) {
            message.append("\n  missing JVM flags: ").append(String.join(" ", missingFlags));
        }
        message.append("\n  start java with the flags deco prints: java -jar deco.memory.jar")
                .append(modulePath ? " --module-path <your module path>" : "")
                .append(" > deco.args, then java @deco.args ...; see ").append(GUIDE);
        return message.toString();
    }

    /**
     * The flags of {@code flags} this JVM was not started with, for Chronicle in {@code chronicle}
     * (the unnamed module on the class path, or one of Chronicle's modules).
     */
    static List<String> missingFlags(JvmFlags flags, Module chronicle) {
        List<String> missing = new ArrayList<>();
        ModuleLayer layer = chronicle.isNamed() && chronicle.getLayer() != null ? chronicle.getLayer() : ModuleLayer.boot();
        for (String flag : chronicle.isNamed() ? flags.modulePath() : flags.classPath()) {
            if (flag.startsWith("--add-modules=")) {
                for (String name : flag.substring("--add-modules=".length()).split(",")) {
                    if (!name.startsWith("ALL-") && layer.findModule(name).isEmpty()) {
                        missing.add(flag);
                        break;
                    }
                }
                continue;
            }
            TargetedFlag targeted = TargetedFlag.parse(flag);
            if (targeted == null) {
                continue; // -D properties (set above), options a running program cannot see
            }
            for (String target : targeted.targets()) {
                Module to = target(target, chronicle, layer);
                if (to != null && !given(targeted, to, layer)) { // null: a module this application does not have
                    missing.add(targeted.flagFor(List.of(target)));
                }
            }
        }
        return missing;
    }

    /** Whether {@code flag} is in effect for {@code to}. */
    private static boolean given(TargetedFlag flag, Module to, ModuleLayer layer) {
        if (flag.option().equals("--enable-native-access")) {
            return to.isNativeAccessEnabled();
        }
        Optional<Module> source = layer.findModule(flag.sourceModule());
        return source.isPresent() && (flag.option().equals("--add-opens")
                ? source.get().isOpen(flag.sourcePackage(), to) : source.get().isExported(flag.sourcePackage(), to));
    }

    private static Module target(String name, Module chronicle, ModuleLayer layer) {
        if (name.equals("ALL-UNNAMED")) {
            return chronicle.isNamed() ? null : chronicle;
        }
        return layer.findModule(name).orElse(null);
    }
}
