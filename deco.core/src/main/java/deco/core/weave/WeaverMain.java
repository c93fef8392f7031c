package deco.core.weave;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The offline weaver: weaves the class files of one or more directories in place.
 *
 * <pre>
 * java -p deco.core.jar -m deco.core/deco.core.weave.WeaverMain [--explain] [--classpath PATH] DIR...
 * </pre>
 *
 * <p>{@code --classpath} lists jars and directories holding classes whose {@code @Concurrent}
 * methods the woven code calls (the directories themselves are always searched). {@code --explain}
 * prints, for each method it weaves, how each {@code @Concurrent} call runs and where and why the
 * loop waits ({@code File.java:line: method(): ...}); a class woven before is not explained again.
 * Exit status 0:
 * done; 1: a {@code @Synchronized} method uses a form deco rejects (each problem on standard error
 * as {@code File.java:line: message}; no file is changed); 2: bad arguments or an I/O error.
 */
public final class WeaverMain {

    private WeaverMain() {
    }

    /**
     * Runs the weaver.
     *
     * @param args {@code [--explain] [--classpath PATH] DIR...}
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the weaver without exiting.
     *
     * @param args {@code [--explain] [--classpath PATH] DIR...}
     * @param out  where the summary goes
     * @param err  where problems go
     * @return the exit status: 0 done, 1 rejected, 2 usage or I/O error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> roots = new ArrayList<>();
        List<URL> classpath = new ArrayList<>();
        boolean explain = false;
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--explain")) {
                    explain = true;
                } else if (args[i].equals("--classpath") || args[i].equals("-cp")) {
                    if (++i == args.length) {
                        return usage(err, "--classpath needs a value");
                    }
                    for (String entry : args[i].split(java.io.File.pathSeparator)) {
                        if (!entry.isBlank()) {
                            classpath.add(Path.of(entry).toUri().toURL());
                        }
                    }
                } else if (args[i].startsWith("-")) {
                    return usage(err, "unknown option " + args[i]);
                } else {
                    Path root = Path.of(args[i]);
                    if (!Files.isDirectory(root)) {
                        return usage(err, "not a directory: " + root);
                    }
                    roots.add(root);
                }
            }
        } catch (MalformedURLException e) {
            return usage(err, e.getMessage());
        }
        if (roots.isEmpty()) {
            return usage(err, "no class directory given");
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader dependencies = new URLClassLoader(classpath.toArray(URL[]::new), null)) {
            Weaver weaver = new Weaver(ClassBytesSource.of(roots)
                    .orElse(ClassBytesSource.of(dependencies))
                    .orElse(ClassBytesSource.of(context)));
            return weaveAll(weaver, roots, explain ? out : null, out, err);
        } catch (IOException | UncheckedIOException e) {
            err.println("deco weaver: " + e.getMessage());
            return 2;
        }
    }

    private static int weaveAll(Weaver weaver, List<Path> roots, PrintStream explanations, PrintStream out,
                                PrintStream err) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".class") && !p.endsWith("module-info.class"))
                        .sorted().forEach(files::add);
            }
        }
        List<String> problems = new ArrayList<>();
        List<Path> changed = new ArrayList<>();
        List<byte[]> woven = new ArrayList<>();
        int annotated = 0;
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            if (Weaver.mayNeedWeaving(bytes)) {
                annotated++;
            }
            try {
                byte[] result = weaver.weave(bytes, explanations == null ? null : explanations::println);
                if (result != null) {
                    changed.add(file);
                    woven.add(result);
                }
            } catch (WeaveException rejected) {
                problems.addAll(rejected.problems());
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            err.println("deco weaver: " + problems.size() + " problem(s); no class file was changed");
            return 1;
        }
        for (int i = 0; i < changed.size(); i++) {
            Files.write(changed.get(i), woven.get(i));
        }
        String where = roots.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse("");
        if (!changed.isEmpty()) {
            out.println("deco weaver: wove " + changed.size() + " class file(s) in " + where);
        } else if (annotated > 0) {
            out.println("deco weaver: nothing left to weave in " + where + ": its " + annotated
                    + " class file(s) using deco's annotations are already woven or need no change");
        } else {
            out.println("deco weaver: nothing to weave in " + where + " (no class uses @Synchronized or @Concurrent)");
        }
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("deco weaver: " + problem);
        err.println("usage: java -m deco.core/deco.core.weave.WeaverMain [--explain] [--classpath PATH] DIR...");
        return 2;
    }
}
