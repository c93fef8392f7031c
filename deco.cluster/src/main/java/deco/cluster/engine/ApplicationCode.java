package deco.cluster.engine;

import deco.core.remote.ApplicationClasses;
import deco.core.remote.ClassDigest;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application code a shipped task can run, as one JVM sees it through one class loader: for a
 * set of root classes (the called method's class, the classes of what the task carries), every
 * class reachable from them through their class files' references, each with its
 * {@link ClassDigest}. The program and a member compute this each from its own class files; equal
 * fingerprints mean the member runs the program's code (decision 041).
 *
 * <p>Classes are read as resources, never loaded. Left out, because they are not the
 * application's ({@link ApplicationClasses}): the JDK's classes, and deco's and Hazelcast's
 * packages where deco and Hazelcast are (an application shaded into one jar with them is still
 * followed). A class that cannot be found is part of the fingerprint as missing.
 *
 * <p>Each class is read once per instance and each set of roots closed over once, so a class file
 * changed on disk after this JVM first read it is not seen again (nor is it by the JVM, which has
 * loaded the first). Thread-safe.
 */
final class ApplicationCode {

    private static final String MISSING = "missing";

    private final ApplicationClasses applicationClasses;
    private final Map<String, ClassFacts> classes = new ConcurrentHashMap<>();
    private final Map<List<String>, Fingerprint> fingerprints = new ConcurrentHashMap<>();

    ApplicationCode(ClassLoader loader) {
        this.applicationClasses = new ApplicationClasses(loader, List.of("com/hazelcast/core/HazelcastInstance"),
                List.of("com/hazelcast/"));
    }

    /**
     * The roots of a task: the application's classes among {@code classes} (arrays stand for
     * their element class; the JDK's classes are left out).
     *
     * @param classes the called method's class and the classes the task's bytes describe
     * @return their binary names, sorted, without duplicates
     */
    static List<String> roots(Collection<Class<?>> classes) {
        Set<String> names = new java.util.TreeSet<>();
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        for (Class<?> type : classes) {
            Class<?> element = type;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            ClassLoader loader = element.getClassLoader();
            if (!element.isPrimitive() && !element.isHidden() && loader != null && loader != platform) {
                names.add(element.getName());
            }
        }
        return List.copyOf(names);
    }

    /**
     * The fingerprint of what {@code roots} can run.
     *
     * @param roots binary class names ({@code a.b.C$D}), sorted, without duplicates
     * @return its fingerprint
     */
    Fingerprint of(List<String> roots) {
        Fingerprint known = fingerprints.get(roots);
        if (known != null) {
            return known;
        }
        Fingerprint made = close(roots);
        Fingerprint raced = fingerprints.putIfAbsent(List.copyOf(roots), made);
        return raced != null ? raced : made;
    }

    private Fingerprint close(List<String> roots) {
        SortedMap<String, String> reached = new TreeMap<>();
        Deque<String> pending = new ArrayDeque<>();
        for (String root : roots) {
            pending.add(root.replace('.', '/'));
        }
        while (!pending.isEmpty()) {
            String name = pending.poll();
            String binaryName = name.replace('/', '.');
            if (reached.containsKey(binaryName)) {
                continue;
            }
            ClassFacts facts = classes.computeIfAbsent(name, this::read);
            if (facts != ClassFacts.LIBRARY) {
                reached.put(binaryName, facts.digest());
                pending.addAll(facts.references());
            }
        }
        StringBuilder listing = new StringBuilder();
        for (Map.Entry<String, String> entry : reached.entrySet()) {
            listing.append(entry.getKey()).append('\0').append(entry.getValue()).append('\n');
        }
        return new Fingerprint(ClassDigest.sha256(listing.toString().getBytes(StandardCharsets.UTF_8)),
                Collections.unmodifiableSortedMap(reached));
    }

    private ClassFacts read(String internalName) {
        ApplicationClasses.Found found = applicationClasses.find(internalName);
        if (found.origin() == ApplicationClasses.Origin.LIBRARY) {
            return ClassFacts.LIBRARY;
        }
        if (found.origin() == ApplicationClasses.Origin.MISSING) {
            return new ClassFacts(MISSING, List.of());
        }
        byte[] bytes = found.read();
        ClassModel model;
        try {
            model = ClassFile.of().parse(bytes);
        } catch (IllegalArgumentException notAClassFileWeRead) {
            return new ClassFacts(HexFormat.of().formatHex(ClassDigest.sha256(bytes)), List.of());
        }
        List<String> references = new java.util.ArrayList<>();
        for (PoolEntry entry : model.constantPool()) {
            if (entry instanceof ClassEntry type) {
                String referenced = elementClass(type.asInternalName());
                if (referenced != null && !referenced.equals(internalName)) {
                    references.add(referenced);
                }
            }
        }
        return new ClassFacts(HexFormat.of().formatHex(ClassDigest.of(model, bytes)), List.copyOf(references));
    }

    /** {@code [[Lx/Y;} is {@code x/Y}; an array of primitives is no class. */
    private static String elementClass(String internalName) {
        if (!internalName.startsWith("[")) {
            return internalName;
        }
        String element = internalName.substring(internalName.lastIndexOf('[') + 1);
        return element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : null;
    }

    /** One class as read: its digest (hex) and the classes its class file names. */
    private record ClassFacts(String digest, List<String> references) {
        static final ClassFacts LIBRARY = new ClassFacts("library", List.of());
    }

    /**
     * The code of a set of roots.
     *
     * @param digest  SHA-256 over every class reached, by name, with its digest
     * @param classes every class reached (binary name) with its digest in hex, or {@code "missing"}
     */
    record Fingerprint(byte[] digest, SortedMap<String, String> classes) {

        /**
         * How another JVM's code for the same roots differs from this one's, for a message: first
         * the classes both reach that differ or that one side lacks, then the classes only one
         * side reaches (they follow from the first).
         *
         * @param other the other JVM's {@link #classes}
         * @param here  this JVM, as messages name it ("the program")
         * @param there the other one ("member 10.0.0.5:5701")
         * @return e.g. {@code ["a.B differs", "a.C is missing on member ..."]}
         */
        List<String> differences(Map<String, String> other, String here, String there) {
            List<String> found = new java.util.ArrayList<>();
            List<String> onlyReached = new java.util.ArrayList<>();
            Set<String> names = new java.util.TreeSet<>(classes.keySet());
            names.addAll(other.keySet());
            for (String name : names) {
                String mine = classes.get(name);
                String theirs = other.get(name);
                if (mine == null || theirs == null) {
                    onlyReached.add(name + " is used only by " + (mine == null ? there : here) + "'s code");
                } else if (mine.equals(theirs)) {
                    continue;
                } else if (theirs.equals(MISSING)) {
                    found.add(name + " is missing on " + there);
                } else if (mine.equals(MISSING)) {
                    found.add(name + " is missing in " + here);
                } else {
                    found.add(name + " differs");
                }
            }
            found.addAll(onlyReached);
            return found;
        }
    }
}
