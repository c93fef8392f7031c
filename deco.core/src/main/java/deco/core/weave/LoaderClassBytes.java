package deco.core.weave;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;

/**
 * Class files as a class loader's {@code name.class} resources ({@link ClassBytesSource#of(ClassLoader)}).
 * Holds its loader weakly, so the agent's per-loader weavers never keep a loader alive; a source
 * whose loader was collected finds nothing. A class, not a lambda: the agent creates it on the
 * application's start-up path (decision 015).
 */
final class LoaderClassBytes implements ClassBytesSource {

    private final WeakReference<ClassLoader> loader;
    private final boolean system;

    LoaderClassBytes(ClassLoader loader) {
        this.loader = new WeakReference<>(loader);
        this.system = loader == null;
    }

    @Override
    public byte[] find(String internalName) {
        String resource = internalName + ".class";
        ClassLoader live = loader.get();
        if (live == null && !system) {
            return null;
        }
        try (InputStream in = system ? ClassLoader.getSystemResourceAsStream(resource) : live.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
