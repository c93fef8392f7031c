/**
 * DiskDict and DiskList: a {@code ConcurrentMap} and a {@code List} limited by disk, not heap, on
 * Chronicle Map; persistent and safe across processes. Exports {@link deco.memory}; how entries
 * live in files ({@code deco.memory.store}) is internal.
 */
module deco.memory {
    requires transitive deco.core;
    requires chronicle.map;

    exports deco.memory;
}
