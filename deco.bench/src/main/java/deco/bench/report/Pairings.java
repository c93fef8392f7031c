package deco.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** Pairs the results of one run as the {@link Comparison}s say. */
final class Pairings {

    private Pairings() {
    }

    /**
     * @param results    one run's results
     * @param comparison what to pair
     * @return deco against each peer with equal parameters; a result without its partner is skipped
     */
    static List<Ratio> ratios(List<Result> results, Comparison comparison) {
        List<Result> own = results.stream().filter(r -> r.benchmarkClass().equals(comparison.benchmarkClass())).toList();
        List<Ratio> ratios = new ArrayList<>();
        switch (comparison.kind()) {
            case METHODS -> {
                for (Result subject : own) {
                    if (!subject.method().equals(comparison.subject())) {
                        continue;
                    }
                    for (String peerMethod : comparison.peers()) {
                        find(own, peerMethod, subject.params()).ifPresent(peer -> ratios.add(new Ratio(
                                subject.method() + " vs " + peerMethod + suffix(subject.params()), subject, peer)));
                    }
                }
            }
            case SPEEDUP -> {
                for (Result run : own) {
                    if (run.method().equals(comparison.subject())) {
                        continue;
                    }
                    find(own, comparison.subject(), run.params()).ifPresent(serial -> ratios.add(new Ratio(
                            run.method() + " vs " + serial.method() + suffix(run.params()), run, serial)));
                }
            }
            case KIND_PARAMETER -> {
                for (Result subject : own) {
                    if (!comparison.subject().equals(subject.params().get("kind"))) {
                        continue;
                    }
                    for (Result peer : own) {
                        if (peer.method().equals(subject.method()) && !Objects.equals(peer.params().get("kind"), comparison.subject())
                                && withoutKind(peer.params()).equals(withoutKind(subject.params()))) {
                            ratios.add(new Ratio(subject.method() + ": " + comparison.subject() + " vs "
                                    + peer.params().get("kind") + suffix(withoutKind(subject.params())), subject, peer));
                        }
                    }
                }
            }
        }
        return ratios;
    }

    private static java.util.Optional<Result> find(List<Result> results, String method, SortedMap<String, String> params) {
        return results.stream().filter(r -> r.method().equals(method) && r.params().equals(params)).findFirst();
    }

    private static SortedMap<String, String> withoutKind(SortedMap<String, String> params) {
        SortedMap<String, String> rest = new TreeMap<>(params);
        rest.remove("kind");
        return rest;
    }

    private static String suffix(SortedMap<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" (");
        params.forEach((k, v) -> out.append(out.length() == 2 ? "" : ", ").append(k).append('=').append(v));
        return out.append(')').toString();
    }
}
