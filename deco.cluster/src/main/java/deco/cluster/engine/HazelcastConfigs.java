package deco.cluster.engine;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import deco.cluster.ClusterSettings;

/**
 * The Hazelcast configuration of deco's members and programs: TCP/IP join with the listed
 * addresses only (no multicast, no auto-detection), phone-home off, Hazelcast's own logging off
 * unless {@code hazelcast.logging.type} is set, one executor ({@value #EXECUTOR}) sized to the
 * member's threads, the thread count published as a member attribute, which marks a member as
 * deco's, and deco's wire types ({@link WireTypes}).
 */
public final class HazelcastConfigs {

    /** The executor that runs deco's tasks on every member. */
    public static final String EXECUTOR = "deco";
    /** The member attribute with the number of tasks a member runs at once. */
    public static final String THREADS_ATTRIBUTE = "deco.threads";

    private HazelcastConfigs() {
    }

    /**
     * @param settings the cluster
     * @param host     this member's address
     * @param port     this member's port
     * @param threads  how many tasks it runs at once
     * @return the member's configuration
     */
    public static Config member(ClusterSettings settings, String host, int port, int threads) {
        Config config = new Config();
        config.setClusterName(settings.name());
        config.setInstanceName("deco-member-" + host + "-" + port);
        quiet(config.getProperties());
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(host);
        network.setPublicAddress(host + ":" + port);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
        config.getExecutorConfig(EXECUTOR).setPoolSize(threads).setStatisticsEnabled(false);
        config.getMemberAttributeConfig().setAttribute(THREADS_ATTRIBUTE, Integer.toString(threads));
        config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        config.getSerializationConfig().addDataSerializableFactory(WireTypes.FACTORY_ID, new WireTypes());
        return config;
    }

    /**
     * @param settings the cluster
     * @return a program's client configuration: connects to the listed members, fails operations
     * at once while disconnected (deco then retries elsewhere or fails the task), and gives up
     * connecting after the settings' timeout
     */
    public static ClientConfig client(ClusterSettings settings) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(settings.name());
        config.setInstanceName("deco-program-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        quiet(config.getProperties());
        config.getNetworkConfig().setAddresses(settings.members());
        ClientConnectionStrategyConfig strategy = config.getConnectionStrategyConfig();
        strategy.setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ASYNC);
        strategy.getConnectionRetryConfig().setClusterConnectTimeoutMillis(settings.connectTimeout().toMillis());
        config.getSerializationConfig().addDataSerializableFactory(WireTypes.FACTORY_ID, new WireTypes());
        return config;
    }

    private static void quiet(java.util.Properties properties) {
        properties.setProperty("hazelcast.phone.home.enabled", "false");
        if (System.getProperty("hazelcast.logging.type") == null) {
            properties.setProperty("hazelcast.logging.type", "none");
        }
    }
}
