package deco.bench.core;

/**
 * How a {@link WovenLoopBenchmark} call weighs its work: an enum of its own compilation unit, so
 * javac switches on it through a {@code $SwitchMap$} table (decision 051).
 */
public enum Pace {
    /** Weight 1. */
    STEADY,
    /** Weight 1 as well: both weigh the same, so the work is the plain loop's. */
    EVEN
}
