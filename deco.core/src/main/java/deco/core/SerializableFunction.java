package deco.core;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that is {@link Serializable}: what {@link Deco#map} takes when the function is
 * written at the call, so that a cluster engine (deco.cluster) can ship it. See
 * {@link SerializableCallable}.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}
