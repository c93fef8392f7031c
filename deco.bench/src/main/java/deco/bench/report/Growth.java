package deco.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GrowthBench} measured: per store, points on the way from empty to {@code entries}.
 *
 * @param entries the final entry count
 * @param heap    the heap limit the stores ran with
 * @param stores  per store ({@code DECO}, {@code CHRONICLE}), its points in order
 * @param closedDisk per store, the bytes on disk once it was closed
 */
record Growth(long entries, String heap, Map<String, List<Point>> stores, Map<String, Long> closedDisk) {

    /**
     * One point.
     *
     * @param entries    entries so far
     * @param puts       puts/s over the last stretch of the fill
     * @param gets       random gets/s of present keys
     * @param absentGets gets/s of absent keys
     * @param heapBytes  heap in use after a GC
     * @param diskBytes  bytes allocated on disk
     */
    record Point(long entries, double puts, double gets, double absentGets, long heapBytes, long diskBytes) {
    }

    /** {@return the fill rate over the whole fill: entries / total time of the puts} */
    static double fillRate(List<Point> points) {
        double seconds = 0;
        long previous = 0;
        for (Point point : points) {
            seconds += (point.entries() - previous) / point.puts();
            previous = point.entries();
        }
        return previous / seconds;
    }

    /**
     * @param json GrowthBench's output
     * @return its content
     * @throws IllegalArgumentException if it is not GrowthBench's output
     */
    @SuppressWarnings("unchecked")
    static Growth parse(String json) {
        if (!(Json.parse(json) instanceof Map<?, ?> root) || !(root.get("stores") instanceof Map<?, ?> stores)
                || !(root.get("entries") instanceof Double entries)) {
            throw new IllegalArgumentException("not GrowthBench output");
        }
        Map<String, List<Point>> parsed = new LinkedHashMap<>();
        Map<String, Long> closed = new LinkedHashMap<>();
        stores.forEach((name, store) -> {
            Map<String, Object> measured = (Map<String, Object>) store;
            closed.put((String) name, ((Double) measured.get("diskAfterClose")).longValue());
            List<Point> list = new ArrayList<>();
            for (Object point : (List<Object>) measured.get("points")) {
                List<Double> p = (List<Double>) point;
                list.add(new Point(p.get(0).longValue(), p.get(1), p.get(2), p.get(3), p.get(4).longValue(),
                        p.get(5).longValue()));
            }
            parsed.put((String) name, list);
        });
        return new Growth(entries.longValue(), String.valueOf(root.get("heap")), parsed, closed);
    }
}
