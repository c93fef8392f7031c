package deco.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose calls may run concurrently when made from a {@link Synchronized} method.
 *
 * <p>Inside a woven {@code @Synchronized} method each call of a {@code @Concurrent} method is
 * forked onto deco's engine and returns to the caller at once; the store of its result
 * ({@code map.put(k, f(x))}, {@code list.set(i, f(x))}, {@code array[i] = f(x)},
 * {@code out.add(f(x))}) happens at the next synchronization event, in call order. Anywhere else,
 * or in a program that was not woven, the method is an ordinary method and its calls run
 * serially.
 *
 * <p>{@link #parallelism()} caps how many calls of this method run at once, across all threads
 * of the JVM. The explicit API honours it too, through {@link ConcurrencyLimit#of(java.lang.reflect.Method)}:
 * {@snippet :
 * ConcurrencyLimit limit = ConcurrencyLimit.forMethod(Climate.class, "process", int.class, int.class);
 * try (Sync sync = Deco.synchronize()) {
 *     for (int lat = 0; lat < 5; lat++)
 *         for (int lon = 0; lon < 5; lon++) {
 *             int la = lat, lo = lon;
 *             sync.put(grid.get(la), lo, limit.wrap(() -> climate.process(la, lo)));
 *         }
 * }
 * }
 *
 * @see Synchronized
 * @see Deco#synchronize()
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Concurrent {

    /**
     * The most calls of this method that run at once; {@code 0} (the default) means no cap
     * beyond what the machine runs. Calls over the cap still return to the caller at once and
     * wait for a permit on their own thread.
     *
     * @return the cap, {@code 0} or more
     */
    int parallelism() default 0;

    /**
     * Whether the files each call reads and writes are its own: while a call runs, no other call
     * of the loop and not the loop itself write a file the call reads, or read or write a file it
     * writes. A call that changes files by their names (through {@code java.nio.file.Files},
     * {@code java.io.File}, a stream or writer opened on a file, or a process it starts) otherwise
     * runs in call order against every other code that touches files, one such call per
     * synchronization event, so the woven loop reads and writes files as the serial one does
     * (decision 059). A method that writes one output file per call, named by its argument, keeps
     * its calls parallel with {@code ownFiles = true}:
     * {@snippet :
     * @Concurrent(ownFiles = true)
     * static int render(Path scene, Path image) throws IOException {
     *     Files.write(image, Renderer.render(Files.readAllBytes(scene))); // image is this call's own
     *     return 0;
     * }
     * }
     * deco cannot check the promise: if two calls write one file, or the loop reads a file a pending
     * call writes, the woven program may compute what the serial one does not.
     *
     * @return {@code true} if each call's files are its own; {@code false} (the default) to keep
     *         the serial order of every file access
     */
    boolean ownFiles() default false;
}
