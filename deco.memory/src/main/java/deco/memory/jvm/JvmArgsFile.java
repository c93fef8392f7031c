package deco.memory.jvm;

import java.io.File;
import java.io.PrintStream;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The command that writes the JVM flags deco needs as a {@code java} argument file: the
 * {@code Main-Class} of deco.memory's jar, so it needs nothing else.
 *
 * {@snippet lang=shell :
 * # application on the class path
 * java -jar deco.memory-0.1.0.jar > deco.args
 * java @deco.args -cp ... app.Main
 * # application on the module path: the flags name only the Chronicle modules found there
 * java -jar deco.memory-0.1.0.jar --module-path mods > deco.args
 * java @deco.args -p mods -m app/app.Main
 * }
 *
 * <p>Options: {@code --class-path} (the default), {@code --module-path PATH} or
 * {@code --module-path=PATH} (a path of directories and jars, as for {@code java -p}), {@code --no-preview} (leave out
 * {@code --enable-preview}; deco then runs its virtual-thread engine instead of the
 * StructuredTaskScope one).
 */
public final class JvmArgsFile {

    private JvmArgsFile() {
    }

    /**
     * Prints the argument file to standard output.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        String modulePath = null;
        boolean preview = true;
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--module-path=")) {
                modulePath = args[i].substring("--module-path=".length());
                continue;
            }
            switch (args[i]) {
                case "--class-path" -> modulePath = null;
                case "--module-path", "-p" -> {
                    if (i + 1 == args.length) {
                        usage(System.err, "--module-path needs a path");
                        System.exit(2);
                    }
                    modulePath = args[++i];
                }
                case "--no-preview" -> preview = false;
                case "--help", "-h" -> {
                    usage(System.out, null);
                    return;
                }
                default -> {
                    usage(System.err, "unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        System.out.print(text(JvmFlags.load(), modulePath, preview));
    }

    /**
     * The argument file.
     *
     * @param flags      the flags of this build
     * @param modulePath {@code null} for an application on the class path; otherwise its module path
     * @param preview    whether to include {@code --enable-preview}
     * @return the file's text, one flag per line, with comments
     */
    static String text(JvmFlags flags, String modulePath, boolean preview) {
        StringBuilder out = new StringBuilder();
        out.append("# JVM flags for deco (written by java -jar deco.memory.jar")
                .append(modulePath == null ? "" : " --module-path ...").append(")\n")
                .append("# Chronicle Map and Queue on JDK 25; see docs/getting-started.md and docs/guide/jvm-flags.md\n");
        List<String> lines = modulePath == null ? flags.classPath() : forModules(flags.modulePath(), modulesIn(modulePath));
        for (String flag : lines) {
            out.append(flag).append('\n');
        }
        if (preview) {
            out.append("# the StructuredTaskScope engine (preview in JDK 25); without it deco uses virtual threads\n");
            for (String flag : flags.preview()) {
                out.append(flag).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Keeps the flags meant for the module path: targets that name modules this path or the JDK
     * has (the JVM warns about an unknown module), and none aimed at the unnamed module.
     */
    static List<String> forModules(List<String> flags, Set<String> present) {
        List<String> kept = new ArrayList<>();
        for (String flag : flags) {
            TargetedFlag targeted = TargetedFlag.parse(flag);
            if (targeted == null) {
                kept.add(flag);
                continue;
            }
            List<String> targets = new ArrayList<>();
            for (String target : targeted.targets()) {
                if (present.contains(target)) {
                    targets.add(target);
                }
            }
            if (!targets.isEmpty()) {
                kept.add(targeted.flagFor(targets));
            }
        }
        return kept;
    }

    private static Set<String> modulesIn(String modulePath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : modulePath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        Set<String> names = new HashSet<>();
        for (ModuleReference module : ModuleFinder.of(entries.toArray(Path[]::new)).findAll()) {
            names.add(module.descriptor().name());
        }
        return names;
    }

    private static void usage(PrintStream out, String problem) {
        if (problem != null) {
            out.println("deco: " + problem);
        }
        out.println("usage: java -jar deco.memory.jar [--class-path | --module-path PATH] [--no-preview] > deco.args");
    }
}
