package deco.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The report generator reads JMH's JSON, pairs deco with the peers of the same run whatever the
 * mode (higher ops/s or lower time is faster), writes well-formed SVG, and replaces only its own
 * section of performance.md.
 */
@DisplayName("bin/bench's report: JMH JSON to performance.md and SVG charts")
class ReportTest {

    private static String run(String benchmark, String mode, String params, double score, String error, String unit) {
        return """
                {"jmhVersion":"1.37","benchmark":"%s","mode":"%s","threads":1,"forks":1,"jdkVersion":"25.0.3",
                 "vmName":"OpenJDK 64-Bit Server VM","params":{%s},
                 "primaryMetric":{"score":%s,"scoreError":%s,"scoreConfidence":[0,0],"scoreUnit":"%s","rawData":[[1.0]]},
                 "secondaryMetrics":{}}""".formatted(benchmark, mode, params, score, error, unit);
    }

    private static final String JSON = "[" + String.join(",",
            run("deco.bench.core.CallOverheadBenchmark.decoSync", "avgt", "\"calls\":\"1\"", 10.0, "1.5", "us/op"),
            run("deco.bench.core.CallOverheadBenchmark.rawStructuredTaskScope", "avgt", "\"calls\":\"1\"", 8.0, "\"NaN\"", "us/op"),
            run("deco.bench.memory.MapBenchmark.get", "thrpt", "\"kind\":\"DECO\",\"types\":\"LONG\"", 3.0e6, "1e5", "ops/s"),
            run("deco.bench.memory.MapBenchmark.get", "thrpt", "\"kind\":\"CHRONICLE\",\"types\":\"LONG\"", 4.0e6, "1e5", "ops/s"),
            run("deco.bench.memory.MapBenchmark.get", "thrpt", "\"kind\":\"CHRONICLE\",\"types\":\"STRING\"", 1.0e6, "1e5", "ops/s"),
            run("deco.bench.core.TaskSizeBenchmark.serial", "avgt", "\"taskMicros\":\"10\"", 20.0, "1", "ms/op"),
            run("deco.bench.core.TaskSizeBenchmark.decoSync", "avgt", "\"taskMicros\":\"10\"", 12.5, "1", "ms/op"),
            run("deco.bench.core.TaskSizeBenchmark.serial", "avgt", "\"taskMicros\":\"1000\"", 20.0, "1", "ms/op"),
            run("deco.bench.core.TaskSizeBenchmark.decoSync", "avgt", "\"taskMicros\":\"1000\"", 10.0, "1", "ms/op")) + "]";

    @Test
    @DisplayName("JMH's JSON is read: class, method, parameters, mode, score, error (NaN when JMH has none)")
    void readsJmhJson() {
        List<Result> results = Result.parseAll(JSON);
        assertEquals(9, results.size());
        Result first = results.get(0);
        assertEquals("CallOverheadBenchmark", first.benchmarkClass());
        assertEquals("decoSync", first.method());
        assertEquals(Map.of("calls", "1"), first.params());
        assertEquals(10.0, first.score());
        assertTrue(Double.isNaN(results.get(1).error()));
    }

    @Test
    @DisplayName("ratios: time modes invert, throughput does not, `kind` pairs only equal other parameters")
    void ratios() {
        List<Result> results = Result.parseAll(JSON);
        List<Ratio> overhead = Pairings.ratios(results, Comparison.ALL.get(0));
        assertEquals(1, overhead.size());
        assertEquals(0.8, overhead.get(0).value(), 1e-9, "10 µs against 8 µs: deco is 0.8 × as fast");
        Comparison map = Comparison.ALL.stream().filter(c -> c.benchmarkClass().equals("MapBenchmark")).findFirst().orElseThrow();
        List<Ratio> stores = Pairings.ratios(results, map);
        assertEquals(1, stores.size(), "the STRING result has no DECO partner");
        assertEquals(0.75, stores.get(0).value(), 1e-9);
        assertEquals("get: DECO vs CHRONICLE (types=LONG)", stores.get(0).label());
        Comparison speedup = Comparison.ALL.stream().filter(c -> c.benchmarkClass().equals("TaskSizeBenchmark")
                && c.kind() == Comparison.Kind.SPEEDUP).findFirst().orElseThrow();
        List<Ratio> speedups = Pairings.ratios(results, speedup);
        assertEquals(2, speedups.size());
        assertEquals(1.6, speedups.get(0).value(), 1e-9, "20 ms serial against 12.5 ms");
        assertEquals(2.0, speedups.get(1).value(), 1e-9);
    }

