package deco.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The report's section for {@code GrowthBench}: DiskDict, with no size hint and hinted, against raw
 * Chronicle Map sized up front and the other embedded stores of the run (MapDB), from empty to N
 * entries, with issue 11's targets, and charts of the rates, the heap and the disk against the
 * entry count.
 */
final class GrowthSection {

    private static final String DECO = "DECO";
    private static final String HINTED = "DECO_HINTED";
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
        List<Growth.Point> hinted = growth.stores().getOrDefault(HINTED, List.of());
        Growth.Point d = deco.getLast();
        Growth.Point h = hinted.isEmpty() ? null : hinted.getLast();
        Growth.Point r = raw.getLast();
        md.append("### DiskDict from empty to ").append(Numbers.compact(growth.entries()))
                .append(" entries (`GrowthBench`, whole process, ").append(growth.heap()).append(")\n\n")
                .append("`Long → Long`; raw Chronicle Map is created for all ").append(Numbers.compact(growth.entries()))
                .append(" entries up front; DiskDict once with no size hint (it grows by splitting parts) and")
                .append(" once with `initialCapacity(").append(growth.entries()).append(")`, the hint raw Chronicle")
                .append(" Map needs (decision 023).\n\n")
                .append("| | DiskDict, no hint | DiskDict, hinted | raw Chronicle Map | no hint / raw | hinted / raw")
                .append(" | issue 11's target |\n|---|---|---|---|---|---|---|\n");
        row(md, "puts/s over the whole fill", Growth.fillRate(deco), h == null ? Double.NaN : Growth.fillRate(hinted),
                Growth.fillRate(raw), "≥ 0.70×");
        row(md, "random gets/s at the end", d.gets(), h == null ? Double.NaN : h.gets(), r.gets(), "≥ 0.90×");
        row(md, "absent-key gets/s at the end", d.absentGets(), h == null ? Double.NaN : h.absentGets(), r.absentGets(),
                "≥ 0.80×");
        double rawClosed = growth.closedDisk().get(RAW);
        md.append("| disk once closed | ").append(megabytes(growth.closedDisk().get(DECO))).append(" | ")
                .append(h == null ? "–" : megabytes(growth.closedDisk().get(HINTED))).append(" | ")
                .append(megabytes((long) rawClosed)).append(" | **")
                .append(Numbers.ratio(growth.closedDisk().get(DECO) / rawClosed)).append("** | **")
                .append(h == null ? "–" : Numbers.ratio(growth.closedDisk().get(HINTED) / rawClosed))
                .append("** | ≤ 1.50× |\n");
        md.append("| disk at the end, still open (replaced files kept until close) | ")
                .append(megabytes(d.diskBytes())).append(" | ").append(h == null ? "–" : megabytes(h.diskBytes()))
                .append(" | ").append(megabytes(r.diskBytes())).append(" | ")
                .append(Numbers.ratio((double) d.diskBytes() / r.diskBytes())).append(" | ")
                .append(h == null ? "–" : Numbers.ratio((double) h.diskBytes() / r.diskBytes())).append(" | |\n");
        md.append("| largest heap after GC on the way | ").append(megabytes(maxHeap(deco))).append(" | ")
                .append(h == null ? "–" : megabytes(maxHeap(hinted))).append(" | ").append(megabytes(maxHeap(raw)))
                .append(" | | | flat |\n\n");
        List<String> peers = peers(growth);
        appendPeers(md, growth, peers, deco, raw);
        List<SvgChart.Series> rates = new ArrayList<>();
        rates.add(series("DiskDict put", deco, Growth.Point::puts));
        rates.add(series("DiskDict get", deco, Growth.Point::gets));
        rates.add(series("DiskDict absent get", deco, Growth.Point::absentGets));
        if (!hinted.isEmpty()) {
            rates.add(series("DiskDict hinted put", hinted, Growth.Point::puts));
        }
        rates.add(series("Chronicle put", raw, Growth.Point::puts));
        for (String name : peers) {
            rates.add(series(label(name) + " put", growth.stores().get(name), Growth.Point::puts));
        }
        rates.add(series("Chronicle get", raw, Growth.Point::gets));
        rates.add(series("Chronicle absent get", raw, Growth.Point::absentGets));
        charts.put("growth-rates.svg", SvgChart.lines("Operations per second as the store grows", "entries",
                "M ops/s", rates, false, new double[0], new String[0]));
        charts.put("growth-heap.svg", SvgChart.lines("Heap after GC as the store grows (" + growth.heap() + ")", "entries",
                "MB", withHinted(series("DiskDict", deco, p -> p.heapBytes()), hinted, p -> p.heapBytes(),
                        series("Chronicle", raw, p -> p.heapBytes())), false, new double[0], new String[0]));
        charts.put("growth-disk.svg", SvgChart.lines("Disk as the store grows", "entries", "MB",
                withHinted(series("DiskDict", deco, p -> p.diskBytes()), hinted, p -> p.diskBytes(),
                        series("Chronicle", raw, p -> p.diskBytes())), false, new double[0], new String[0]));
        md.append("![rates](").append(chartLink).append("/growth-rates.svg)\n![heap](").append(chartLink)
                .append("/growth-heap.svg)\n![disk](").append(chartLink).append("/growth-disk.svg)\n\n");
    }

    /**
     * The other stores of the same run (MapDB, decision 025), each against DiskDict with no hint:
     * what a user who does not size the store compares with.
     */
    private static void appendPeers(StringBuilder md, Growth growth, List<String> peers, List<Growth.Point> deco,
                                    List<Growth.Point> raw) {
        if (peers.isEmpty()) {
            return;
        }
        md.append("Other embedded stores in the same run, from empty with no size hint:\n\n")
                .append("| | puts/s over the whole fill | random gets/s at the end | absent-key gets/s at the end")
                .append(" | disk once closed | largest heap after GC |\n|---|---|---|---|---|---|\n");
        peerRow(md, "DiskDict, no hint", deco, growth.closedDisk().get(DECO));
        for (String name : peers) {
            peerRow(md, label(name), growth.stores().get(name), growth.closedDisk().get(name));
        }
        peerRow(md, "raw Chronicle Map, sized up front", raw, growth.closedDisk().get(RAW));
        md.append('\n');
        Growth.Point d = deco.getLast();
        for (String name : peers) {
            List<Growth.Point> points = growth.stores().get(name);
            Growth.Point p = points.getLast();
            md.append("DiskDict with no hint against ").append(label(name)).append(": **")
                    .append(Numbers.ratio(Growth.fillRate(deco) / Growth.fillRate(points))).append("** puts, **")
                    .append(Numbers.ratio(d.gets() / p.gets())).append("** gets, **")
                    .append(Numbers.ratio(d.absentGets() / p.absentGets())).append("** absent-key gets, **")
                    .append(Numbers.ratio((double) growth.closedDisk().get(DECO) / growth.closedDisk().get(name)))
                    .append("** its disk.\n\n");
        }
    }

    private static void peerRow(StringBuilder md, String what, List<Growth.Point> points, Long closedDisk) {
        Growth.Point last = points.getLast();
        md.append("| ").append(what).append(" | ").append(Numbers.compact(Growth.fillRate(points))).append(" | ")
                .append(Numbers.compact(last.gets())).append(" | ").append(Numbers.compact(last.absentGets()))
                .append(" | ").append(closedDisk == null ? "–" : megabytes(closedDisk)).append(" | ")
                .append(megabytes(maxHeap(points))).append(" |\n");
    }

    /** The stores measured beside DiskDict and raw Chronicle Map, with points, in the run's order. */
    private static List<String> peers(Growth growth) {
        return growth.stores().entrySet().stream()
                .filter(store -> !List.of(DECO, HINTED, RAW).contains(store.getKey()) && !store.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
    }

    /** How the report names a store GrowthBench measured beside DiskDict and raw Chronicle Map. */
    private static String label(String store) {
        return store.equals("MAPDB") ? "MapDB HTreeMap (mmap)" : store;
    }

    private static void row(StringBuilder md, String what, double deco, double hinted, double raw, String target) {
        boolean noHinted = Double.isNaN(hinted);
        md.append("| ").append(what).append(" | ").append(Numbers.compact(deco)).append(" | ")
                .append(noHinted ? "–" : Numbers.compact(hinted)).append(" | ").append(Numbers.compact(raw))
                .append(" | **").append(Numbers.ratio(deco / raw)).append("** | **")
                .append(noHinted ? "–" : Numbers.ratio(hinted / raw)).append("** | ").append(target).append(" |\n");
    }

    /** Rates in M ops/s, bytes in MB: the chart's y axis reads in those units. */
    private static SvgChart.Series series(String name, List<Growth.Point> points, ToDoubleFunction<Growth.Point> y) {
        List<double[]> xy = new ArrayList<>();
        for (Growth.Point point : points) {
            xy.add(new double[] {point.entries(), y.applyAsDouble(point) / 1e6});
        }
        return new SvgChart.Series(name, xy);
    }

    /** The no-hint and raw series, with the hinted one between them when it was measured. */
    private static List<SvgChart.Series> withHinted(SvgChart.Series deco, List<Growth.Point> hinted,
                                                    ToDoubleFunction<Growth.Point> y, SvgChart.Series raw) {
        List<SvgChart.Series> all = new ArrayList<>(List.of(deco));
        if (!hinted.isEmpty()) {
            all.add(series("DiskDict hinted", hinted, y));
        }
        all.add(raw);
        return all;
    }

    private static long maxHeap(List<Growth.Point> points) {
        return points.stream().mapToLong(Growth.Point::heapBytes).max().orElse(0);
    }

    private static String megabytes(long bytes) {
        return Math.round(bytes / 1e6) + " MB";
    }
}
