/**
 * deco on a Hazelcast cluster: {@code @Concurrent} calls (woven) and the tasks of deco's explicit
 * API run on the cluster's members when this module is present and configured
 * ({@code -Ddeco.cluster.members=host:port,...}); without the configuration nothing changes.
 *
 * <p>Exports {@link deco.cluster}: {@link deco.cluster.ClusterMember} (start a member: {@code java
 * -m deco.cluster/deco.cluster.ClusterMember}), {@link deco.cluster.ClusterSettings} and the
 * exceptions. The engine ({@code deco.cluster.engine}) is internal; deco.core finds it as a
 * service.
 */
module deco.cluster {
    requires transitive deco.core;
    requires com.hazelcast.core;

    exports deco.cluster;

    provides deco.core.remote.RemoteEngine with deco.cluster.engine.ClusterEngine;
}
