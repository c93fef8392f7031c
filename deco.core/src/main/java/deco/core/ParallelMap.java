package deco.core;

import deco.core.engine.Batch;
import deco.core.engine.Engine;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@link Deco#map}: workers pull the next index from a shared counter and write each result into
 * its own slot, so the output is in input order whatever the completion order. With no cap there
 * is one worker per item.
 */
final class ParallelMap {

    private ParallelMap() {
    }

    static <T, R> List<R> map(Engine engine, Collection<? extends T> items, int parallelism,
                              Function<? super T, ? extends R> fn) {
        Object[] input = items.toArray();
        int n = input.length;
        if (n == 0) {
            return List.of();
        }
        Object[] output = new Object[n];
        Throwable[] failures = new Throwable[n];
        AtomicInteger next = new AtomicInteger();
        int workers = parallelism == 0 ? n : Math.min(parallelism, n);
        Batch batch = engine.open("deco-map", null);
        InterruptedException interrupted = null;
        try {
            for (int w = 0; w < workers; w++) {
                batch.fork(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        if (Thread.currentThread().isInterrupted()) {
                            return null; // cancelled: another item failed
                        }
                        try {
                            @SuppressWarnings("unchecked")
                            T item = (T) input[i];
                            output[i] = fn.apply(item);
                        } catch (Throwable t) {
                            failures[i] = t;
                            throw t;
                        }
                    }
                    return null;
                });
            }
            batch.join();
        } catch (InterruptedException e) {
            interrupted = e;
        } finally {
            batch.close();
        }
        if (interrupted != null) {
            Thread.currentThread().interrupt();
            throw Failures.interrupted(interrupted, n);
        }
        Throwable first = Failures.first(Arrays.asList(failures));
        if (first != null) {
            throw Failures.propagate(first);
        }
        @SuppressWarnings("unchecked")
        List<R> result = (List<R>) Collections.unmodifiableList(Arrays.asList(output));
        return result;
    }
}
