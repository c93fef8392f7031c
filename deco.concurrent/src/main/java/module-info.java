/**
 * Buffer and Cache: a generator run ahead of its consumer and a memoising function that
 * precomputes branches in parallel. Filled by its own issue; the module exists so the reactor and
 * the module graph are in place.
 */
module deco.concurrent {
    requires deco.core;
}
