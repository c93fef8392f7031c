package deco.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Turns a JMH JSON result file into the generated section of {@code docs/performance.md} and its
 * SVG charts; {@code bin/bench quick|full} runs it after JMH.
 *
 * {@snippet lang = "shell" :
 * java -cp benchmarks.jar deco.bench.report.ReportMain results.json docs/performance.md "bin/bench quick"
 * }
 *
 * <p>The section goes between {@link Report#BEGIN} and {@link Report#END}, replacing the previous
 * one (or before the first {@code ## } heading the first time); the hand-written history below
 * it stays. Charts go to {@code performance/} beside the markdown file.
 */
public final class ReportMain {

    private ReportMain() {
    }

    /**
     * @param args the JSON file, the markdown file, the command that produced the JSON, and
     *             optionally GrowthBench's JSON file
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: ReportMain RESULTS.json PERFORMANCE.md \"COMMAND\" [GROWTH.json]");
            System.exit(2);
        }
        Path json = Path.of(args[0]);
        Path markdown = Path.of(args[1]);
        Object root;
        List<Result> results;
        try {
            root = Json.parse(Files.readString(json));
            results = Result.parseAll(root);
        } catch (IllegalArgumentException e) {
            System.err.println("deco report: " + json + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        if (results.isEmpty()) {
            System.err.println("deco report: " + json + " holds no results; performance.md is unchanged");
            System.exit(1);
        }
        String jdk = jdkOf(root);
        Growth growth = null;
        if (args.length == 4) {
            try {
                growth = Growth.parse(Files.readString(Path.of(args[3])));
            } catch (IllegalArgumentException | ClassCastException e) {
                System.err.println("deco report: " + args[3] + ": " + e.getMessage());
                System.exit(1);
            }
        }
        Report report = new Report(results, growth, new Report.Run(args[2], LocalDate.now().toString(), machine(), jdk),
                "performance");
        String section = report.markdown();
        Path charts = markdown.resolveSibling("performance");
        Files.createDirectories(charts);
        for (Map.Entry<String, String> chart : report.charts().entrySet()) {
            Files.writeString(charts.resolve(chart.getKey()), chart.getValue(), StandardCharsets.UTF_8);
        }
        String existing = Files.exists(markdown) ? Files.readString(markdown) : "# Performance\n\n";
        Files.writeString(markdown, splice(existing, section), StandardCharsets.UTF_8);
        System.out.println("deco report: " + results.size() + " results, " + report.charts().size()
                + " charts -> " + markdown + ", " + charts);
    }

    /** {@return {@code existing} with its generated section replaced by {@code section}} */
    static String splice(String existing, String section) {
        int begin = existing.indexOf(Report.BEGIN);
        int end = existing.indexOf(Report.END);
        if (begin >= 0 && end > begin) {
            return existing.substring(0, begin) + section + existing.substring(end + Report.END.length() + 1);
        }
        int firstSection = existing.indexOf("\n## ");
        if (firstSection < 0) {
            return existing + "\n" + section;
        }
        return existing.substring(0, firstSection + 1) + section + "\n" + existing.substring(firstSection + 1);
    }

    private static String jdkOf(Object root) {
        if (root instanceof List<?> runs && !runs.isEmpty() && runs.get(0) instanceof Map<?, ?> first) {
            return "JDK " + first.get("jdkVersion") + " (" + first.get("vmName") + ")";
        }
        return "JDK ?";
    }

    /** {@return cores, CPU model and memory of this machine, as far as the OS tells} */
    static String machine() {
        String cpu = "";
        String memory = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = ", " + line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    memory = ", " + Math.round(kb / 1024.0 / 1024.0) + " GiB";
                    break;
                }
            }
        } catch (IOException | UncheckedIOException | NumberFormatException notLinux) {
            // the rest says enough
        }
        return Runtime.getRuntime().availableProcessors() + " cores" + cpu + memory + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
