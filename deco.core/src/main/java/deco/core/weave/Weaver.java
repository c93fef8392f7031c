package deco.core.weave;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import deco.core.remote.ClassDigest;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * deco's weaver: rewrites the bytecode of {@code @Synchronized} methods so their
 * {@code @Concurrent} calls run concurrently, and of {@code @Concurrent} methods so the
 * index-based mutations of their arguments are replayed at the caller's synchronization event.
 * Uses only the JDK's {@code java.lang.classfile}.
 *
 * <p>Classes are read, never loaded: callee annotations come from a {@link ClassBytesSource}.
 * Weaving is idempotent (a woven method is recognised and left alone). Thread-safe.
 *
 * {@snippet :
 * Weaver weaver = new Weaver(ClassBytesSource.of(List.of(classesDir)));
 * byte[] woven = weaver.weave(Files.readAllBytes(classFile)); // null: nothing to weave
 * }
 */
public final class Weaver {

    private static final String OPEN = "open";
    private static final String CLAIM_LOG = "claimLog";

    private final ConcurrentMethods index;
    private final ImmutableTypes immutables;
    private final ClassFile classFile;

    /**
     * A weaver that reads called classes from {@code source}.
     *
     * @param source where the class files of called methods are found
     */
    public Weaver(ClassBytesSource source) {
        this.immutables = new ImmutableTypes(source);
        this.index = new ConcurrentMethods(immutables);
        this.classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                ClassHierarchyResolver.defaultResolver()
                        .orElse(ClassHierarchyResolver.ofResourceParsing(new ResourceParsing(source))).cached()));
    }

    /**
     * Quickly tells whether a class file may hold something to weave (it names deco's annotations).
     *
     * @param classBytes a class file
     * @return {@code false} if {@link #weave} would certainly return {@code null}
     */
    public static boolean mayNeedWeaving(byte[] classBytes) {
        return contains(classBytes, "deco/core/Synchronized") || contains(classBytes, "deco/core/Concurrent");
    }

    /**
     * Weaves one class.
     *
     * @param classBytes the class file
     * @return the woven class file, or {@code null} if there was nothing to weave
     * @throws WeaveException if a {@code @Synchronized} method uses a {@code @Concurrent} call in a
     *                        form deco cannot parallelise; nothing is woven then
     */
    public byte[] weave(byte[] classBytes) {
        return weave(classBytes, null);
    }

    /**
     * Weaves one class, and says what it made of each {@code @Synchronized} method: how each
     * {@code @Concurrent} call runs, and where and why the loop waits for pending calls, one line
     * each ({@code File.java:line: method(): ...}).
     *
     * @param classBytes   the class file
     * @param explanations where the lines go, or {@code null} for none
     * @return the woven class file, or {@code null} if there was nothing to weave
     * @throws WeaveException if a {@code @Synchronized} method uses a {@code @Concurrent} call in a
     *                        form deco cannot parallelise; nothing is woven then, nor explained
     */
    public byte[] weave(byte[] classBytes, java.util.function.Consumer<String> explanations) {
        if (!mayNeedWeaving(classBytes)) {
            return null;
        }
        ClassModel original = classFile.parse(classBytes);
        index.add(original);
        ClassElement compiled = null; // the digest of the class as compiled, made once something is rewritten
        byte[] current = classBytes;
        boolean changed = false;

        Map<String, Map<Integer, IndexedStore>> mutations = new HashMap<>();
        for (MethodModel method : original.methods()) {
            if (Annotations.has(method, Annotations.CONCURRENT) && !calls(method, CLAIM_LOG)) {
                Map<Integer, IndexedStore> found = index.uses(original, method).recordedSites();
                if (!found.isEmpty()) {
                    mutations.put(key(method), found);
                }
            }
        }
        if (!mutations.isEmpty()) {
            Map<String, CodeTransform> rewrites = new HashMap<>();
            for (Map.Entry<String, Map<Integer, IndexedStore>> sites : mutations.entrySet()) {
                rewrites.put(sites.getKey(), new ConcurrentMethodRewriter(sites.getValue()));
            }
            compiled = compiledDigest(original, classBytes);
            current = classFile.transformClass(original, new RewriteMethods(rewrites, compiled));
            changed = true;
        }

        ClassModel model = classFile.parse(current);
        List<String> problems = new ArrayList<>();
        Map<String, SynchronizedPlan> plans = new HashMap<>();
        for (MethodModel method : model.methods()) {
            if (Annotations.has(method, Annotations.SYNCHRONIZED) && method.code().isPresent()
                    && !calls(method, OPEN)) {
                plans.put(key(method), new SynchronizedMethodAnalyzer(index, immutables, model, method,
                        method.code().orElseThrow(), problems).analyze());
            }
        }
        if (!problems.isEmpty()) {
            throw new WeaveException(original.thisClass().asInternalName().replace('/', '.'), problems);
        }
        if (explanations != null) {
            for (MethodModel method : model.methods()) {
                SynchronizedPlan plan = plans.get(key(method));
                if (plan != null) {
                    Explanations.explain(method, plan, explanations);
                }
            }
        }
        if (!plans.isEmpty()) {
            Map<String, CodeTransform> rewrites = new HashMap<>();
            for (Map.Entry<String, SynchronizedPlan> plan : plans.entrySet()) {
                rewrites.put(plan.getKey(), new SynchronizedMethodRewriter(plan.getValue()));
            }
            if (compiled == null) {
                compiled = compiledDigest(original, classBytes);
            }
            current = classFile.transformClass(model, new RewriteMethods(rewrites, compiled));
            changed = true;
        }
        return changed ? current : null;
    }

    /** The attribute recording the class as compiled: kept from a class woven before, else its own digest. */
    private static ClassElement compiledDigest(ClassModel original, byte[] classBytes) {
        return ClassDigest.attribute(ClassDigest.of(original, classBytes));
    }

    private static String key(MethodModel method) {
        return method.methodName().stringValue() + method.methodType().stringValue();
    }

    /** Whether the method already calls {@code WovenRuntime.name}: it was woven before. */
    private static boolean calls(MethodModel method, String name) {
        if (method.code().isEmpty()) {
            return false;
        }
        for (CodeElement element : method.code().get().elementList()) {
            if (element instanceof InvokeInstruction invoke
                    && invoke.owner().asInternalName().equals("deco/core/woven/WovenRuntime")
                    && invoke.name().equalsString(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rewrites the code of the methods named in the map (by name and descriptor), keeps the rest,
     * and records the digest of the class as compiled ({@link ClassDigest}, decision 041).
     */
    private record RewriteMethods(Map<String, CodeTransform> rewrites, ClassElement compiled) implements ClassTransform {

        @Override
        public void accept(ClassBuilder builder, ClassElement element) {
            CodeTransform rewrite = element instanceof MethodModel method ? rewrites.get(key(method)) : null;
            if (rewrite != null) {
                builder.transformMethod((MethodModel) element, MethodTransform.transformingCode(rewrite));
            } else if (!ClassDigest.isAttribute(element)) {
                builder.with(element);
            }
        }

        @Override
        public void atEnd(ClassBuilder builder) {
            builder.with(compiled);
        }
    }

    /** Class files for the class hierarchy resolver, from the weaver's source. */
    private record ResourceParsing(ClassBytesSource source) implements Function<ClassDesc, InputStream> {

        @Override
        public InputStream apply(ClassDesc desc) {
            String name = desc.descriptorString();
            byte[] bytes = source.find(name.substring(1, name.length() - 1));
            return bytes == null ? null : new ByteArrayInputStream(bytes);
        }
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] bytes = needle.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= haystack.length - bytes.length; i++) {
            for (int j = 0; j < bytes.length; j++) {
                if (haystack[i + j] != bytes[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
