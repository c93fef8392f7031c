package deco.bench.core;

import deco.core.Concurrent;
import deco.core.Deco;
import deco.core.Sync;
import deco.core.Synchronized;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Woven code against the same loop written with the explicit {@code Sync} API (target: within
 * 10 %), and against serial. {@code work = 0}: empty calls, the pure overhead of 100 calls and
 * their event; {@code work = 1}: 400 calls of about 1 ms of CPU. This class is woven at build time
 * (the offline weaver runs on deco.bench's classes). {@code wovenRecordedPuts} against
 * {@code serialPuts}: calls that put their results into one shared map (decision 030);
 * {@code wovenReceiverReadsWithHelper} against {@code serial}: calls reading their receiver's field
 * with a pure helper in the loop (decision 034); {@code wovenNamedLockCheck} against {@code woven}:
 * the price of a call site checking a lock the callee may take (decision 044);
 * {@code wovenStripedLockCheck} against {@code woven}: checking a static array of sixteen locks;
 * {@code wovenUnnamedMonitorCheck} and {@code wovenUnnamedLockCheck} against {@code woven}: asking
 * once per run whether the thread holds any monitor, or any lock (decision 047);
 * {@code wovenStaticTotal} against {@code serial}: calls that write a static run in call order
 * (decision 045); {@code wovenPatternSwitch} against {@code woven}: calls telling their input apart
 * with a pattern switch and comparing records overlap like any other (decision 051);
 * {@code wovenEnumSwitch} against {@code woven}: calls and a loop switching on an enum of another
 * class (decision 051); {@code wovenSealedInterface} against {@code woven}: calls through a sealed
 * interface (decision 052); {@code wovenStreamingCall} against {@code woven}: calls streaming over
 * one shared list (decision 053); {@code wovenArraysGiven} against {@code woven}:
 * {@code results[i] = call(inputs[i])} with both arrays given (decision 054); {@code wovenListGiven}
 * against {@code woven}: {@code results[i] = call(inputs.get(i))} with an {@code ArrayList} and an
 * array given (decision 055); {@code wovenConstantReader} against {@code woven}: calls reading a
 * {@code static final} constant beside a call every 50 that writes a static (decision 056);
 * {@code wovenFinalFieldReader} against {@code woven}: the loop reads a final field of {@code this}
 * between such calls (decision 058); {@code wovenFileReader} against {@code woven}: calls reading an
 * input file under a {@code static final Path}; {@code wovenFileWriter} and
 * {@code wovenOwnFileWriter} against {@code serialFileWriter}: calls writing one output file each,
 * in call order, and with {@code @Concurrent(ownFiles = true)} (decision 059); {@code wovenMapsGiven}
 * against {@code woven}: {@code results.put(k, call(inputs.get(k)))} with both maps given (decision 061);
 * {@code wovenKeysWalked} against {@code woven}: the same over a list of keys walked with for-each,
 * {@code wovenMapKeysWalked} over the input map's {@code keySet()} and {@code wovenEntriesWalked}
 * over its {@code entrySet()} (decision 062); {@code wovenSharedSettingRead} and
 * {@code wovenSharedSettingHoisted} against {@code woven}: a mutable enum's constant looked up with
 * {@code valueOf} at every step, or once before the loop (decision 063); {@code wovenSortedCopyCall},
 * {@code wovenKeySortedCopyCall} and {@code wovenOwnCopyChanged} against {@code woven}: calls sorting
 * their own copies of a shared list (naturally, or by a composed comparator), and a loop adding to
 * its own copy of what the calls read; {@code wovenCopiedElementWritten}
 * against {@code serial}: the loop counting up, through a copy, what the calls read (decision 065);
 * {@code wovenInheritingReceiver} against {@code woven} and {@code wovenOverridingReceiver} against
 * {@code serial}: calls on a receiver whose class inherits the {@code @Concurrent} method, or
 * overrides it (decision 067); {@code wovenClassSetUpAtFirstUse} against {@code woven}: calls whose
 * first use initializes an enum that fills its own lookup table (decision 068).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WovenLoopBenchmark {

    /** 0: empty calls (100 of them); 1: ~1 ms CPU-bound calls (400 of them). */
    @Param({"0", "1"})
    public int work;

    private long[] out = new long[0];

    /**
     * The call the loops make.
     *
     * @param i    the input
     * @param cost 0 for an empty call, else ~1 ms of CPU
     * @return a value depending on both
     */
    @Concurrent
    public static long call(long i, int cost) {
        return cost == 0 ? i : SpeedupBenchmark.work(i);
    }

    private int calls() {
        return work == 0 ? 100 : 400;
    }

    /** @return the results */
    @Benchmark
    public long[] serial() {
        long[] results = output();
        for (int i = 0; i < results.length; i++) {
            results[i] = plainCall(i, work);
        }
        return results;
    }

    /** @return the results */
    @Benchmark
    public long[] explicitSync() {
        long[] results = output();
        try (Sync sync = Deco.synchronize()) {
            for (int i = 0; i < results.length; i++) {
                long n = i;
                int cost = work;
                sync.set(results, i, () -> call(n, cost));
            }
        }
        return results;
    }

    /** @return the results; the loop is the serial one, woven */
    @Benchmark
    @Synchronized
    public long[] woven() {
        long[] results = output();
        for (int i = 0; i < results.length; i++) {
            results[i] = call(i, work);
        }
        return results;
    }

    /**
     * A call that writes its result into a map it is given (decision 004: the put is recorded and
     * replayed at the event, so calls sharing the map run at the same time).
     *
     * @param into the map
     * @param i    the input and key
     * @param cost 0 for an empty call, else ~1 ms of CPU
     */
    @Concurrent
    public static void putInto(java.util.Map<Long, Long> into, long i, int cost) {
        into.put(i, cost == 0 ? i : SpeedupBenchmark.work(i));
    }

    /** @return the results, put into a map by the loop itself */
    @Benchmark
    public java.util.Map<Long, Long> serialPuts() {
        java.util.Map<Long, Long> results = new java.util.HashMap<>();
        for (int i = 0; i < calls(); i++) {
            results.put((long) i, plainCall(i, work));
        }
        return results;
    }

    /** @return the results, put into one map by the woven calls (recorded, replayed in call order) */
    @Benchmark
    @Synchronized
    public java.util.Map<Long, Long> wovenRecordedPuts() {
        java.util.Map<Long, Long> results = new java.util.HashMap<>();
        int n = calls();
        int cost = work;
        for (int i = 0; i < n; i++) {
            putInto(results, i, cost);
        }
        return results;
    }

    /** A model parameter the calls read: a field of their receiver. */
    private final long scale = 3;

    /**
     * A call that reads its receiver's field, as a model's step reads its parameters.
     *
     * @param i    the input
     * @param cost 0 for an empty call, else ~1 ms of CPU
     * @return a value depending on both and on {@link #scale}
     */
    @Concurrent
    public long scaledCall(long i, int cost) {
        return scale * (cost == 0 ? i : SpeedupBenchmark.work(i));
    }

    /** A pure helper of the loop: it reads only its argument. */
    private static long input(int i) {
        return i + 1L;
    }

    /**
     * @return the results of calls that read their receiver, with a pure helper in the loop (decision
     * 034: the calls overlap; before it, the helper waited for every pending call)
     */
    @Benchmark
    @Synchronized
    public long[] wovenReceiverReadsWithHelper() {
        long[] results = output();
        for (int i = 0; i < results.length; i++) {
            results[i] = scaledCall(input(i), work);
        }
        return results;
    }

    /**
     * A static the named-lock call reads through a JDK call: its site checks the caller does not
     * hold it. (A latch: a {@code Map} field could hold the results array, and the call would wait
     * for its pending stores, decision 043.)
     */
    private static final CountDownLatch OPENED = new CountDownLatch(0);

    /**
     * A call whose site names a lock (decision 044): {@link #OPENED} might be locked by a JDK call on it.
     *
     * @param i    the input
     * @param cost 0 for an empty call, else ~1 ms of CPU
     * @return a value depending on both
     */
    @Concurrent
    public static long lookedUpCall(long i, int cost) {
        return (OPENED.getCount() + 1) * (cost == 0 ? i : SpeedupBenchmark.work(i));
    }

    /** @return the results of calls whose sites check a named lock: the guard's price against {@link #woven} */
    @Benchmark
    @Synchronized
    public long[] wovenNamedLockCheck() {
        long[] results = output();
        for (int i = 0; i < results.length; i++) {
            results[i] = lookedUpCall(i, work);
        }
        return results;
    }

    /**
     * Sixteen stripes: a call takes the one of its input (lock striping). Locks, not plain objects:
     * a call reading a static {@code Object[]} could reach the loop's result array through it, and
     * would wait for the pending stores (decision 043); a lock gives back no caller's object.
     */
    private static final ReentrantLock[] STRIPES = new ReentrantLock[16];

    static {
        for (int s = 0; s < STRIPES.length; s++) {
            STRIPES[s] = new ReentrantLock();
        }
    }

    /**
     * A call that takes its input's stripe: its site checks all sixteen each call (decision 044).
     *
     * @param i    the input
     * @param cost 0 for an empty call, else ~1 ms of CPU
     * @return a value depending on both
     */
    @Concurrent
    public static long stripedCall(long i, int cost) {
        long value = cost == 0 ? i : SpeedupBenchmark.work(i);
        ReentrantLock stripe = STRIPES[(int) (i % STRIPES.length)];
        stripe.lock();
        try {
            return value + 1;
        } finally {
            stripe.unlock();
        }
    }

    /** @return the results of calls whose sites check a static array of sixteen locks: against {@link #woven} */
    @Benchmark
    @Synchronized
    public long[] wovenStripedLockCheck() {
        long[] results = output();
        for (int i = 0; i < results.length; i++) {
            results[i] = stripedCall(i, work);
        }
        return results;
    }

    /** The stripe of an input, as a call returns it: the weaver cannot name it (decision 047). */
    static ReentrantLock stripeFor(long i) {
        return STRIPES[(int) (i % STRIPES.length)];
    }

    /**
     * A call that enters the monitor of a stripe a call returned: its site asks once per run
     * whether the thread holds any monitor (decision 047).
     *
     * @param i    the input
     * @param cost 0 for an empty call, else ~1 ms of CPU
     * @return a value depending on both
     */
    @Concurrent
    public static long unnamedMonitorCall(long i, int cost) {
        long value = cost == 0 ? i : SpeedupBenchmark.work(i);
        synchronized (stripeFor(i)) {
            return value + 1;
        }
    }

    /** @return the results of calls whose sites ask whether any monitor is held: against {@link #woven} */
    @Benchmark
    @Synchronized
    public long[] wovenUnnamedMonitorCheck() {
        long[] results = new long[calls()]; // not a field's: stripeFor's summary reads statics of any type (decision 043)
        for (int i = 0; i < results.length; i++) {
            results[i] = unnamedMonitorCall(i, work);
        }
        return results;
    }

    /**
     * A call that locks a stripe a call returned: its site asks once per run whether the thread
     * holds any monitor or lock, a walk of the heap (decision 047).
     *
     * @param i    the input
     * @param cost 0 for an empty call, else ~1 ms of CPU
     * @return a value depending on both
     */
    @Concurrent
    public static long unnamedLockCall(long i, int cost) {
        long value = cost == 0 ? i : SpeedupBenchmark.work(i);
        ReentrantLock stripe = stripeFor(i);
        stripe.lock();
        try {
            return value + 1;
        } finally {
            stripe.unlock();
        }
    }

    /** @return the results of calls whose sites ask whether any lock is held: against {@link #woven} */
    @Benchmark
    @Synchronized
    public long[] wovenUnnamedLockCheck() {
        long[] results = new long[calls()]; // not a field's: stripeFor's summary reads statics of any type (decision 043)
        for (int i = 0; i < results.length; i++) {
            results[i] = unnamedLockCall(i, work);
        }
        return results;
    }

    private static final Object TOTAL_LOCK = new Object();
    private static long total; // guarded by TOTAL_LOCK

    /**
     * A call that adds its value to a static total under a lock: it writes state it is not given,
     * so the woven calls run in call order (decision 045).
     *
     * @param i    the input
     * @param cost 0 for an empty call, else ~1 ms of CPU
     * @return the value added
     */
    @Concurrent
    public static long addedToStaticTotal(long i, int cost) {
        long value = cost == 0 ? i : SpeedupBenchmark.work(i);
        synchronized (TOTAL_LOCK) {
            total += value;
        }
        return value;
    }

    /** @return the results of calls that write a static: one at a time, the price of decision 045 */
    @Benchmark
    @Synchronized
    public long[] wovenStaticTotal() {
        long[] results = output();
        for (int i = 0; i < results.length; i++) {
            results[i] = addedToStaticTotal(i, work);
        }
        return results;
    }

    private long[] output() {
        if (out.length != calls()) {
            out = new long[calls()];
        }
        return out;
    }

    /**
     * What a call is given: javac makes its {@code equals}, {@code hashCode} and {@code toString}
     * with invokedynamic.
     *
     * @param side the value
     * @param name a label
     */
    record Shape(long side, String name) { }

    /**
     * A call that tells its input apart with a pattern switch and compares records: JDK code over
     * what it is given (decision 051); before, the weaver could not see into either and ran these
     * calls in call order.
     *
     * @param input a {@code Long} or a {@link Shape}
     * @param cost  0 for an empty call, else ~1 ms of CPU
     * @return a value depending on both
     */
    @Concurrent
    public static long classifiedCall(Object input, int cost) {
        long i = switch (input) {
            case Long n -> n;
            case Shape shape -> shape.side();
            default -> 0L;
        };
        Shape shape = new Shape(i, "s");
        return shape.equals(new Shape(i, "s")) ? (cost == 0 ? i : SpeedupBenchmark.work(i)) : -1L;
    }

    /** @return the results of calls with a pattern switch and records: against {@link #woven} */
    @Benchmark
    @Synchronized
    public long[] wovenPatternSwitch() {
        long[] results = output();
        for (int i = 0; i < results.length; i++) {
            results[i] = classifiedCall(i % 2 == 0 ? (Object) (long) i : new Shape(i, "s"), work);
        }
        return results;
    }

    /**
     * A call that switches on an enum of another class (javac reads a {@code $SwitchMap$} table):
     * before decision 051 the table counted as a static the pending stores could reach.
     *
     * @param pace how to weigh the work
     * @param i    the input
     * @param cost 0 for an empty call, else ~1 ms of CPU
     * @return a value depending on all three
     */
    @Concurrent
    public static long pacedCall(Pace pace, long i, int cost) {
        long weight;
        switch (pace) {
            case STEADY:
                weight = 1;
                break;
            default:
                weight = 1;
        }
        return weight * (cost == 0 ? i : SpeedupBenchmark.work(i));
    }

    /** @return the results of calls switching on an enum, the loop switching on it too: against {@link #woven} */
    @Benchmark
    @Synchronized
    public long[] wovenEnumSwitch() {
        long[] results = output();
        for (int i = 0; i < results.length; i++) {
            Pace pace = i % 2 == 0 ? Pace.STEADY : Pace.EVEN;
            int lane = switch (pace) {
                case STEADY -> 0;
                case EVEN -> 0;
            };
            results[i + lane] = pacedCall(pace, i, work);
        }
        return results;
    }

    /** What a call is given: a sealed interface, every implementation a record (decision 052). */
    sealed interface Figure permits Square, Disc {
        /** @return a weight of at least 1 */
        long weight();
    }

    /**
     * A figure weighing its side.
     *
     * @param side the side
     */
    record Square(long side) implements Figure {
        @Override
        public long weight() {
            return 1 + side % 2;
        }
    }

    /**
     * A figure weighing nothing more than 1.
     *
     * @param radius the radius
     */
    record Disc(long radius) implements Figure {
        @Override
        public long weight() {
            return 1;
        }
    }

    /**
     * A call through a sealed interface: before decision 052, an interface method was code the
     * weaver could not see, so these calls ran in call order.
     *
     * @param figure what to weigh the work by
     * @param i      the input
     * @param cost   0 for an empty call, else ~1 ms of CPU
     * @return a value depending on all three
     */
    @Concurrent
    public static long figuredCall(Figure figure, long i, int cost) {
        return figure.weight() * (cost == 0 ? i : SpeedupBenchmark.work(i));
    }

    /** @return the results of calls through a sealed interface: against {@link #woven} */
    @Benchmark
    @Synchronized
    public long[] wovenSealedInterface() {
        long[] results = output();
        for (int i = 0; i < results.length; i++) {
            results[i] = figuredCall(i % 2 == 0 ? new Square(i) : new Disc(i), i, work);
        }
        return results;
    }

    /**
     * A call that reads a list every call shares through a stream: before decision 053, a
     * stream's methods counted as writing the list, so the calls ran one at a time.
     *
     * @param weights the shared list
     * @param i       the input
     * @param cost    0 for an empty call, else ~1 ms of CPU
     * @return a value depending on all three
     */
    @Concurrent
    public static long streamedCall(java.util.List<Long> weights, long i, int cost) {
        long weight = weights.stream().mapToLong(Long::longValue).sum();
        return weight * (cost == 0 ? i : SpeedupBenchmark.work(i));
    }

    /** @return the results of calls streaming over one shared list: against {@link #woven} */
    @Benchmark
    @Synchronized
    public long[] wovenStreamingCall() {
        long[] results = output();
        java.util.List<Long> weights = new java.util.ArrayList<>(java.util.List.of(1L));
        for (int i = 0; i < results.length; i++) {
            results[i] = streamedCall(weights, i, work);
        }
        return results;
    }

    /**
     * A call that copies a list every call shares and sorts and extends its copy: the copy's
     * storage is its own, so the calls still run beside each other (decision 065).
     *
     * @param weights the shared list
     * @param i       the input
     * @param cost    0 for an empty call, else ~1 ms of CPU
     * @return a value depending on all three
     */
    @Concurrent
    public static long sortedCopyCall(java.util.List<Long> weights, long i, int cost) {
        java.util.List<Long> sorted = new java.util.ArrayList<>(weights);
        sorted.sort(null);
        sorted.add(i);
        return sorted.get(weights.size() / 2) * (cost == 0 ? i : SpeedupBenchmark.work(i));
    }

    /**
     * A model whose {@code @Concurrent} method calls a helper on its own receiver; the class is not
     * final, so a subclass may override either (decision 067).
     */
    public static class Model {
        private final long scale;

        Model(long scale) {
            this.scale = scale;
        }

        long scale() {
            return scale;
        }

        /**
         * @param i    the input
         * @param cost 0 for an empty call, else ~1 ms of CPU
         * @return a value depending on both and on the scale
         */
        @Concurrent
        public long score(long i, int cost) {
            return scale() * (cost == 0 ? i : SpeedupBenchmark.work(i));
        }
    }

    /** A subclass that overrides nothing: its calls are the ones the weaver read. */
    public static class TunedModel extends Model {
        TunedModel() {
            super(2);
        }
    }

    /** A subclass that overrides the {@code @Concurrent} method: its calls run alone. */
    public static class OverridingModel extends Model {
        OverridingModel() {
            super(2);
        }

        @Override
        public long score(long i, int cost) {
            return 3 * (cost == 0 ? i : SpeedupBenchmark.work(i));
        }
    }

    /** @return the results of calls on a receiver whose class inherits the method: against {@link #woven} */
    @Benchmark
    @Synchronized
    public long[] wovenInheritingReceiver() {
        long[] results = output();
        Model model = new TunedModel();
        for (int i = 0; i < results.length; i++) {
            results[i] = model.score(i, work);
        }
        return results;
    }

    /** @return the results of calls on a receiver whose class overrides the method: against {@link #serial} */
    @Benchmark
    @Synchronized
    public long[] wovenOverridingReceiver() {
        long[] results = output();
        Model model = new OverridingModel();
        for (int i = 0; i < results.length; i++) {
            results[i] = model.score(i, work);
        }
        return results;
    }

    /**
     * Rates of call kinds: an enum whose initializer fills a lookup table by code from
     * {@code values()}, as such enums do, set up by the first call that uses it (decision 068).
     */
    enum Rate {
        UNIT("u", 1), DOUBLE("d", 2);

        private static final java.util.Map<String, Rate> BY_CODE = new java.util.HashMap<>();

        static {
            for (Rate rate : values()) {
                BY_CODE.put(rate.code, rate);
            }
        }

        private final String code;
        private final long factor;

        Rate(String code, long factor) {
            this.code = code;
            this.factor = factor;
        }
    }

    /**
     * A call scaled by a rate's factor: its first use of {@link Rate} initializes the enum, whose
     * initializer fills the enum's own lookup table (decision 068). (Reading that table, a static
     * map, would make the calls wait for the loop's stores into {@code results}, decision 043.)
     */
    @Concurrent
    public static long ratedCall(long i, int cost) {
        return Rate.UNIT.factor * (cost == 0 ? i : SpeedupBenchmark.work(i));
    }

    /** @return the results of calls whose first use sets up a class of its own state: against {@link #woven} */
    @Benchmark
    @Synchronized
    public long[] wovenClassSetUpAtFirstUse() {
        long[] results = output();
        for (int i = 0; i < results.length; i++) {
            results[i] = ratedCall(i, work);
        }
        return results;
    }

    /** @return the results of calls copying and sorting one shared list: against {@link #woven} */
    @Benchmark
    @Synchronized
    public long[] wovenSortedCopyCall() {
        long[] results = output();
        java.util.List<Long> weights = new java.util.ArrayList<>(java.util.List.of(3L, 1L, 2L));
        for (int i = 0; i < results.length; i++) {
            results[i] = sortedCopyCall(weights, i, work);
        }
        return results;
    }

    /**
     * As {@link #sortedCopyCall}, sorting by a key with a comparator the JDK composes: made of a
     * method reference that writes nothing, it writes nothing (decision 065).
     *
     * @param weights the shared list
     * @param i       the input
     * @param cost    0 for an empty call, else ~1 ms of CPU
     * @return a value depending on all three
     */
    @Concurrent
    public static long keySortedCopyCall(java.util.List<Long> weights, long i, int cost) {
        java.util.List<Long> sorted = new java.util.ArrayList<>(weights);
        sorted.sort(java.util.Comparator.comparingLong(Long::longValue).reversed());
        return sorted.get(weights.size() / 2) * (cost == 0 ? i : SpeedupBenchmark.work(i));
    }

    /** @return the results of calls copying one shared list and sorting it by a key: against {@link #woven} */
    @Benchmark
    @Synchronized
    public long[] wovenKeySortedCopyCall() {
        long[] results = output();
        java.util.List<Long> weights = new java.util.ArrayList<>(java.util.List.of(3L, 1L, 2L));
        for (int i = 0; i < results.length; i++) {
            results[i] = keySortedCopyCall(weights, i, work);
        }
        return results;
    }

    /** A count the loop and the calls share, held by a list. */
    public static final class Tally {
        long n;
    }

    /**
     * A call reading the first tally of a list every call shares.
     *
     * @param tallies the shared list
     * @param i       the input
     * @param cost    0 for an empty call, else ~1 ms of CPU
     * @return a value depending on all three
     */
    @Concurrent
    public static long tallyCall(java.util.List<Tally> tallies, long i, int cost) {
        return tallies.get(0).n + (cost == 0 ? i : SpeedupBenchmark.work(i));
    }

    /**
     * @return the results of calls reading a shared list, while the loop adds to its own copy of
     *         it at every step: against {@link #woven} (the copy's storage is its own, decision 065)
     */
    @Benchmark
    @Synchronized
    public long[] wovenOwnCopyChanged() {
        long[] results = output();
        java.util.List<Tally> tallies = java.util.List.of(new Tally());
        java.util.List<Tally> seen = new java.util.ArrayList<>(tallies);
        for (int i = 0; i < results.length; i++) {
            results[i] = tallyCall(tallies, i, work);
            seen.add(new Tally());
        }
        return results;
    }

    /**
     * @return the results of calls reading a shared tally, while the loop counts it up through a
     *         copy of the list at every step: against {@link #serial} (each step now waits for the
     *         pending call reading it, as the serial result needs, decision 065)
     */
    @Benchmark
    @Synchronized
    public long[] wovenCopiedElementWritten() {
        long[] results = output();
        java.util.List<Tally> tallies = java.util.List.of(new Tally());
        for (int i = 0; i < results.length; i++) {
            results[i] = tallyCall(tallies, i, work);
            new java.util.ArrayList<>(tallies).get(0).n++;
        }
        return results;
    }

    private long[] in = new long[0];

    private long[] inputs() {
        if (in.length != calls()) {
            in = java.util.stream.LongStream.range(0, calls()).toArray();
        }
        return in;
    }

    /**
     * The plainest form with both arrays given: {@code results[i] = call(inputs[i])}. Both come
     * from the caller, so the weaver cannot tell them apart; it reads {@code inputs} at once when
     * no pending store writes into that array (decision 054). Before, every read waited.
     *
     * @param inputs  the inputs
     * @param results where the results go
     * @param cost    0 for an empty call, else ~1 ms of CPU
     */
    @Synchronized
    public static void mapInto(long[] inputs, long[] results, int cost) {
        for (int i = 0; i < inputs.length; i++) {
            results[i] = call(inputs[i], cost);
        }
    }

    /** @return the results of {@link #mapInto}: against {@link #woven} */
    @Benchmark
    public long[] wovenArraysGiven() {
        long[] results = output();
        mapInto(inputs(), results, work);
        return results;
    }

    private java.util.List<Long> inputList = java.util.List.of();

    private java.util.List<Long> inputList() {
        if (inputList.size() != calls()) {
            inputList = new java.util.ArrayList<>(java.util.stream.LongStream.range(0, calls()).boxed().toList());
        }
        return inputList;
    }

    /**
     * The plainest form with a list and an array given: {@code results[i] = call(inputs.get(i))}.
     * An {@code ArrayList} holds its own storage, so no store into {@code results} can change
     * what its {@code get} reads (decision 055). Before, every {@code get} waited.
     *
     * @param inputs  the inputs
     * @param results where the results go
     * @param cost    0 for an empty call, else ~1 ms of CPU
     */
    @Synchronized
    public static void mapFromList(java.util.List<Long> inputs, long[] results, int cost) {
        for (int i = 0; i < results.length; i++) {
            results[i] = call(inputs.get(i), cost);
        }
    }

    /** @return the results of {@link #mapFromList}: against {@link #woven} */
    @Benchmark
    public long[] wovenListGiven() {
        long[] results = output();
        mapFromList(inputList(), results, work);
        return results;
    }

    private java.util.Map<Long, Long> inputMap = java.util.Map.of();

    private java.util.Map<Long, Long> inputMap() {
        if (inputMap.size() != calls()) {
            inputMap = new java.util.HashMap<>();
            for (long k = 0; k < calls(); k++) {
                inputMap.put(k, k);
            }
        }
        return inputMap;
    }

    /**
     * Two maps given: {@code results.put(k, call(inputs.get(k)))}. A {@code HashMap} holds its own
     * storage, so a pending {@code put} into another map cannot change what its {@code get} reads
     * (decision 061). Before, every {@code get} waited for the pending calls.
     *
     * @param inputs  the inputs
     * @param results where the results go
     * @param n       how many keys
     * @param cost    0 for an empty call, else ~1 ms of CPU
     */
    @Synchronized
    public static void mapBetweenMaps(java.util.Map<Long, Long> inputs, java.util.Map<Long, Long> results, int n,
                                      int cost) {
        for (long k = 0; k < n; k++) {
            results.put(k, call(inputs.get(k), cost));
        }
    }

    /** @return the results of {@link #mapBetweenMaps}: against {@link #woven} */
    @Benchmark
    public java.util.Map<Long, Long> wovenMapsGiven() {
        java.util.Map<Long, Long> results = new java.util.HashMap<>();
        mapBetweenMaps(inputMap(), results, calls(), work);
        return results;
    }

    private java.util.List<Long> keyList = java.util.List.of();

    private java.util.List<Long> keyList() {
        if (keyList.size() != calls()) {
            keyList = new java.util.ArrayList<>(inputMap().keySet());
        }
        return keyList;
    }

    /**
     * A list of keys and a map given, the keys walked with for-each:
     * {@code for (k : keys) results.put(k, call(inputs.get(k)))}. Each step of the iterator reads
     * the list's storage, which a pending {@code put} into the map cannot change (decision 062).
     * Before, every step waited for the pending calls.
     *
     * @param keys    the keys, walked
     * @param inputs  the inputs, read
     * @param results the outputs, put into
     * @param cost    0 for empty calls, else ~1 ms each
     */
    @Synchronized
    public static void mapOverKeys(java.util.List<Long> keys, java.util.Map<Long, Long> inputs,
                                   java.util.Map<Long, Long> results, int cost) {
        for (Long k : keys) {
            results.put(k, call(inputs.get(k), cost));
        }
    }

    /** @return the results of {@link #mapOverKeys}: against {@link #woven} */
    @Benchmark
    public java.util.Map<Long, Long> wovenKeysWalked() {
        java.util.Map<Long, Long> results = new java.util.HashMap<>();
        mapOverKeys(keyList(), inputMap(), results, work);
        return results;
    }

    /**
     * Two maps given, the inputs' keys walked with for-each through {@code keySet()}:
     * {@code for (k : inputs.keySet()) results.put(k, call(inputs.get(k)))}. The view reads only the
     * map's storage, which a pending {@code put} into the other map cannot change (decision 062).
     *
     * @param inputs  the inputs, walked and read
     * @param results the outputs, put into
     * @param cost    0 for empty calls, else ~1 ms each
     */
    @Synchronized
    public static void mapOverMapKeys(java.util.Map<Long, Long> inputs, java.util.Map<Long, Long> results, int cost) {
        for (Long k : inputs.keySet()) {
            results.put(k, call(inputs.get(k), cost));
        }
    }

    /** @return the results of {@link #mapOverMapKeys}: against {@link #woven} */
    @Benchmark
    public java.util.Map<Long, Long> wovenMapKeysWalked() {
        java.util.Map<Long, Long> results = new java.util.HashMap<>();
        mapOverMapKeys(inputMap(), results, work);
        return results;
    }

    /**
     * Two maps given, the inputs' entries walked with for-each:
     * {@code for (e : inputs.entrySet()) results.put(e.getKey(), call(e.getValue()))}. An entry's
     * key and value are the input map's storage, which a pending {@code put} into the other map
     * cannot change (decision 062).
     *
     * @param inputs  the inputs, walked
     * @param results the outputs, put into
     * @param cost    0 for empty calls, else ~1 ms each
     */
    @Synchronized
    public static void mapOverEntries(java.util.Map<Long, Long> inputs, java.util.Map<Long, Long> results, int cost) {
        for (java.util.Map.Entry<Long, Long> e : inputs.entrySet()) {
            results.put(e.getKey(), call(e.getValue(), cost));
        }
    }

    /** @return the results of {@link #mapOverEntries}: against {@link #woven} */
    @Benchmark
    public java.util.Map<Long, Long> wovenEntriesWalked() {
        java.util.Map<Long, Long> results = new java.util.HashMap<>();
        mapOverEntries(inputMap(), results, work);
        return results;
    }

    /** An enum whose constant carries a setting: not an immutable value (decision 063). */
    public enum Setting {
        /** The one setting. */
        STEP;
        long stride = 1;
    }

    /**
     * The loop looks a setting up with {@code Setting.valueOf} at every step. The lookup is a
     * helper that reads shared state (the enum's constant, decision 063) while pending stores go
     * into an array the caller gave, which shared state may hold: each step waits (decision 034).
     *
     * @param results the outputs
     * @param cost    0 for empty calls, else ~1 ms each
     */
    @Synchronized
    public static void mapWithASharedSetting(long[] results, int cost) {
        for (int i = 0; i < results.length; i++) {
            long stride = Setting.valueOf("STEP").stride;
            results[i] = call(i * stride, cost);
        }
    }

    /** @return the results of {@link #mapWithASharedSetting}: against {@link #woven} */
    @Benchmark
    public long[] wovenSharedSettingRead() {
        long[] results = output();
        mapWithASharedSetting(results, work);
        return results;
    }

    /**
     * The same setting looked up once, before the loop: the loop only reads its field, which no
     * pending call writes, so the calls overlap (decision 063).
     *
     * @param results the outputs
     * @param cost    0 for empty calls, else ~1 ms each
     */
    @Synchronized
    public static void mapWithASettingLookedUpOnce(long[] results, int cost) {
        Setting step = Setting.valueOf("STEP");
        for (int i = 0; i < results.length; i++) {
            results[i] = call(i * step.stride, cost);
        }
    }

    /** @return the results of {@link #mapWithASettingLookedUpOnce}: against {@link #wovenSharedSettingRead} */
    @Benchmark
    public long[] wovenSharedSettingHoisted() {
        long[] results = output();
        mapWithASettingLookedUpOnce(results, work);
        return results;
    }

    /** A constant, set once while the class initialises (decision 056). */
    static final long SCALE = Long.getLong("deco.bench.scale", 1L);

    /** What {@link #logged} appends to: state every call in call order writes. */
    static final java.util.List<Long> LOG = new java.util.ArrayList<>();

    /**
     * A call reading a {@code static final} constant.
     *
     * @param i    the input
     * @param cost 0 for an empty call, else ~1 ms of CPU
     * @return a value depending on both, scaled
     */
    @Concurrent
    public static long constantScaledCall(long i, int cost) {
        return SCALE * (cost == 0 ? i : SpeedupBenchmark.work(i));
    }

    /**
     * A call appending to a static list: it writes state outside what it is given, so such calls
     * run in call order (decision 045), and calls reading statics wait for them.
     *
     * @param i the value logged
     */
    @Concurrent
    public static void logged(long i) {
        LOG.add(i);
    }

    /**
     * Calls reading a constant beside a call every 50 that writes a static. Before decision 056,
     * a read of any static counted as reading state the logging call writes, so every call waited.
     *
     * @return the results: against {@link #woven}
     */
    @Benchmark
    @Synchronized
    public long[] wovenConstantReader() {
        long[] results = new long[calls()];
        int cost = work; // this.work read in the loop would wait for the logging call: it may reach this
        for (int i = 0; i < results.length; i++) {
            results[i] = constantScaledCall(i, cost);
            if (i % 50 == 0) {
                logged(i);
            }
        }
        LOG.clear();
        return results;
    }

    /** A final field of an immutable type, set by the constructor (not a constant to javac). */
    private final int repeat = Integer.getInteger("deco.bench.repeat", 1);

    /**
     * Calls whose input the loop reads from a final field of {@code this} each time, beside a call
     * every 50 that writes a static. Before decision 058, reading a field of {@code this} counted as
     * reading state the logging call may reach, so every call waited for the ones before it.
     *
     * @return the results
     */
    @Benchmark
    @Synchronized
    public long[] wovenFinalFieldReader() {
        long[] results = new long[calls()];
        int cost = work;
        for (int i = 0; i < results.length; i++) {
            results[i] = constantScaledCall(i, cost * repeat);
            if (i % 50 == 0) {
                logged(i);
            }
        }
        LOG.clear();
        return results;
    }

    /** Where the file rows read their input and write their outputs: one directory per fork. */
    static final Path FILES = Path.of(System.getProperty("java.io.tmpdir"), "deco-bench-files-" + ProcessHandle.current().pid());

    /**
     * Makes the input file the file rows read.
     *
     * @throws IOException if the directory cannot be written
     */
    @Setup(Level.Trial)
    public void makeInput() throws IOException {
        Files.createDirectories(FILES);
        Files.writeString(FILES.resolve("input.txt"), "12345");
    }

    /**
     * Deletes the file rows' directory.
     *
     * @throws IOException if it cannot be deleted
     */
    @TearDown(Level.Trial)
    public void deleteFiles() throws IOException {
        try (var files = Files.list(FILES)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(FILES);
    }

    /**
     * A call reading an input file under a {@code static final Path}: it reads the file system.
     *
     * @param i    the input
     * @param cost 0 for an empty call, else ~1 ms of CPU
     * @return a value depending on both and on the file's length
     */
    @Concurrent
    public static long fileScaledCall(long i, int cost) {
        try {
            return Files.readString(FILES.resolve("input.txt")).length() * (cost == 0 ? i : SpeedupBenchmark.work(i));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Calls reading one input file. Before decision 059 a call on the object a static holds
     * ({@code FILES.resolve}) counted as writing hidden state, so every call waited for the one before.
     *
     * @return the results: against {@link #woven}
     */
    @Benchmark
    @Synchronized
    public long[] wovenFileReader() {
        long[] results = new long[calls()];
        int cost = work;
        for (int i = 0; i < results.length; i++) {
            results[i] = fileScaledCall(i, cost);
        }
        return results;
    }

    /**
     * A call writing its result to a file named by its input: it changes the file system, so such
     * calls run in call order, one per event (decision 059).
     *
     * @param i    the input, and the file's name
     * @param cost 0 for an empty call, else ~1 ms of CPU
     * @return the value written
     */
    @Concurrent
    public static long writtenCall(long i, int cost) {
        return writeResult(i, cost);
    }

    /**
     * As {@link #writtenCall}, promising that each call's file is its own.
     *
     * @param i    the input, and the file's name
     * @param cost 0 for an empty call, else ~1 ms of CPU
     * @return the value written
     */
    @Concurrent(ownFiles = true)
    public static long ownFileWrittenCall(long i, int cost) {
        return writeResult(i, cost);
    }

    private static long writeResult(long i, int cost) {
        long result = cost == 0 ? i : SpeedupBenchmark.work(i);
        try {
            Files.writeString(FILES.resolve(i + ".out"), Long.toString(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /**
     * The serial loop writing one output file per call.
     *
     * @return the results
     */
    @Benchmark
    public long[] serialFileWriter() {
        long[] results = new long[calls()];
        for (int i = 0; i < results.length; i++) {
            results[i] = writeResult(i, work);
        }
        return results;
    }

    /**
     * Calls writing one output file each, in call order: the price of keeping every file access in
     * the serial order.
     *
     * @return the results: against {@link #serialFileWriter}
     */
    @Benchmark
    @Synchronized
    public long[] wovenFileWriter() {
        long[] results = new long[calls()];
        int cost = work;
        for (int i = 0; i < results.length; i++) {
            results[i] = writtenCall(i, cost);
        }
        return results;
    }

    /**
     * Calls writing one output file each, declared their own ({@code ownFiles = true}).
     *
     * @return the results: against {@link #serialFileWriter}
     */
    @Benchmark
    @Synchronized
    public long[] wovenOwnFileWriter() {
        long[] results = new long[calls()];
        int cost = work;
        for (int i = 0; i < results.length; i++) {
            results[i] = ownFileWrittenCall(i, cost);
        }
        return results;
    }

    private static long plainCall(long i, int cost) {
        return cost == 0 ? i : SpeedupBenchmark.work(i);
    }
}
