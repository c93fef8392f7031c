package deco.core.weave;

import java.lang.constant.ClassDesc;
import java.util.Set;

/**
 * Subtype checks for the JDK's own collection types, which the weaver may load (they are always
 * there); user types are never loaded while weaving.
 */
final class JdkTypes {

    /** Latches, barriers, semaphores, phasers and locks, as a field or a call's declared type. */
    private static final Set<String> LATCHES_AND_LOCKS = Set.of("java/util/concurrent/CountDownLatch",
            "java/util/concurrent/Semaphore", "java/util/concurrent/CyclicBarrier", "java/util/concurrent/Phaser",
            "java/util/concurrent/locks/Lock", "java/util/concurrent/locks/ReentrantLock",
            "java/util/concurrent/locks/ReadWriteLock", "java/util/concurrent/locks/ReentrantReadWriteLock",
            "java/util/concurrent/locks/StampedLock", "java/util/concurrent/locks/Condition");

    /**
     * JDK types whose instances give back no object a caller handed them: synchronizers, locks,
     * atomic numbers and adders, random generators, print streams. Reading one (a latch or a
     * counter in a static field) cannot show what an index write changed (decision 043).
     */
    private static final Set<String> HOLD_NO_CALLER_OBJECTS = union(LATCHES_AND_LOCKS,
            "java/util/concurrent/atomic/AtomicInteger", "java/util/concurrent/atomic/AtomicLong",
            "java/util/concurrent/atomic/AtomicBoolean", "java/util/concurrent/atomic/AtomicIntegerArray",
            "java/util/concurrent/atomic/AtomicLongArray", "java/util/concurrent/atomic/LongAdder",
            "java/util/concurrent/atomic/DoubleAdder", "java/util/concurrent/atomic/LongAccumulator",
            "java/util/concurrent/atomic/DoubleAccumulator", "java/util/Random", "java/util/SplittableRandom",
            "java/util/concurrent/ThreadLocalRandom", "java/util/random/RandomGenerator", "java/io/PrintStream");

    /**
     * JDK synchronizers, and the locks a read-write lock hands out: they order threads and carry no
     * value the serial program computes with, so counting a latch down, taking a lock or a permit is
     * not a write of state (decision 045).
     */
    private static final Set<String> SYNCHRONIZERS = union(LATCHES_AND_LOCKS,
            "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock",
            "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock");

    private JdkTypes() {
    }

    /** Whether {@code internalName} names a JDK synchronizer (a latch, a barrier, a semaphore, a phaser, a lock). */
    static boolean isSynchronizer(String internalName) {
        return SYNCHRONIZERS.contains(internalName);
    }

    /**
     * Whether {@code type} is a JDK type whose instances give back no object a caller handed them:
     * one of those above, or a JDK enum ({@code TimeUnit.SECONDS}).
     */
    static boolean holdsNoCallerObjects(ClassDesc type) {
        String descriptor = type.descriptorString();
        if (!descriptor.startsWith("L")) {
            return false;
        }
        String name = Descriptors.internalName(type);
        return HOLD_NO_CALLER_OBJECTS.contains(name) || isJdkEnum(name);
    }

    /** Whether a class, by internal name, is a JDK enum ({@code TimeUnit}): its constants never change. */
    static boolean isJdkEnum(String internalName) {
        return isJdk(internalName) && load(internalName).isEnum();
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new java.util.HashSet<>(base);
        java.util.Collections.addAll(all, more);
        return Set.copyOf(all);
    }

    /**
     * Whether a class, by internal name, belongs to the JDK ({@code java/}, {@code javax/},
     * {@code jdk/}), or is an array class, whose methods ({@code clone()}, {@code getClass()})
     * are {@code Object}'s (decision 051: an array's {@code clone()}, and so every enum's
     * {@code values()}, counted as code the weaver cannot see).
     */
    static boolean isJdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("[");
    }

    /** A JDK class by internal name, or {@code Void.class} (a subtype of nothing else) if it is not one. */
    static Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException e) {
            return Void.class;
        }
    }

    static boolean isSubtype(ClassDesc type, Class<?> supertype) {
        String descriptor = type.descriptorString();
        if (!descriptor.startsWith("Ljava/")) {
            return false;
        }
        String name = Descriptors.internalName(type).replace('/', '.');
        try {
            return supertype.isAssignableFrom(Class.forName(name, false, ClassLoader.getPlatformClassLoader()));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
