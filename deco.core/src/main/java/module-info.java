/**
 * The structured concurrent core of deco.
 *
 * <p>Exports {@link deco.core}: the annotations {@link deco.core.Concurrent} and
 * {@link deco.core.Synchronized}, the entry point {@link deco.core.Deco}, the synchronization
 * scope {@link deco.core.Sync} and its {@link deco.core.Pending} results. {@code deco.core.woven}
 * is exported only because woven classes call into it; it is not API. The engines
 * ({@code deco.core.engine}) and the weaver ({@code deco.core.weave}: run it with
 * {@code java -m deco.core/deco.core.weave.WeaverMain}, or as {@code -javaagent}) are internal; {@code deco.core.weave} is exported to {@code java.instrument} alone, so the
 * agent starts when deco.core is a named module.
 */
module deco.core {
    requires static java.instrument;
    // which monitors and locks a thread holds (decision 047): ThreadMXBean is the only way to ask
    requires java.management;

    exports deco.core;
    exports deco.core.woven;
    // -javaagent on the module path: java.instrument calls WeaveAgent.premain reflectively
    exports deco.core.weave to java.instrument;
    // a distributed engine (deco.cluster) plugs in here; without it nothing changes. deco.concurrent
    // shares what tells the application's class files apart (a Cache journal's function version)
    exports deco.core.remote to deco.cluster, deco.concurrent;
    uses deco.core.remote.RemoteEngine;
}
