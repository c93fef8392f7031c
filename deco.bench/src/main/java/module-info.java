/**
 * deco's JMH benchmarks, each against the raw alternative in the same run, and the demo
 * ({@code deco.bench.Demo}). Not a library: nothing here is API.
 */
module deco.bench {
    requires deco.core;
    requires deco.memory;
    requires deco.concurrent;
    requires deco.cluster;
    requires com.hazelcast.core;
    requires jmh.core;
    requires chronicle.map;
    requires chronicle.queue;
    requires com.h2database;
    requires com.github.benmanes.caffeine;
    requires static mapdb; // GrowthBench's peer only, never in the image (decision 025)

    exports deco.bench;
    exports deco.bench.core;
    exports deco.bench.memory;
    exports deco.bench.concurrent;
    exports deco.bench.cluster;
    exports deco.bench.report;
}
