package deco.core;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that is {@link Serializable}. {@link Sync}, {@link Deco#map} and
 * {@link ConcurrencyLimit#wrap} accept it beside {@code Callable}, and Java picks this overload for
 * a lambda or method reference written at the call, so the lambda is serializable without a cast:
 * a cluster engine (deco.cluster) can ship it to another JVM with what it captured. Nothing changes
 * in one JVM.
 *
 * {@snippet :
 * try (Sync sync = Deco.synchronize()) {
 *     for (int i = 0; i < 100; i++) {
 *         int n = i;
 *         sync.put(results, n, () -> simulate(n)); // a SerializableCallable: may run on a member
 *     }
 * }
 * }
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableCallable<R> extends Callable<R>, Serializable {
}
