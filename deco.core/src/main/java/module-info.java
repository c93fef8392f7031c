/**
 * The structured concurrent core of deco.
 *
 * <p>Exports {@link deco.core}: the annotations {@link deco.core.Concurrent} and
 * {@link deco.core.Synchronized}, the entry point {@link deco.core.Deco}, the synchronization
 * scope {@link deco.core.Sync} and its {@link deco.core.Pending} results, and {@link deco.core.Codec}
 * (values to bytes, for deco's disk-backed collections and queues). {@code deco.core.woven}
 * is exported only because woven classes call into it; it is not API. The engines
 * ({@code deco.core.engine}) and the weaver ({@code deco.core.weave}: run it with
 * {@code java -m deco.core/deco.core.weave.WeaverMain}, or as {@code -javaagent}) are internal.
 */
module deco.core {
    requires static java.instrument;

    exports deco.core;
    exports deco.core.woven;
    // shared by deco's own modules only: memory-mapped counters, the on-disk format exception
    exports deco.core.io to deco.memory, deco.concurrent;
}
