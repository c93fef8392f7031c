/**
 * DiskDict and DiskList: a {@code ConcurrentMap} and a {@code List} limited by disk, not heap, on
 * Chronicle Map; persistent and safe across processes. The home of deco's storage primitives.
 *
 * <p>Exports {@link deco.memory}: {@link deco.memory.DiskDict}, {@link deco.memory.DiskList},
 * {@link deco.memory.Codec} (values to bytes, for every deco file and queue) and
 * {@link deco.memory.DiskFormatException} (a file that is not deco's or is damaged).
 * {@code deco.memory.io} (a memory-mapped counter shared by processes) is exported to
 * {@code deco.concurrent} only, as is {@code deco.memory.jvm} (the JVM set-up check, and the command
 * that prints the JVM flags: {@code java -jar deco.memory.jar}); how entries live in files ({@code deco.memory.store}) is internal.
 * See docs/decisions/010-storage-lives-in-deco-memory.md.
 */
module deco.memory {
    requires chronicle.map;

    exports deco.memory;
    exports deco.memory.io to deco.concurrent;
    exports deco.memory.jvm to deco.concurrent;
}
