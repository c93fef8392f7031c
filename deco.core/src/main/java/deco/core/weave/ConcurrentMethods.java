package deco.core.weave;

import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which methods are {@code @Concurrent}, read from class files through a {@link ClassBytesSource}
 * and cached per class. A call resolves like the JVM resolves it: the named class, then its
 * superclasses, then its interfaces. Thread-safe.
 */
final class ConcurrentMethods {

    /**
     * A {@code @Concurrent} method as its callers are woven with it.
     *
     * @param uses        how it uses its parameters
     * @param exceptions  the checked exceptions it declares
     * @param parallelism its {@code parallelism} (0: unlimited)
     * @param ownFiles    whether its files are its own (decision 059)
     * @param overridable a subclass (or an implementation of its interface) may override it
     *                    ({@link CalleeSummaries#mayBeOverridden}, decision 067)
     */
    record Callee(ParameterUses uses, List<String> exceptions, int parallelism, boolean ownFiles,
                  boolean overridable) {

        boolean recordsMutations() {
            return uses.recordsMutations();
        }

        /** {@return this method, called where its first call also runs {@code initializer} (decision 068)} */
        Callee alsoRunning(ParameterUses initializer) {
            return new Callee(uses.alsoRunning(initializer), exceptions, parallelism, ownFiles, overridable);
        }
    }

    private record ClassInfo(String superName, List<String> interfaces, Map<String, Callee> concurrent,
                             List<String> declared) {
    }

    private static final ClassInfo MISSING = new ClassInfo(null, List.of(), Map.of(), List.of());

    private final CalleeSummaries callees;
    private final Map<String, ClassInfo> classes = new ConcurrentHashMap<>();

    /** With its own {@link ImmutableTypes}, for tests. */
    ConcurrentMethods(ClassBytesSource source) {
        this(new ImmutableTypes(source));
    }

    /** Summarising callees with the weaver's {@link ImmutableTypes}. */
    ConcurrentMethods(ImmutableTypes immutables) {
        this.callees = new CalleeSummaries(immutables);
    }

    /** The {@code @Concurrent} method {@code invoke} calls, or {@code null} if it is not one. */
    Callee find(InvokeInstruction invoke) {
        String key = invoke.name().stringValue() + invoke.typeSymbol().descriptorString();
        return find(invoke.owner().asInternalName(), key, 0);
    }

    private Callee find(String className, String key, int depth) {
        if (className == null || depth > 64) {
            return null;
        }
        ClassInfo info = info(className);
        Callee callee = info.concurrent().get(key);
        if (callee != null || info.declared().contains(key)) {
            return callee;
        }
        Callee inherited = find(info.superName(), key, depth + 1);
        if (inherited != null) {
            return inherited;
        }
        for (String anInterface : info.interfaces()) {
            inherited = find(anInterface, key, depth + 1);
            if (inherited != null) {
                return inherited;
            }
        }
        return null;
    }

    /** See {@link CalleeSummaries#isSubclass(String, String)}. */
    boolean isSubclass(String type, String supertype) {
        return callees.isSubclass(type, supertype);
    }

    /** See {@link CalleeSummaries#isChecked(String)}. */
    boolean isChecked(String exception) {
        return callees.isChecked(exception);
    }

    /** Seeds the cache with a class being woven, so its own methods resolve from these bytes. */
    void add(ClassModel model) {
        callees.add(model);
        classes.put(model.thisClass().asInternalName(), read(model));
    }

    /**
     * How a {@code @Concurrent} method of a class {@linkplain #add added} uses its parameters: the
     * same uses its callers are woven with.
     */
    ParameterUses uses(ClassModel owner, MethodModel method) {
        String key = method.methodName().stringValue() + method.methodType().stringValue();
        return classes.get(owner.thisClass().asInternalName()).concurrent().get(key).uses();
    }

