package deco.concurrent;

import java.util.function.Consumer;

/**
 * Produces a sequence for a {@link Buffer}: the single method emits values, in order, into the
 * consumer it receives, and returns when the sequence ends (a finite sequence) or never (an
 * infinite one). PySpeedup's generator function, as a Java lambda:
 *
 * {@snippet :
 * Generator<Long> counter = emit -> {
 *     for (long i = 0; ; i++) emit.accept(i);
 * };
 * }
 *
 * <p>{@code emit.accept} blocks while the producer is far enough ahead of its consumers, and
 * throws {@link java.util.concurrent.CancellationException} once the buffer is closed: let it
 * propagate. An exception the generator throws reaches the consumers (see {@link Buffer#get}).
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface Generator<T> {

    /**
     * Emits the sequence.
     *
     * @param emit where the values go, in order; never {@code null} values
     * @throws Exception anything; it is rethrown to consumers as the cause of their exception
     */
    void generate(Consumer<? super T> emit) throws Exception;
}
