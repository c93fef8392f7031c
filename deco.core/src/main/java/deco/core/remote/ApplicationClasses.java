package deco.core.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which class files, as one class loader finds them, are the application's code: what a
 * fingerprint of application code covers (deco.cluster's class check, decision 041; a
 * {@code Cache} journal's function version, decision 042). Not the application's: the JDK's
 * classes (by package, or in a {@code java.*} or {@code jdk.*} module of a runtime image), and the
 * packages of deco's library modules and of any other library the caller names, where those
 * libraries are (the jars, directories or image modules that hold their marker classes). An
 * application shaded into one jar with deco is therefore still the application's, and so is a
 * {@code deco.*} package that is not one of deco's library modules (deco.bench).
 *
 * <p>Class files are found as resources, never loaded. Immutable and thread-safe. This package is
 * exported to deco.cluster and deco.concurrent only; it is not API.
 */
public final class ApplicationClasses {

    /** Where a class file comes from. */
    public enum Origin {
        /** The application's: its code counts. */
        APPLICATION,
        /** The JDK's or a library's: it counts by name only. */
        LIBRARY,
        /** No class file of that name can be found. */
        MISSING
    }

    /**
     * A class file as found.
     *
     * @param origin where it comes from
     * @param url    where it is, or {@code null} if it is missing or the JDK's by its package
     */
    public record Found(Origin origin, URL url) {

        /**
         * Reads the class file.
         *
         * @return its bytes
         * @throws IllegalStateException if it was not found
         * @throws UncheckedIOException  if it cannot be read
         */
        public byte[] read() {
            if (url == null) {
                throw new IllegalStateException("no class file was found");
            }
            try (InputStream in = url.openStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + url, e);
            }
        }
    }

    /** One class of each of deco's library modules: where deco is. */
    private static final List<String> DECO_MARKERS = List.of("deco/core/Deco", "deco/memory/DiskDict",
            "deco/concurrent/Cache", "deco/cluster/engine/ApplicationCode");
    /** deco's library packages (not, for example, deco.bench, which is an application of deco). */
    private static final List<String> DECO_PACKAGES = List.of("deco/core/", "deco/memory/", "deco/concurrent/",
            "deco/cluster/");
    private static final Found JDK = new Found(Origin.LIBRARY, null);
    private static final Found MISSING = new Found(Origin.MISSING, null);

    private final ClassLoader loader;
    private final List<String> libraryPackages;
    private final Set<String> libraryContainers;

    /**
     * Tells the application's class files apart as {@code loader} finds them, deco's library
     * packages and {@code otherPackages} being the libraries'.
     *
     * @param loader        the loader to find class files through (the system loader if {@code null})
     * @param otherMarkers  internal names of one class of each other library whose packages are not
     *                      the application's (for example Hazelcast's)
     * @param otherPackages those libraries' package prefixes ({@code com/hazelcast/})
     */
    public ApplicationClasses(ClassLoader loader, List<String> otherMarkers, List<String> otherPackages) {
        this.loader = loader != null ? loader : ClassLoader.getSystemClassLoader();
        List<String> packages = new ArrayList<>(DECO_PACKAGES);
        packages.addAll(otherPackages);
        this.libraryPackages = List.copyOf(packages);
        List<String> markers = new ArrayList<>(DECO_MARKERS);
        markers.addAll(otherMarkers);
        Set<String> containers = new HashSet<>();
        ClassLoader own = ApplicationClasses.class.getClassLoader();
        for (ClassLoader seeing : own == null ? List.of(this.loader) : List.of(this.loader, own)) {
            for (String marker : markers) {
                URL url = seeing.getResource(marker + ".class");
                if (url != null) {
                    containers.add(container(url, marker));
                }
            }
        }
        this.libraryContainers = Set.copyOf(containers);
    }

    /**
     * Finds a class file and says whose it is.
     *
     * @param internalName a class's internal name ({@code a/b/C$D}); an array descriptor is the JDK's
     * @return where it comes from, and where it is
     */
    public Found find(String internalName) {
        if (internalName.startsWith("[") || internalName.startsWith("java/") || internalName.startsWith("javax/")
                || internalName.startsWith("jdk/") || internalName.startsWith("sun/")) {
            return JDK; // without a lookup; the JDK's other classes are told apart by their module
        }
        URL url = loader.getResource(internalName + ".class");
        if (url == null) {
            return MISSING;
        }
        String container = container(url, internalName);
        boolean library = libraryContainers.contains(container) && inLibraryPackage(internalName);
        if (library || container.startsWith("jrt:/java.") || container.startsWith("jrt:/jdk.")) {
            return new Found(Origin.LIBRARY, url);
        }
        return new Found(Origin.APPLICATION, url);
    }

    private boolean inLibraryPackage(String internalName) {
        for (String prefix : libraryPackages) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The jar, directory or image module a class file was found in: its URL without the class's own path. */
    private static String container(URL url, String internalName) {
        String text = url.toString();
        String tail = internalName + ".class";
        return text.endsWith(tail) ? text.substring(0, text.length() - tail.length()) : text;
    }
}