    /**
     * What the application method that {@code invoke}, in the {@code @Synchronized} method
     * {@code caller} of {@code owner}, calls does to what it is given and to state outside it
     * (decision 034); {@code null} if the call resolves into the JDK or into code the weaver cannot
     * see. A call back into {@code caller} is code the weaver cannot see.
     */
    ParameterUses applicationCall(InvokeInstruction invoke, ClassModel owner, MethodModel caller) {
        return walkFrom(owner, caller).summaryOf(invoke);
    }

    /**
     * The JDK class the call {@code invoke} of an application class, in the {@code @Synchronized}
     * method {@code caller} of {@code owner}, resolves into (an enum's {@code ordinal()}), or
     * {@code null} if it runs application code or code the weaver cannot find.
     */
    String jdkOwnerOf(InvokeInstruction invoke, ClassModel owner, MethodModel caller) {
        return walkFrom(owner, caller).jdkOwnerOf(invoke);
    }

    /**
     * What the body of the lambda or method reference {@code indy} makes, in the
     * {@code @Synchronized} method {@code caller} of {@code owner}, does wherever it runs
     * (decision 045): {@link ParameterUses#jdkBody} for a JDK method, {@code null} if the weaver
     * cannot see into it.
     */
    ParameterUses lambdaBody(InvokeDynamicInstruction indy, ClassModel owner, MethodModel caller) {
        return walkFrom(owner, caller).bodyOf(indy);
    }

    /**
     * What initializing the application class {@code className} from the {@code @Synchronized}
     * method {@code caller} of {@code owner} may do, or {@code null} if nothing outside what it
     * makes ({@link CalleeSummaries.Walk#initializes}, decision 068).
     */
    ParameterUses initializerOf(String className, ClassModel owner, MethodModel caller) {
        return walkFrom(owner, caller).initializes(className);
    }

    /** A walk of the application code the {@code @Synchronized} method {@code caller} of {@code owner} calls. */
    private CalleeSummaries.Walk walkFrom(ClassModel owner, MethodModel caller) {
        String key = caller.methodName().stringValue() + caller.methodType().stringValue();
        return callees.walk(owner.thisClass().asInternalName(), key);
    }

    private ClassInfo info(String className) {
        if (JdkTypes.isJdk(className)) {
            return MISSING; // the JDK has no @Concurrent methods
        }
        ClassInfo known = classes.get(className);
        if (known != null) {
            return known;
        }
        ClassModel model = callees.classes().find(className);
        ClassInfo read = model == null ? MISSING : read(model);
        ClassInfo raced = classes.putIfAbsent(className, read);
        return raced != null ? raced : read;
    }

    private ClassInfo read(ClassModel model) {
        String owner = model.thisClass().asInternalName();
        Map<String, Callee> concurrent = new java.util.HashMap<>();
        List<String> declared = new ArrayList<>();
        for (MethodModel method : model.methods()) {
            String key = method.methodName().stringValue() + method.methodType().stringValue();
            declared.add(key);
            if (Annotations.has(method, Annotations.CONCURRENT)) {
                List<String> exceptions = new ArrayList<>();
                var thrown = method.findAttribute(java.lang.classfile.Attributes.exceptions());
                if (thrown.isPresent()) {
                    for (ClassEntry exception : thrown.get().exceptions()) {
                        exceptions.add(exception.asInternalName());
                    }
                }
                ParameterUses uses = ParameterUses.of(method, callees.walk(owner, key));
                concurrent.put(key, new Callee(uses, List.copyOf(exceptions), Annotations.parallelism(method),
                        Annotations.ownFiles(method), CalleeSummaries.mayBeOverridden(model, method)));
            }
        }
        List<String> interfaces = new ArrayList<>();
        for (ClassEntry anInterface : model.interfaces()) {
            interfaces.add(anInterface.asInternalName());
        }
        String superName = model.superclass().isPresent() ? model.superclass().get().asInternalName() : null;
        return new ClassInfo(superName, interfaces, concurrent, declared);
    }
}
