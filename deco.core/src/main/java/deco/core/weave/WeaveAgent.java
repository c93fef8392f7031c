package deco.core.weave;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The Java agent: weaves classes as they load. Start the JVM with
 * {@code -javaagent:path/to/deco.core.jar}, with the application on the class path or on the module
 * path ({@code -p app.jar:deco.core.jar -m app/app.Main}). A named module whose classes are woven
 * is made to read deco.core if it does not already (e.g. it {@code requires static deco.core}).
 *
 * <p>A class whose {@code @Synchronized} method uses a form deco cannot weave is reported on
 * standard error, one {@code File.java:line: message} per problem, and loads unwoven: it then runs
 * exactly as the serial program. (The offline weaver, {@link WeaverMain}, fails the build
 * instead.)
 *
 * <p>{@code -javaagent:path/to/deco.core.jar=explain} also prints, for each method it weaves, how
 * each {@code @Concurrent} call runs and where and why the loop waits for pending calls, one
 * {@code deco: File.java:line: method(): ...} line each, on standard error.
 */
public final class WeaveAgent {

    private WeaveAgent() {
    }

    /**
     * Entry point of {@code -javaagent}.
     *
     * @param arguments   {@code explain} to print what the weaver made of each woven method, or none
     * @param instrumentation the JVM's instrumentation
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        instrumentation.addTransformer(new Transformer(instrumentation, "explain".equals(arguments)));
    }

    /**
     * Entry point when attached to a running JVM; only classes loaded afterwards are woven.
     *
     * @param arguments   as {@link #premain}'s
     * @param instrumentation the JVM's instrumentation
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        premain(arguments, instrumentation);
    }

    private static final class Transformer implements ClassFileTransformer {

        private final Map<ClassLoader, Weaver> weavers = new WeakHashMap<>();
        private final Instrumentation instrumentation;
        private final java.util.function.Consumer<String> explanations;

        Transformer(Instrumentation instrumentation, boolean explain) {
            this.instrumentation = instrumentation;
            this.explanations = explain ? new StandardErrorLines() : null;
        }

        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                                ProtectionDomain domain, byte[] bytes) {
            if (loader == null || className == null || redefined != null || isPlatform(className)
                    || !Weaver.mayNeedWeaving(bytes)) {
                return null;
            }
            try {
                byte[] woven = weaver(loader).weave(bytes, explanations);
                if (woven != null) {
                    readDeco(module);
                }
                return woven;
            } catch (WeaveException rejected) {
                System.err.println("deco: " + rejected.getMessage()
                        + "\ndeco: " + className.replace('/', '.') + " runs unwoven (serially)");
            } catch (RuntimeException | LinkageError failure) {
                System.err.println("deco: could not weave " + className.replace('/', '.') + ": " + failure
                        + "; it runs unwoven (serially)");
            }
            return null;
        }

        /**
         * Woven code calls {@code deco.core.woven}: a named module that does not read deco.core
         * (it {@code requires static deco.core}, or deco.core is the agent jar on the class path)
         * is made to read it.
         */
        private void readDeco(Module module) {
            Module deco = WeaveAgent.class.getModule();
            if (module != null && module.isNamed() && !module.canRead(deco)
                    && instrumentation.isModifiableModule(module)) {
                instrumentation.redefineModule(module, java.util.Set.of(deco), Map.of(), Map.of(),
                        java.util.Set.of(), Map.of());
            }
        }

        private synchronized Weaver weaver(ClassLoader loader) {
            // the weaver must not hold its loader strongly, or the weak map would never let it go
            Weaver weaver = weavers.get(loader);
            if (weaver == null) {
                weaver = new Weaver(ClassBytesSource.of(loader));
                weavers.put(loader, weaver);
            }
            return weaver;
        }

        /** Prints each explanation on standard error (a class, not a lambda: decision 015). */
        private static final class StandardErrorLines implements java.util.function.Consumer<String> {
            @Override
            public void accept(String line) {
                System.err.println("deco: " + line);
            }
        }

        private static final java.util.Set<String> DECO_PACKAGES = java.util.Set.of("deco/core", "deco/core/woven",
                "deco/core/engine", "deco/core/engine/structured", "deco/core/weave");

        private static boolean isPlatform(String className) {
            int slash = className.lastIndexOf('/');
            return JdkTypes.isJdk(className)
                    || className.startsWith("sun/") || className.startsWith("com/sun/")
                    || DECO_PACKAGES.contains(slash < 0 ? "" : className.substring(0, slash));
        }
    }
}
