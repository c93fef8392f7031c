package deco.core.weave;

import java.util.Set;

/**
 * JDK methods that change state the whole process shares, reached through no object they are given:
 * system properties, the default locale and time zone, the standard streams, the default handlers
 * of the network and security APIs, the JVM's exit (decision 057). Decision 013's assumption 2
 * ("JDK methods reach application state only through the objects they are given") does not hold
 * for them: a call that sets the default locale changes what every later {@code String.format}
 * of the process computes.
 *
 * <p>Such a call is a barrier in a woven loop: it waits for every pending call, and a
 * {@code @Concurrent} call whose callee makes one is made at once, on the caller's thread, so no
 * call runs beside it and every later call sees what it set. Readers need no list of their own:
 * with setters as barriers, a pending call never reads such state while another changes it.
 *
 * <p>Stateless; the list is closed (a method missing from it is taken to reach only its arguments,
 * as every JDK method was before). Output to the standard streams is not here: printing is output
 * in the loop's order (decision 050), {@code System.setOut} replacing a stream is.
 */
final class JdkProcessState {

    private JdkProcessState() {
    }

    /** {@code owner.name} of every setter, whatever its descriptor. */
    private static final Set<String> SETTERS = Set.of(
            "java/lang/System.setProperty", "java/lang/System.clearProperty", "java/lang/System.setProperties",
            "java/lang/System.setIn", "java/lang/System.setOut", "java/lang/System.setErr",
            "java/lang/System.exit", "java/lang/System.load", "java/lang/System.loadLibrary",
            "java/lang/System.setSecurityManager",
            "java/lang/Runtime.exit", "java/lang/Runtime.halt", "java/lang/Runtime.addShutdownHook",
            "java/lang/Runtime.removeShutdownHook", "java/lang/Runtime.load", "java/lang/Runtime.loadLibrary",
            "java/lang/Thread.setDefaultUncaughtExceptionHandler",
            "java/util/Locale.setDefault", "java/util/TimeZone.setDefault",
            "java/security/Security.setProperty", "java/security/Security.addProvider",
            "java/security/Security.insertProviderAt", "java/security/Security.removeProvider",
            "java/net/Authenticator.setDefault", "java/net/CookieHandler.setDefault",
            "java/net/ProxySelector.setDefault", "java/net/ResponseCache.setDefault",
            "java/net/URL.setURLStreamHandlerFactory", "java/net/URLConnection.setContentHandlerFactory",
            "java/net/URLConnection.setFileNameMap", "java/net/URLConnection.setDefaultAllowUserInteraction",
            "java/net/URLConnection.setDefaultUseCaches", "java/net/HttpURLConnection.setFollowRedirects",
            "javax/net/ssl/HttpsURLConnection.setDefaultHostnameVerifier",
            "javax/net/ssl/HttpsURLConnection.setDefaultSSLSocketFactory", "javax/net/ssl/SSLContext.setDefault",
            "java/sql/DriverManager.registerDriver", "java/sql/DriverManager.deregisterDriver",
            "java/sql/DriverManager.setLoginTimeout", "java/sql/DriverManager.setLogWriter");

    /**
     * @param owner the JDK class that runs the method (internal name)
     * @param name  the method's name
     * @return whether it changes state the whole process shares
     */
    static boolean sets(String owner, String name) {
        return SETTERS.contains(owner + "." + name);
    }
}
