package deco.bench.report;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One JMH result: which benchmark with which parameters, and its primary score.
 *
 * @param benchmarkClass the benchmark's simple class name, e.g. {@code MapBenchmark}
 * @param method         the benchmark method
 * @param params         its {@code @Param} values, by name
 * @param mode           JMH's mode: {@code thrpt}, {@code avgt}, ...
 * @param score          the score
 * @param error          the 99.9 % half-interval, {@code NaN} if JMH gave none
 * @param unit           the score's unit, e.g. {@code ops/s}, {@code us/op}
 */
record Result(String benchmarkClass, String method, SortedMap<String, String> params, String mode,
              double score, double error, String unit) {

    /** {@return how fast: higher is better whatever the mode (ops per unit, or 1 / time)} */
    double speed() {
        return mode.equals("thrpt") ? score : 1.0 / score;
    }

    /** {@return the parameters as {@code a=1, b=x}, or "" when there are none} */
    String paramText() {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return out.toString();
    }

    /** {@return the score with its error, e.g. {@code 7.27 M ± 1.40 M ops/s}} */
    String scoreText() {
        String error = Double.isNaN(this.error) ? "" : " ± " + Numbers.compact(this.error);
        return Numbers.compact(score) + error + " " + unit;
    }

    /**
     * Reads JMH's JSON result file.
     *
     * @param json the file's text
     * @return its results, in file order
     * @throws IllegalArgumentException if it is not JMH's JSON
     */
    @SuppressWarnings("unchecked")
    static List<Result> parseAll(String json) {
        return parseAll(Json.parse(json));
    }

    /**
     * As {@link #parseAll(String)}, from the file's parsed value ({@link Json#parse}).
     *
     * @param root the parsed file
     * @return its results, in file order
     * @throws IllegalArgumentException if it is not JMH's JSON
     */
    @SuppressWarnings("unchecked")
    static List<Result> parseAll(Object root) {
        if (!(root instanceof List<?> runs)) {
            throw new IllegalArgumentException("not JMH JSON: the top level is not an array");
        }
        return runs.stream().map(run -> of((Map<String, Object>) run)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Result of(Map<String, Object> run) {
        String benchmark = (String) run.get("benchmark");
        if (benchmark == null || !(run.get("primaryMetric") instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a JMH result: " + run.keySet());
        }
        int method = benchmark.lastIndexOf('.');
        String className = benchmark.substring(0, method);
        SortedMap<String, String> params = new TreeMap<>();
        if (run.get("params") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> params.put((String) k, String.valueOf(v)));
        }
        Map<String, Object> metric = (Map<String, Object>) run.get("primaryMetric");
        return new Result(className.substring(className.lastIndexOf('.') + 1), benchmark.substring(method + 1),
                params, (String) run.get("mode"), number(metric.get("score")), number(metric.get("scoreError")),
                (String) metric.get("scoreUnit"));
    }

    private static double number(Object value) {
        return value instanceof Double d ? d : Double.NaN; // JMH writes "NaN" as a string
    }
}