    @Test
    @DisplayName("the section names command, date, machine; every chart is well-formed SVG")
    void markdownAndCharts() throws Exception {
        Report report = new Report(Result.parseAll(JSON), new Report.Run("bin/bench quick", "2026-11-22", "2 cores", "JDK 25"),
                "performance");
        String md = report.markdown();
        assertTrue(md.startsWith(Report.BEGIN) && md.trim().endsWith(Report.END), md);
        assertTrue(md.contains("`bin/bench quick` · 2026-11-22 · 2 cores · JDK 25"), md);
        assertTrue(md.contains("| decoSync vs rawStructuredTaskScope (calls=1) | **0.80×** |"), md);
        assertTrue(md.contains("speedup-vs-task-size.svg"), md);
        assertEquals(List.of("speedup-vs-task-size.svg", "CallOverheadBenchmark.svg", "MapBenchmark.svg",
                "TaskSizeBenchmark.svg"), List.copyOf(report.charts().keySet()));
        for (Map.Entry<String, String> chart : report.charts().entrySet()) {
            assertWellFormed(chart.getKey(), chart.getValue());
        }
    }

    /** The report of a GrowthBench measurement alone, as bin/bench quick would write it. */
    private static Report growthReport(Growth growth) {
        return new Report(List.of(), growth, new Report.Run("bin/bench quick", "2026-11-22", "2 cores", "JDK 25"),
                "performance");
    }

