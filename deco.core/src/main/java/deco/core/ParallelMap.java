package deco.core;

import deco.core.engine.Batch;
import deco.core.engine.Engine;
import deco.core.engine.TaskHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
        if (Placement.remote()) {
            return mapShipped(engine, input, parallelism, fn);
        }
        @SuppressWarnings("unchecked")
        ItemCall<R> call = i -> fn.apply((T) input[i]);
        return mapHere(engine, n, parallelism, call);
    }

    /** The work for item {@code i}: the function applied here, or a shipped call waited for. */
    @FunctionalInterface
    private interface ItemCall<R> {
        R call(int i) throws Exception;
    }

    /**
     * On a remote engine: every item's call is captured at this call (so an item or a function
     * that cannot travel fails here, before anything runs). Without a cap each shipped call is a
     * task of one batch, which starts it without a thread of its own when it can; with a cap the
     * local map's workers run them, so no more than the cap are in flight.
     */
    private static <T, R> List<R> mapShipped(Engine engine, Object[] input, int parallelism,
                                             Function<? super T, ? extends R> fn) {
        List<Callable<R>> shipped = new ArrayList<>(input.length);
        for (int i = 0; i < input.length; i++) {
            @SuppressWarnings("unchecked")
            T item = (T) input[i];
            shipped.add(Placement.place((SerializableCallable<R>) () -> fn.apply(item), "Deco.map item " + i));
        }
        if (parallelism != 0) {
            return mapHere(engine, input.length, parallelism, i -> shipped.get(i).call());
        }
        List<TaskHandle<R>> handles = new ArrayList<>(input.length);
        Batch batch = engine.open("deco-map", null);
        InterruptedException interrupted = null;
        try {
            for (Callable<R> call : shipped) {
                handles.add(batch.fork(call)); // the batch stops forking past a failure
            }
            batch.join();
        } catch (InterruptedException e) {
            interrupted = e;
        } finally {
            batch.close();
        }
        if (interrupted != null) {
            Thread.currentThread().interrupt();
            throw Failures.interrupted(interrupted, input.length);
        }
        Throwable first = Failures.firstInCallOrder(handles);
        if (first != null) {
            throw Failures.propagate(first);
        }
        Object[] output = new Object[input.length];
        for (int i = 0; i < output.length; i++) {
            output[i] = handles.get(i).result(); // every item succeeded: join waited for all
        }
        @SuppressWarnings("unchecked")
        List<R> result = (List<R>) Collections.unmodifiableList(Arrays.asList(output));
        return result;
    }

    private static <R> List<R> mapHere(Engine engine, int n, int parallelism, ItemCall<? extends R> work) {
        Object[] output = new Object[n];
        Throwable[] failures = new Throwable[n];
        Progress progress = new Progress(n);
        int workers = parallelism == 0 ? n : Math.min(parallelism, n);
        Batch batch = engine.open("deco-map", null);
        InterruptedException interrupted = null;
        try {
            for (int w = 0; w < workers; w++) {
                batch.fork(() -> {
                    // items are taken in input order; a failure stops the later items (not
                    // started, or interrupted) while the earlier ones finish, so the failure
                    // reported is the first in input order, as in a serial map
                    for (int i = progress.take(); i >= 0; i = progress.take()) {
                        try {
                            output[i] = work.call(i);
                        } catch (Throwable t) {
                            if (progress.failed(i)) {
                                failures[i] = t; // not a cancelled later item's interruption
                            }
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

    /**
     * Which item comes next and which threads run which items. Items are taken in increasing
     * order, so a thread that ran item {@code j} only runs items after {@code j} from then on:
     * interrupting it for a failure before {@code j} never disturbs an earlier item.
     */
    private static final class Progress {
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicReferenceArray<Thread> runners;
        private volatile int firstFailed = Integer.MAX_VALUE;

        Progress(int n) {
            this.runners = new AtomicReferenceArray<>(n);
        }

        /** The next item for the current thread, or -1 when there is none (or a failure before it). */
        int take() {
            int i = next.getAndIncrement();
            if (i >= runners.length() || i > firstFailed) {
                return -1;
            }
            runners.set(i, Thread.currentThread());
            return i;
        }

        /**
         * Item {@code i} failed: later items are not started and the threads running them are
         * interrupted. Each item is visited once over all failures (the ranges are disjoint).
         *
         * @return whether the failure counts: false when an earlier item had already failed
         */
        synchronized boolean failed(int i) {
            int end = Math.min(firstFailed, Math.min(runners.length(), next.get()));
            if (i >= firstFailed) {
                return false;
            }
            firstFailed = i;
            for (int j = i + 1; j < end; j++) {
                Thread runner = runners.getAndSet(j, null);
                if (runner != null && runner != Thread.currentThread()) {
                    runner.interrupt();
                }
            }
            return true;
        }
    }
}
