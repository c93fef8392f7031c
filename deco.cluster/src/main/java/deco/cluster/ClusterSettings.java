package deco.cluster;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a deco cluster is and how to reach it: the cluster's name, its members' addresses
 * ({@code host:port}, joined over TCP/IP; multicast is never used), and how long to wait for a
 * member. Immutable and thread-safe.
 *
 * <p>A program selects the cluster engine by configuration alone. {@link #fromSystemProperties()}
 * reads:
 * <ul>
 *   <li>{@code deco.cluster.members} — {@code host:port,host:port}: setting it turns the engine on;</li>
 *   <li>{@code deco.cluster.name} — the cluster's name, default {@code deco};</li>
 *   <li>{@code deco.cluster.connectTimeoutSeconds} — how long to wait for a member, default 30;</li>
 *   <li>{@code deco.cluster.config} — a properties file with the keys {@code members}, {@code name}
 *       and {@code connectTimeoutSeconds}; system properties win over it.</li>
 * </ul>
 * {@snippet lang=properties :
 * # cluster.properties, given as -Ddeco.cluster.config=cluster.properties
 * members=10.0.0.5:5701,10.0.0.6:5701
 * name=climate
 * }
 *
 * @param name           the cluster's name; members and programs of one cluster use the same
 * @param members        the members' addresses, {@code host:port}, at least one
 * @param connectTimeout how long a program waits to reach a member, then fails
 */
public record ClusterSettings(String name, List<String> members, Duration connectTimeout) {

    /** The system property that names the members, and turns the cluster engine on. */
    public static final String MEMBERS = "deco.cluster.members";
    /** The system property that names the cluster. */
    public static final String NAME = "deco.cluster.name";
    /** The system property that names a properties file with the settings. */
    public static final String CONFIG = "deco.cluster.config";
    /** The system property with the connect timeout, in seconds. */
    public static final String CONNECT_TIMEOUT = "deco.cluster.connectTimeoutSeconds";

    /** The default cluster name. */
    public static final String DEFAULT_NAME = "deco";
    /** How long a program waits for a member unless told otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** The default port of a member. */
    public static final int DEFAULT_PORT = 5701;

    /**
     * Checks and copies the settings.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code members} is empty or an address is not
     *                                  {@code host:port}, the name is blank, or the timeout is not
     *                                  positive
     */
    public ClusterSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the cluster name is blank");
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no member addresses: give host:port,host:port");
        }
        members = List.copyOf(members);
        members.forEach(ClusterSettings::checkAddress);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
    }

    /**
     * Settings with the default name and timeout.
     *
     * @param members the members' addresses, {@code host:port}
     * @return the settings
     * @throws IllegalArgumentException as the constructor
     */
    public static ClusterSettings of(String... members) {
        return new ClusterSettings(DEFAULT_NAME, Arrays.asList(members), DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Another cluster name.
     *
     * @param newName the cluster's name
     * @return these settings with another name
     */
    public ClusterSettings withName(String newName) {
        return new ClusterSettings(newName, members, connectTimeout);
    }

    /**
     * Another connect timeout.
     *
     * @param timeout how long to wait for a member
     * @return these settings with another connect timeout
     */
    public ClusterSettings withConnectTimeout(Duration timeout) {
        return new ClusterSettings(name, members, timeout);
    }

    /**
     * Whether this JVM's system properties configure a cluster ({@value #MEMBERS} or
     * {@value #CONFIG} is set). Reads nothing else.
     *
     * @return {@code true} if {@link #fromSystemProperties()} would find settings
     */
    public static boolean configured() {
        return System.getProperty(MEMBERS) != null || System.getProperty(CONFIG) != null;
    }

    /**
     * The settings the system properties give (see the class description).
     *
     * @return the settings
     * @throws IllegalArgumentException if no members are named, a value is malformed, or the
     *                                  file named by {@value #CONFIG} cannot be read
     */
    public static ClusterSettings fromSystemProperties() {
        Properties file = new Properties();
        String config = System.getProperty(CONFIG);
        if (config != null) {
            try (Reader reader = Files.newBufferedReader(Path.of(config))) {
                file.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException(CONFIG + "=" + config + " cannot be read: " + e, e);
            }
        }
        String members = System.getProperty(MEMBERS, file.getProperty("members"));
        if (members == null || members.isBlank()) {
            throw new IllegalArgumentException("no cluster members: set -D" + MEMBERS
                    + "=host:port,host:port" + (config == null ? "" : " or members= in " + config));
        }
        String name = System.getProperty(NAME, file.getProperty("name", DEFAULT_NAME));
        String timeout = System.getProperty(CONNECT_TIMEOUT, file.getProperty("connectTimeoutSeconds",
                Long.toString(DEFAULT_CONNECT_TIMEOUT.toSeconds())));
        long seconds;
        try {
            seconds = Long.parseLong(timeout.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CONNECT_TIMEOUT + " must be a whole number of seconds, not '"
                    + timeout + "'", e);
        }
        return new ClusterSettings(name.trim(), parseMembers(members), Duration.ofSeconds(seconds));
    }

    /**
     * Parses a list of member addresses.
     *
     * @param list {@code host:port,host:port}
     * @return the addresses
     * @throws IllegalArgumentException if an address is not {@code host:port}
     */
    public static List<String> parseMembers(String list) {
        List<String> members = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        members.forEach(ClusterSettings::checkAddress);
        return members;
    }

    private static void checkAddress(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("member address '" + address + "' is not host:port");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("member address '" + address + "': port out of range");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("member address '" + address + "' is not host:port", e);
        }
    }
}
