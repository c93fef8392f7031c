/**
 * The structured concurrent core of deco.
 *
 * <p>Exports {@link deco.core}: the annotations {@link deco.core.Concurrent} and
 * {@link deco.core.Synchronized}, the entry point {@link deco.core.Deco}, the synchronization
 * scope {@link deco.core.Sync} and its {@link deco.core.Pending} results. The engines that run
 * tasks ({@code deco.core.engine}) are internal.
 */
module deco.core {
    exports deco.core;
}
