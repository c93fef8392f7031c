package deco.core.weave;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads the classes of one package woven (child-first), so a test can run the same fixture
 * serially (the class as compiled) and in parallel (the woven copy) and compare.
 */
final class WovenLoader extends ClassLoader {

    private final String packagePrefix;
    /** {@code null}: the classes as compiled ({@link #asCompiled}). */
    private final Weaver weaver;

    WovenLoader(String packageName) {
        this(packageName, true);
    }

    private WovenLoader(String packageName, boolean weave) {
        super(WovenLoader.class.getClassLoader());
        this.packagePrefix = packageName + ".";
        this.weaver = weave ? new Weaver(ClassBytesSource.of(getParent())) : null;
    }

    /**
     * A loader of the package's classes as compiled, child-first: its classes are initialized
     * afresh, as the woven loader's are, whatever ran before in the test JVM (decision 068).
     */
    static WovenLoader asCompiled(String packageName) {
        return new WovenLoader(packageName, false);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(packagePrefix)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = bytes(name);
                byte[] woven = weaver == null ? null : weaver.weave(bytes);
                byte[] definition = woven != null ? woven : bytes;
                loaded = defineClass(name, definition, 0, definition.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private byte[] bytes(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new instance of this loader's copy of {@code type}: woven, unless {@link #asCompiled}. */
    Object woven(Class<?> type) {
        try {
            return loadClass(type.getName()).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls a public method by name on the instance, unwrapping the target's exception. */
    static Object call(Object target, String method, Object... args) throws Throwable {
        Method found = Arrays.stream(target.getClass().getMethods())
                .filter(m -> m.getName().equals(method) && m.getParameterCount() == args.length)
                .findFirst().orElseThrow(() -> new NoSuchMethodException(method));
        try {
            return found.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Calls a public no-argument method by name on a daemon thread of its own, failing if it does
     * not end in 30 s: a woven loop that deadlocks fails the test instead of hanging the build.
     */
    static Object callBounded(Object target, String method) throws Exception {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                result.complete(call(target, method));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "woven-caller");
        caller.setDaemon(true); // a deadlocked caller must not keep the test JVM alive
        caller.start();
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(method + " did not end in 30 s: the woven loop deadlocked", e);
        }
    }
}
