/**
 * Buffer and Cache: a generator run ahead of its consumers (even in another JVM) and a memoising
 * function that precomputes branches in parallel, both on Chronicle Queue. Exports
 * {@link deco.concurrent}; the queue layer ({@code deco.concurrent.log}) is internal.
 */
module deco.concurrent {
    requires transitive deco.core;
    requires transitive deco.memory;
    requires chronicle.queue;
    requires chronicle.bytes;
    requires chronicle.wire;
    requires chronicle.core;

    exports deco.concurrent;
}
