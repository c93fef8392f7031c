package deco.core;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A {@link BiFunction} that is {@link Serializable}. Methods that need to know a function's code
 * accept it beside {@code BiFunction}, and Java picks that overload for a lambda or method
 * reference written at the call, so the lambda is serializable without a cast and its
 * implementing method can be named: a {@code deco.concurrent.Cache} journal keeps its results under
 * the version of that code. Nothing else changes. See {@link SerializableCallable}.
 *
 * {@snippet :
 * Cache<Integer, BigInteger> fib = Cache.<Integer, BigInteger>builder((self, n) ->   // a SerializableBiFunction
 *         n < 2 ? BigInteger.ONE : self.get(n - 1).add(self.get(n - 2)))
 *     .journal(Path.of("fib-journal"))
 *     .build();
 * }
 *
 * @param <T> the first argument's type
 * @param <U> the second argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableBiFunction<T, U, R> extends BiFunction<T, U, R>, Serializable {
}
