package deco.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exported API of every deco module, as the module system sees it (these tests run on the
 * module path): what each module exports, to whom, and the public types of those packages. A
 * change here is a change of the contract; make it on purpose.
 */
@DisplayName("Each module's exported API, pinned on the module path")
class ExportedApiTest {

    @Test
    @DisplayName("the tests run on the module path: the deco modules are named modules in the boot layer")
    void onTheModulePath() {
        assertTrue(getClass().getModule().isNamed(), "deco.bench's tests run as module " + getClass().getModule());
        for (String name : Set.of("deco.core", "deco.memory", "deco.concurrent")) {
            assertTrue(ModuleLayer.boot().findModule(name).isPresent(), name + " in the boot layer");
        }
    }

    @Test
    @DisplayName("deco.core exports deco.core and deco.woven (for woven classes) to everyone, the weaver to java.instrument only (the agent), the remote-engine seam and the application-code helpers to deco.cluster and deco.concurrent only")
    void core() {
        assertEquals(Map.of("deco.core", Set.of(), "deco.core.woven", Set.of(), "deco.core.weave", Set.of("java.instrument"),
                "deco.core.remote", Set.of("deco.cluster", "deco.concurrent")), exports("deco.core"));
        assertEquals(Set.of("deco.core.ConcurrencyLimit", "deco.core.Concurrent", "deco.core.ConcurrentException",
                "deco.core.Deco", "deco.core.Pending", "deco.core.SerializableBiFunction", "deco.core.SerializableCallable", "deco.core.SerializableFunction",
                "deco.core.Sync", "deco.core.SyncTimeoutException",
                "deco.core.Synchronized"), publicTypes("deco.core", "deco.core"));
    }

    @Test
    @DisplayName("deco.memory exports deco.memory to everyone, deco.memory.io and .jvm to deco.concurrent only; needs only Chronicle Map")
    void memory() {
        assertEquals(Map.of("deco.memory", Set.of(), "deco.memory.io", Set.of("deco.concurrent"),
                "deco.memory.jvm", Set.of("deco.concurrent")), exports("deco.memory"));
        assertEquals(Set.of("chronicle.map"), requires("deco.memory"));
        assertEquals(Set.of("deco.memory.Codec", "deco.memory.DiskDict", "deco.memory.DiskDict$Builder",
                "deco.memory.DiskFormatException", "deco.memory.DiskList", "deco.memory.DiskList$Builder",
                "deco.memory.JvmSetupException", "deco.memory.Recover", "deco.memory.Salvage"),
                publicTypes("deco.memory", "deco.memory"));
    }

    @Test
    @DisplayName("deco.concurrent exports deco.concurrent; requires deco.core and deco.memory transitively")
    void concurrent() {
        assertEquals(Map.of("deco.concurrent", Set.of()), exports("deco.concurrent"));
        ModuleDescriptor descriptor = descriptor("deco.concurrent");
        Set<String> transitive = descriptor.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertEquals(Set.of("deco.core", "deco.memory"), transitive);
        assertEquals(Set.of("deco.concurrent.Buffer", "deco.concurrent.Buffer$Builder", "deco.concurrent.Cache",
                "deco.concurrent.Cache$Builder", "deco.concurrent.Generator", "deco.concurrent.GeneratorException",
                "deco.concurrent.GeneratorException$RemoteFailure", "deco.concurrent.HaltCondition$Magnitude",
                "deco.concurrent.HaltCondition"), publicTypes("deco.concurrent", "deco.concurrent"));
    }

    @Test
    @DisplayName("deco.cluster exports deco.cluster, provides deco.core's remote engine, requires Hazelcast only")
    void cluster() {
        assertEquals(Map.of("deco.cluster", Set.of()), exports("deco.cluster"));
        ModuleDescriptor descriptor = descriptor("deco.cluster");
        assertEquals(Set.of("deco.core", "com.hazelcast.core"), requires("deco.cluster"));
        assertEquals(Set.of("deco.core.remote.RemoteEngine"),
                descriptor.provides().stream().map(ModuleDescriptor.Provides::service).collect(Collectors.toSet()));
        assertEquals(Set.of("deco.cluster.ClassMismatchException", "deco.cluster.ClusterMember", "deco.cluster.ClusterSettings",
                "deco.cluster.ClusterUnavailableException", "deco.cluster.RemoteFailureException",
                "deco.cluster.TaskNotSerializableException"), publicTypes("deco.cluster", "deco.cluster"));
    }

    @Test
    @DisplayName("every exception a deco.memory or deco.concurrent method declares is in an exported package")
    void exceptionsAreNameable() throws Exception {
        for (String module : Set.of("deco.memory", "deco.concurrent")) {
            for (String type : publicTypes(module, module)) {
                for (var method : Class.forName(type).getMethods()) {
                    for (Class<?> thrown : method.getExceptionTypes()) {
                        Module owner = thrown.getModule();
                        assertTrue(!owner.isNamed() || owner.isExported(thrown.getPackageName()),
                                type + "." + method.getName() + " throws " + thrown.getName());
                    }
                }
            }
        }
    }

    private static ModuleDescriptor descriptor(String module) {
        return ModuleLayer.boot().findModule(module).orElseThrow().getDescriptor();
    }

    private static Map<String, Set<String>> exports(String module) {
        Map<String, Set<String>> exports = new TreeMap<>();
        for (ModuleDescriptor.Exports e : descriptor(module).exports()) {
            exports.put(e.source(), new TreeSet<>(e.targets()));
        }
        return exports;
    }

    private static Set<String> requires(String module) {
        return descriptor(module).requires().stream().map(ModuleDescriptor.Requires::name)
                .filter(name -> !name.startsWith("java.")).collect(Collectors.toSet());
    }

    /** The public top-level and public nested types of a package, by binary name. */
    private static Set<String> publicTypes(String module, String pkg) {
        ResolvedModule resolved = ModuleLayer.boot().configuration().findModule(module).orElseThrow();
        try (ModuleReader reader = resolved.reference().open()) {
            Set<String> types = new TreeSet<>();
            for (String resource : reader.list().toList()) {
                String prefix = pkg.replace('.', '/') + "/";
                if (resource.startsWith(prefix) && resource.endsWith(".class")
                        && resource.indexOf('/', prefix.length()) < 0 && !resource.endsWith("module-info.class")) {
                    String name = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
                    Optional<Class<?>> type = load(name);
                    if (type.isPresent() && isApi(type.get())) {
                        types.add(name);
                    }
                }
            }
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isApi(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, ExportedApiTest.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}