    /** Every element closed in order, one root {@code svg}, no bare {@code &} or {@code <} in text. */
    private static void assertWellFormed(String name, String svg) {
        Matcher tags = Pattern.compile("<(/?)([a-z]+)([^<>]*?)(/?)>").matcher(svg);
        Deque<String> open = new ArrayDeque<>();
        int roots = 0;
        int end = 0;
        while (tags.find()) {
            String between = svg.substring(end, tags.start());
            assertFalse(between.contains("<") || between.contains(">"), name + ": stray bracket in " + between);
            assertFalse(between.replaceAll("&(amp|lt|gt);", "").contains("&"), name + ": bare & in " + between);
            end = tags.end();
            if (tags.group(1).equals("/")) {
                assertEquals(open.pop(), tags.group(2), name + ": closing tag out of order");
            } else if (tags.group(4).isEmpty()) {
                if (open.isEmpty()) {
                    roots++;
                }
                open.push(tags.group(2));
            }
        }
        assertTrue(open.isEmpty(), name + ": unclosed " + open);
        assertEquals(1, roots, name + ": one root element");
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), name);
    }

    @Test
    @DisplayName("GrowthBench's points: the section sets DiskDict against raw Chronicle Map with issue 11's targets")
    void growth() {
        String json = """
                {"entries":2000,"heap":"-Xmx64m","stores":{
                 "DECO":{"points":[[1000,500000,1000000,2000000,9000000,4000000],[2000,250000,900000,1800000,10000000,8000000]],
                         "diskAfterClose":6000000},
                 "CHRONICLE":{"points":[[1000,1000000,1000000,2000000,8000000,3000000],[2000,1000000,1000000,2000000,8000000,5000000]],
                         "diskAfterClose":5000000}}}""";
        Growth growth = Growth.parse(json);
        assertEquals(2, growth.stores().get("DECO").size());
        assertEquals(1000.0 / (1000.0 / 500_000 + 1000.0 / 250_000) * 2, Growth.fillRate(growth.stores().get("DECO")), 1e-6);
        Report report = growthReport(growth);
        String md = report.markdown();
        assertTrue(md.contains("| puts/s over the whole fill | 333 k | – | 1.00 M | **0.33×** | **–** | ≥ 0.70× |"), md);
        assertTrue(md.contains("| disk once closed | 6 MB | – | 5 MB | **1.20×** | **–** | ≤ 1.50× |"), md);
        assertTrue(md.contains("| 8 MB | – | 5 MB | 1.60× | – | |"), md);
        assertEquals(List.of("growth-rates.svg", "growth-heap.svg", "growth-disk.svg"), List.copyOf(report.charts().keySet()));
        report.charts().forEach(ReportTest::assertWellFormed);
        assertThrows(IllegalArgumentException.class, () -> Growth.parse("[1]"));
    }

    @Test
    @DisplayName("Another store of the run (MapDB) gets a row beside DiskDict and raw Chronicle Map, the ratios and a line")
    void growthPeer() {
        String json = """
                {"entries":2000,"heap":"-Xmx64m","stores":{
                 "DECO":{"points":[[2000,250000,900000,1800000,10000000,8000000]],"diskAfterClose":6000000},
                 "CHRONICLE":{"points":[[2000,1000000,1000000,2000000,8000000,5000000]],"diskAfterClose":5000000},
                 "MAPDB":{"points":[[2000,125000,300000,600000,7000000,12000000]],"diskAfterClose":12000000}}}""";
        Report report = growthReport(Growth.parse(json));
        String md = report.markdown();
        assertTrue(md.contains("| MapDB HTreeMap (mmap) | 125 k | 300 k | 600 k | 12 MB | 7 MB |"), md);
        assertTrue(md.contains("| DiskDict, no hint | 250 k | 900 k | 1.80 M | 6 MB | 10 MB |"), md);
        assertTrue(md.contains("DiskDict with no hint against MapDB HTreeMap (mmap): **2.00×** puts, **3.00×** gets, "
                + "**3.00×** absent-key gets, **0.50×** its disk."), md);
        assertTrue(report.charts().get("growth-rates.svg").contains("MapDB HTreeMap (mmap) put"));
        report.charts().forEach(ReportTest::assertWellFormed);
    }

    @Test
    @DisplayName("A hinted DiskDict gets its own column, and its own line in the charts")
    void growthHinted() {
        String json = """
                {"entries":2000,"heap":"-Xmx64m","stores":{
                 "DECO":{"points":[[2000,250000,900000,1800000,10000000,8000000]],"diskAfterClose":6000000},
                 "DECO_HINTED":{"points":[[2000,800000,950000,1900000,9000000,6000000]],"diskAfterClose":6000000},
                 "CHRONICLE":{"points":[[2000,1000000,1000000,2000000,8000000,5000000]],"diskAfterClose":5000000}}}""";
        Report report = growthReport(Growth.parse(json));
        String md = report.markdown();
        assertTrue(md.contains("| puts/s over the whole fill | 250 k | 800 k | 1.00 M | **0.25×** | **0.80×** | ≥ 0.70× |"), md);
        assertTrue(md.contains("| disk once closed | 6 MB | 6 MB | 5 MB | **1.20×** | **1.20×** | ≤ 1.50× |"), md);
        assertTrue(report.charts().get("growth-rates.svg").contains("DiskDict hinted put"));
        assertTrue(report.charts().get("growth-disk.svg").contains("DiskDict hinted"));
        report.charts().forEach(ReportTest::assertWellFormed);
    }

    @Test
    @DisplayName("Buffer's chart sets one JVM against two, and appears only when the run has all three results")
    void bufferChart() {
        String one = run("deco.bench.concurrent.BufferBenchmark.decoBuffer", "thrpt", "", 5.0e6, "1", "ops/s");
        String queue = run("deco.bench.concurrent.BufferBenchmark.arrayBlockingQueue", "thrpt", "", 9.0e6, "1", "ops/s");
        String two = run("deco.bench.concurrent.CrossProcessBufferBenchmark.decoBufferAcrossJvms", "thrpt", "", 2.0e6, "1", "ops/s");
        Report.Run when = new Report.Run("bin/bench quick", "2026-11-22", "2 cores", "JDK 25");
        Report all = new Report(Result.parseAll("[" + one + "," + queue + "," + two + "]"), when, "performance");
        assertTrue(all.markdown().contains("(performance/buffer-throughput.svg)"));
        String chart = all.charts().get("buffer-throughput.svg");
        assertTrue(chart.contains("deco Buffer across two JVMs") && chart.contains("2.00 M ops/s"), chart);
        assertWellFormed("buffer-throughput.svg", chart);
        Report partial = new Report(Result.parseAll("[" + one + "," + queue + "]"), when, "performance");
        assertFalse(partial.markdown().contains("buffer-throughput.svg"));
    }

    @Test
    @DisplayName("ratios keep two significant digits when deco is far behind, never a bare 0.00×")
    void smallRatios() {
        assertEquals("0.80×", Numbers.ratio(0.8));
        assertEquals("0.00042×", Numbers.ratio(0.00042));
        assertEquals("11490.42×", Numbers.ratio(11490.42));
    }

    @Test
    @DisplayName("only the generated section is replaced; the hand-written history stays")
    void splice() {
        String handWritten = "# Performance\n\nintro\n\n## deco.core\n\nhistory\n";
        String first = ReportMain.splice(handWritten, Report.BEGIN + "\none\n" + Report.END + "\n");
        assertTrue(first.startsWith("# Performance\n\nintro\n\n" + Report.BEGIN), first);
        assertTrue(first.endsWith("## deco.core\n\nhistory\n"), first);
        String second = ReportMain.splice(first, Report.BEGIN + "\ntwo\n" + Report.END + "\n");
        assertFalse(second.contains("one"), second);
        assertTrue(second.contains("two") && second.endsWith("## deco.core\n\nhistory\n"), second);
    }

    @Test
    @DisplayName("a file that is not JMH's JSON is refused with the offset, not half-read")
    void badJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Result.parseAll("[{\"benchmark\": 1"));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Result.parseAll("{}"));
        assertThrows(IllegalArgumentException.class, () -> Result.parseAll("[{\"x\":1}]"));
    }
}
