package deco.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import deco.cluster.engine.HazelcastConfigs;
import deco.cluster.engine.MemberTasks;
import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * A member of a deco cluster: a Hazelcast member that runs the tasks deco's programs send it,
 * with the application's classes on its class path. Start one per machine (or several) with one
 * command:
 * {@snippet lang=shell :
 * java @deco-cluster.args -cp app.jar:deco.core.jar:deco.cluster.jar:hazelcast.jar \
 *     deco.cluster.ClusterMember --address 10.0.0.5:5701 --members 10.0.0.5:5701,10.0.0.6:5701
 * }
 * Options: {@code --address host:port} (this member; default {@code 127.0.0.1:5701}),
 * {@code --members host:port,...} (the cluster, default this member alone), {@code --name}
 * (default {@code deco}), {@code --threads n} (tasks at once, default the number of cores). The
 * member prints one line when it is ready and runs until its process ends.
 *
 * <p>A member runs what programs send it: put it on a network only trusted programs reach.
 * Thread-safe; {@link #close()} is idempotent.
 */
public final class ClusterMember implements AutoCloseable {

    private final HazelcastInstance hazelcast;
    private final String address;
    private final int threads;

    private ClusterMember(HazelcastInstance hazelcast, String address, int threads) {
        this.hazelcast = hazelcast;
        this.address = address;
        this.threads = threads;
    }

    /**
     * Starts a member in this JVM and waits until it has joined the cluster (or formed it).
     *
     * @param settings the cluster: its name and the members to join
     * @param address  this member's {@code host:port}
     * @param threads  how many tasks it runs at once, 1 or more
     * @return the running member
     * @throws IllegalArgumentException if the address is malformed or {@code threads < 1}
     * @throws IllegalStateException    if Hazelcast cannot start (the port is taken ...)
     */
    public static ClusterMember start(ClusterSettings settings, String address, int threads) {
        Objects.requireNonNull(settings, "settings");
        ClusterSettings.parseMembers(Objects.requireNonNull(address, "address"));
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more: " + threads);
        }
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        HazelcastInstance hazelcast;
        try {
            hazelcast = Hazelcast.newHazelcastInstance(HazelcastConfigs.member(settings, host, port, threads));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start a deco member at " + address + ": " + e.getMessage(), e);
        }
        MemberTasks.install(hazelcast);
        return new ClusterMember(hazelcast, address, threads);
    }

    /** {@return this member's {@code host:port}} */
    public String address() {
        return address;
    }

    /** {@return how many members the cluster has, as this member sees it} */
    public int clusterSize() {
        return hazelcast.getCluster().getMembers().size();
    }

    /** Leaves the cluster; tasks running here fail over to other members. */
    @Override
    public void close() {
        hazelcast.shutdown();
    }

    @Override
    public String toString() {
        return "ClusterMember[" + address + ", " + threads + " threads]";
    }

    /**
     * Starts a member and runs until the process ends.
     *
     * @param args see the class description
     * @throws InterruptedException never in practice: the main thread waits forever
     */
    public static void main(String[] args) throws InterruptedException {
        int status;
        try {
            status = run(args, System.out, System.err);
        } catch (RuntimeException | LinkageError e) {
            // Hazelcast did not start; its threads would keep this JVM alive: end it
            System.err.println("deco member: Hazelcast did not start: " + e);
            if (e instanceof LinkageError) {
                System.err.println("on the module path, run members with the flags of docs/guide/cluster.md "
                        + "(--add-modules java.se,jdk.unsupported and the opens for com.hazelcast.core)");
            }
            e.printStackTrace();
            status = 1;
        }
        if (status != 0) {
            System.exit(status);
        }
        new CountDownLatch(1).await();
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String address = "127.0.0.1:" + ClusterSettings.DEFAULT_PORT;
        String members = null;
        String name = ClusterSettings.DEFAULT_NAME;
        int threads = Runtime.getRuntime().availableProcessors();
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--address" -> address = value;
                    case "--members" -> members = value;
                    case "--name" -> name = value;
                    case "--threads" -> threads = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            ClusterSettings settings = new ClusterSettings(name,
                    ClusterSettings.parseMembers(members == null ? address : members),
                    ClusterSettings.DEFAULT_CONNECT_TIMEOUT);
            ClusterMember member = start(settings, address, threads);
            out.println("deco member " + member.address() + " ready: cluster '" + name + "', " + threads
                    + " threads, " + member.clusterSize() + " member(s)");
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("deco member: " + e.getMessage());
            err.println("usage: ClusterMember [--address host:port] [--members host:port,...] [--name NAME] [--threads N]");
            return 2;
        } catch (IllegalStateException e) {
            err.println("deco member: " + e.getMessage());
            return 1;
        }
    }
}
