package deco.bench.report;

/**
 * deco against one peer in the same run: how many times faster deco is ({@code > 1}: deco
 * faster), whatever the benchmark mode.
 *
 * @param label   what is compared, e.g. {@code decoSync vs rawStructuredTaskScope (calls=1)}
 * @param subject deco's result
 * @param peer    the peer's result
 */
record Ratio(String label, Result subject, Result peer) {

    /** {@return subject speed / peer speed} */
    double value() {
        return subject.speed() / peer.speed();
    }
}
