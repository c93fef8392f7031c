package deco.bench.report;

import java.util.List;

/**
 * Which results of one benchmark class the report sets against each other: deco's benchmark and
 * its peers measured in the same run.
 *
 * @param benchmarkClass the benchmark's simple class name
 * @param kind           how results are paired
 * @param subject        deco's method ({@link Kind#METHODS}), the serial baseline
 *                       ({@link Kind#SPEEDUP}) or deco's {@code kind} parameter value
 *                       ({@link Kind#KIND_PARAMETER})
 * @param peers          the peer methods ({@link Kind#METHODS}); empty otherwise
 */
record Comparison(String benchmarkClass, Kind kind, String subject, List<String> peers) {

    /** How results are paired. */
    enum Kind {
        /** deco's method against peer methods with the same parameters. */
        METHODS,
        /** Every method against a serial baseline with the same parameters: speedup. */
        SPEEDUP,
        /** Per method, deco's value of the {@code kind} parameter against every other value. */
        KIND_PARAMETER
    }

    /** The comparisons of deco's benchmark suite. */
    static final List<Comparison> ALL = List.of(
            new Comparison("CallOverheadBenchmark", Kind.METHODS, "decoSync",
                    List.of("rawStructuredTaskScope", "executorInvokeAll", "parallelStream")),
            new Comparison("SpeedupBenchmark", Kind.SPEEDUP, "serial", List.of()),
            new Comparison("TaskSizeBenchmark", Kind.SPEEDUP, "serial", List.of()),
            new Comparison("TaskSizeBenchmark", Kind.METHODS, "decoSync",
                    List.of("rawStructuredTaskScope", "parallelStream", "gatherersMapConcurrent")),
            new Comparison("BlockingTaskBenchmark", Kind.METHODS, "decoSync",
                    List.of("rawStructuredTaskScope", "gatherersMapConcurrent", "parallelStream")),
            new Comparison("WovenLoopBenchmark", Kind.METHODS, "woven", List.of("explicitSync", "serial")),
            new Comparison("WovenLoopBenchmark", Kind.METHODS, "wovenPatternSwitch", List.of("woven", "serial")),
            new Comparison("WovenLoopBenchmark", Kind.METHODS, "wovenEnumSwitch", List.of("woven", "serial")),
            new Comparison("WovenLoopBenchmark", Kind.METHODS, "wovenSealedInterface", List.of("woven", "serial")),
            new Comparison("WovenLoopBenchmark", Kind.METHODS, "wovenStreamingCall", List.of("woven", "serial")),
            new Comparison("WovenLoopBenchmark", Kind.METHODS, "wovenArraysGiven", List.of("woven", "serial")),
            new Comparison("WovenLoopBenchmark", Kind.METHODS, "wovenListGiven", List.of("woven", "serial")),
            new Comparison("WovenLoopBenchmark", Kind.METHODS, "wovenConstantReader", List.of("woven", "serial")),
            new Comparison("WovenLoopBenchmark", Kind.METHODS, "wovenFinalFieldReader", List.of("woven", "serial")),
            new Comparison("ListBenchmark", Kind.METHODS, "decoGet", List.of("rawChronicleGet")),
            new Comparison("ListBenchmark", Kind.METHODS, "decoAppend", List.of("rawChronicleAppend")),
            new Comparison("ListShiftBenchmark", Kind.METHODS, "decoAddAllAtFront",
                    List.of("rawChronicleInsertAtFront", "decoAddOneByOneAtFront")),
            new Comparison("ListShiftBenchmark", Kind.METHODS, "decoClearRangeAtFront",
                    List.of("rawChronicleRemoveRangeAtFront", "decoRemoveOneByOneAtFront")),
            new Comparison("ListShiftBenchmark", Kind.METHODS, "decoRemoveIfEveryTenth",
                    List.of("rawChronicleCompactEveryTenth", "decoIteratorRemoveEveryTenth")),
            new Comparison("ListShiftBenchmark", Kind.METHODS, "decoReplaceAll",
                    List.of("rawChronicleReplaceAll", "decoSetEach")),
            new Comparison("BufferBenchmark", Kind.METHODS, "decoBuffer", List.of("arrayBlockingQueue")),
            new Comparison("CacheBenchmark", Kind.METHODS, "cacheHit", List.of("concurrentHashMapGet", "caffeineHit")),
            new Comparison("CacheBenchmark", Kind.METHODS, "cacheMiss", List.of("caffeineMiss")),
            new Comparison("CacheJournalBenchmark", Kind.METHODS, "openReadingCode", List.of("openStatedVersion", "rawQueueOpen")),
            new Comparison("MapBenchmark", Kind.KIND_PARAMETER, "DECO", List.of()),
            new Comparison("MapViewBenchmark", Kind.KIND_PARAMETER, "DECO", List.of()));
}
