package deco.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The report's section for {@code GrowthBench}: DiskDict against raw Chronicle Map sized up front,
 * from empty to N entries, with issue 11's targets, and charts of the rates, the heap and the disk
 * against the entry count.
 */
final class GrowthSection {

    private static final String DECO = "DECO";
    private static final String RAW = "CHRONICLE";

    private GrowthSection() {
    }

    /**
     * @param md        the report so far
     * @param growth    the measurement
     * @param charts    where charts go, by file name
     * @param chartLink the charts' directory relative to performance.md
     */
    static void append(StringBuilder md, Growth growth, Map<String, String> charts, String chartLink) {
        List<Growth.Point> deco = growth.stores().get(DECO);
        List<Growth.Point> raw = growth.stores().get(RAW);
        if (deco == null || raw == null || deco.isEmpty() || raw.isEmpty()) {
            return;
        }
        Growth.Point d = deco.getLast();
        Growth.Point r = raw.getLast();
        md.append("### DiskDict from empty to ").append(Numbers.compact(growth.entries()))
                .append(" entries (`GrowthBench`, whole process, ").append(growth.heap()).append(")\n\n")
                .append("`Long → Long`; raw Chronicle Map is created for all ").append(Numbers.compact(growth.entries()))
                .append(" entries up front, DiskDict with no size hint.\n\n")
                .append("| | DiskDict | raw Chronicle Map | deco / raw | issue 11's target |\n|---|---|---|---|---|\n");
        row(md, "puts/s over the whole fill", Growth.fillRate(deco), Growth.fillRate(raw), "≥ 0.70×");
        row(md, "random gets/s at the end", d.gets(), r.gets(), "≥ 0.90×");
        row(md, "absent-key gets/s at the end", d.absentGets(), r.absentGets(), "≥ 0.80×");
        long decoClosed = growth.closedDisk().get(DECO);
        long rawClosed = growth.closedDisk().get(RAW);
        md.append("| disk once closed | ").append(megabytes(decoClosed)).append(" | ").append(megabytes(rawClosed))
                .append(" | **").append(Numbers.ratio((double) decoClosed / rawClosed)).append("** | ≤ 1.50× |\n");
        md.append("| disk at the end, still open (replaced files kept until close) | ").append(megabytes(d.diskBytes()))
                .append(" | ").append(megabytes(r.diskBytes())).append(" | ")
                .append(Numbers.ratio((double) d.diskBytes() / r.diskBytes())).append(" | |\n");
        md.append("| largest heap after GC on the way | ").append(megabytes(maxHeap(deco))).append(" | ")
                .append(megabytes(maxHeap(raw))).append(" | | flat |\n\n");
        List<SvgChart.Series> rates = new ArrayList<>();
        rates.add(series("DiskDict put", deco, Growth.Point::puts));
        rates.add(series("DiskDict get", deco, Growth.Point::gets));
        rates.add(series("DiskDict absent get", deco, Growth.Point::absentGets));
        rates.add(series("Chronicle put", raw, Growth.Point::puts));
        rates.add(series("Chronicle get", raw, Growth.Point::gets));
        rates.add(series("Chronicle absent get", raw, Growth.Point::absentGets));
        charts.put("growth-rates.svg", SvgChart.lines("Operations per second as the store grows", "entries",
                "M ops/s", rates, false, new double[0], new String[0]));
        charts.put("growth-heap.svg", SvgChart.lines("Heap after GC as the store grows (" + growth.heap() + ")", "entries",
                "MB", List.of(series("DiskDict", deco, p -> p.heapBytes()),
                        series("Chronicle", raw, p -> p.heapBytes())), false, new double[0], new String[0]));
        charts.put("growth-disk.svg", SvgChart.lines("Disk as the store grows", "entries", "MB",
                List.of(series("DiskDict", deco, p -> p.diskBytes()), series("Chronicle", raw, p -> p.diskBytes())),
                false, new double[0], new String[0]));
        md.append("![rates](").append(chartLink).append("/growth-rates.svg)\n![heap](").append(chartLink)
                .append("/growth-heap.svg)\n![disk](").append(chartLink).append("/growth-disk.svg)\n\n");
    }

    private static void row(StringBuilder md, String what, double deco, double raw, String target) {
        md.append("| ").append(what).append(" | ").append(Numbers.compact(deco)).append(" | ").append(Numbers.compact(raw))
                .append(" | **").append(Numbers.ratio(deco / raw)).append("** | ").append(target).append(" |\n");
    }

    /** Rates in M ops/s, bytes in MB: the chart's y axis reads in those units. */
    private static SvgChart.Series series(String name, List<Growth.Point> points, ToDoubleFunction<Growth.Point> y) {
        List<double[]> xy = new ArrayList<>();
        for (Growth.Point point : points) {
            xy.add(new double[] {point.entries(), y.applyAsDouble(point) / 1e6});
        }
        return new SvgChart.Series(name, xy);
    }

    private static long maxHeap(List<Growth.Point> points) {
        return points.stream().mapToLong(Growth.Point::heapBytes).max().orElse(0);
    }

    private static String megabytes(long bytes) {
        return Math.round(bytes / 1e6) + " MB";
    }
}
