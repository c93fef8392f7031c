package deco.core.woven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The test a call site makes before handing a call to another thread (decisions 039 and 044):
 * whether this thread holds a lock the task could wait for.
 */
@DisplayName("Woven runtime: the caller-held lock test of a call site")
class CallerHeldMonitorsTest {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    static final Object STATIC_MONITOR = new Object();
    static final ReentrantReadWriteLock STATIC_READ_WRITE = new ReentrantReadWriteLock();
    private static final String SELF = "deco/core/woven/CallerHeldMonitorsTest";

    static int callee(Object argument, int i) {
        return i;
    }

    private static MethodHandle test(String... locks) throws ReflectiveOperationException {
        MethodHandle callee = LOOKUP.findStatic(CallerHeldMonitorsTest.class, "callee",
                MethodType.methodType(int.class, Object.class, int.class));
        MethodHandleInfo info = LOOKUP.revealDirect(callee);
        return CallerHeldMonitors.test(LOOKUP, MethodType.methodType(Callable.class, Object.class, int.class), info, locks);
    }

    @Test
    @DisplayName("an argument: its monitor, a ReentrantLock, a read-write lock read or written, a write lock")
    void arguments() throws Throwable {
        MethodHandle held = test();
        Object monitor = new Object();
        assertFalse((boolean) held.invoke(monitor, 1));
        synchronized (monitor) {
            assertTrue((boolean) held.invoke(monitor, 1));
        }
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        try {
            assertTrue((boolean) held.invoke(lock, 1));
        } finally {
            lock.unlock();
        }
        assertFalse((boolean) held.invoke(lock, 1));
        ReentrantReadWriteLock readWrite = new ReentrantReadWriteLock();
        readWrite.readLock().lock();
        try {
            assertTrue((boolean) held.invoke(readWrite, 1), "read held");
        } finally {
            readWrite.readLock().unlock();
        }
        readWrite.writeLock().lock();
        try {
            assertTrue((boolean) held.invoke(readWrite.writeLock(), 1), "the write lock itself");
        } finally {
            readWrite.writeLock().unlock();
        }
        assertFalse((boolean) held.invoke(null, 1), "a null argument holds nothing");
    }

    @Test
    @DisplayName("a read lock kept apart from its read-write lock: held when this thread holds any lock, its write lock among them")
    void readLocksApart() throws Throwable {
        MethodHandle held = test();
        ReentrantReadWriteLock readWrite = new ReentrantReadWriteLock();
        assertFalse((boolean) held.invoke(readWrite.readLock(), 1));
        readWrite.writeLock().lock();
        try {
            assertTrue((boolean) held.invoke(readWrite.readLock(), 1), "taking it would wait for this thread's write lock");
        } finally {
            readWrite.writeLock().unlock();
        }
        ReentrantLock unrelated = new ReentrantLock();
        unrelated.lock();
        try {
            assertTrue((boolean) held.invoke(readWrite.readLock(), 1), "which lock it belongs to is not public");
        } finally {
            unrelated.unlock();
        }
        assertFalse((boolean) held.invoke(readWrite.readLock(), 1));
    }

    @Test
    @DisplayName("a named static's monitor or lock, and a class's monitor")
    void namedLocks() throws Throwable {
        MethodHandle statics = test("S " + SELF + " STATIC_MONITOR Ljava/lang/Object;",
                "S " + SELF + " STATIC_READ_WRITE Ljava/util/concurrent/locks/ReentrantReadWriteLock;");
        assertFalse((boolean) statics.invoke("free", 1));
        synchronized (STATIC_MONITOR) {
            assertTrue((boolean) statics.invoke("free", 1));
        }
        STATIC_READ_WRITE.writeLock().lock();
        try {
            assertTrue((boolean) statics.invoke("free", 1));
        } finally {
            STATIC_READ_WRITE.writeLock().unlock();
        }
        MethodHandle type = test("C java/util/Vector");
        assertFalse((boolean) type.invoke("free", 1));
        synchronized (java.util.Vector.class) {
            assertTrue((boolean) type.invoke("free", 1));
        }
    }

    /** An argument whose field is a lock. */
    static final class Holder {
        final Object lock = new Object();
        final Object[] stripes = {new Object(), new Object()};
    }

    @Test
    @DisplayName("a named field of an argument: held when this thread holds the object in it; a null argument, or one of another class, holds nothing")
    void argumentFields() throws Throwable {
        MethodHandle field = test("P 0 " + SELF + "$Holder lock Ljava/lang/Object;");
        Holder holder = new Holder();
        assertFalse((boolean) field.invoke(holder, 1));
        synchronized (holder.lock) {
            assertTrue((boolean) field.invoke(holder, 1));
            assertFalse((boolean) field.invoke(new Holder(), 1), "another holder's lock");
        }
        assertFalse((boolean) field.invoke(null, 1), "the call will throw");
        assertFalse((boolean) field.invoke("not a holder", 1), "the callee's cast will throw; the test does not");
        MethodHandle stripes = test("EP 0 " + SELF + "$Holder stripes [Ljava/lang/Object;");
        synchronized (holder.stripes[1]) {
            assertTrue((boolean) stripes.invoke(holder, 1), "an element of the argument's array");
            assertFalse((boolean) stripes.invoke(new Holder(), 1));
        }
        assertFalse((boolean) stripes.invoke(null, 1));
        MethodHandle noSuchArgument = test("P 5 " + SELF + "$Holder lock Ljava/lang/Object;");
        synchronized (holder.lock) {
            assertFalse((boolean) noSuchArgument.invoke(holder, 1), "not this call's name: nothing to check");
        }
    }

    static final Object[] STRIPES = {new Object(), new Object()};
    static final Object[] MANY = new Object[CallerHeldMonitors.MOST_ELEMENTS_CHECKED + 1];
    static Object[] unset;

    @Test
    @DisplayName("every element of a named static array: held when this thread holds one; a longer array than is checked per call makes every call at once; a null array holds nothing")
    void staticArrayElements() throws Throwable {
        MethodHandle stripes = test("ES " + SELF + " STRIPES [Ljava/lang/Object;");
        assertFalse((boolean) stripes.invoke("free", 1));
        synchronized (STRIPES[1]) {
            assertTrue((boolean) stripes.invoke("free", 1));
        }
        assertTrue((boolean) test("ES " + SELF + " MANY [Ljava/lang/Object;").invoke("free", 1));
        assertFalse((boolean) test("ES " + SELF + " unset [Ljava/lang/Object;").invoke("free", 1));
    }

    static final Holder[] HOLDERS = {new Holder(), new Holder()};

    @Test
    @DisplayName("a path of several steps: a field of each element of a static array, every element of an argument array; a value of another class on the way holds nothing")
    void pathsOfSeveralSteps() throws Throwable {
        MethodHandle holders = test("S " + SELF + " HOLDERS [L" + SELF + "$Holder; [] " + SELF + "$Holder lock Ljava/lang/Object;");
        assertFalse((boolean) holders.invoke("free", 1));
        synchronized (HOLDERS[1].lock) {
            assertTrue((boolean) holders.invoke("free", 1));
        }
        synchronized (HOLDERS[1]) {
            assertFalse((boolean) holders.invoke("free", 1), "the element itself is not the path's end");
        }
        MethodHandle elements = test("A 0 []");
        Object[] locks = {new Object(), "not a lock", null};
        assertFalse((boolean) elements.invoke(locks, 1));
        synchronized (locks[0]) {
            assertTrue((boolean) elements.invoke(locks, 1));
        }
        assertFalse((boolean) elements.invoke("not an array", 1));
        assertTrue((boolean) elements.invoke(MANY, 1), "more elements than are checked per call");
        MethodHandle fieldOfElements = test("A 0 [] " + SELF + "$Holder lock Ljava/lang/Object;");
        Object[] mixed = {"no field here", new Holder()};
        synchronized (((Holder) mixed[1]).lock) {
            assertTrue((boolean) fieldOfElements.invoke(mixed, 1));
        }
        assertFalse((boolean) fieldOfElements.invoke(mixed, 1));
    }

    @Test
    @DisplayName("a named lock that cannot be read makes every call at once; a receiver field of a static callee names nothing")
    void unreadableNames() throws Throwable {
        assertTrue((boolean) test("S " + SELF + " NO_SUCH_FIELD Ljava/lang/Object;").invoke("free", 1));
        assertTrue((boolean) test("S no/such/Type LOCK Ljava/lang/Object;").invoke("free", 1));
        assertFalse((boolean) test("F " + SELF + " field Ljava/lang/Object;").invoke("free", 1));
        MethodHandle primitivesOnly = CallerHeldMonitors.test(LOOKUP, MethodType.methodType(Callable.class, int.class),
                LOOKUP.revealDirect(LOOKUP.findStatic(Integer.class, "valueOf",
                        MethodType.methodType(Integer.class, int.class))), new String[0]);
        assertNull(primitivesOnly, "nothing to check: no test at all");
    }

    @Test
    @DisplayName("an unnamed monitor (M): whether this thread holds any monitor at all; an unnamed lock (U): any monitor or ReentrantLock")
    void unnamedLocks() throws Throwable {
        MethodHandle anyMonitor = test("M");
        MethodHandle anyLock = test("U");
        Object unrelated = new Object();
        assertFalse((boolean) anyMonitor.invoke(null, 1));
        assertFalse((boolean) anyLock.invoke(null, 1));
        synchronized (unrelated) {
            assertTrue((boolean) anyMonitor.invoke(null, 1), "a monitor the call does not pass");
            assertTrue((boolean) anyLock.invoke(null, 1));
        }
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        try {
            assertFalse((boolean) anyMonitor.invoke(null, 1), "a ReentrantLock is no monitor");
            assertTrue((boolean) anyLock.invoke(null, 1));
        } finally {
            lock.unlock();
        }
        STATIC_READ_WRITE.writeLock().lock();
        try {
            assertTrue((boolean) anyLock.invoke(null, 1), "a write lock");
        } finally {
            STATIC_READ_WRITE.writeLock().unlock();
        }
    }

    @Test
    @DisplayName("an unnamed lock: a pool worker's own lock does not count; a virtual thread, which the JVM cannot describe, counts as holding one")
    void unnamedLocksOnPoolsAndVirtualThreads() throws Exception {
        MethodHandle anyLock = test("U");
        Callable<Boolean> held = () -> asks(anyLock);
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            assertFalse(pool.submit(held).get(30, TimeUnit.SECONDS),
                    "a ThreadPoolExecutor worker holds its Worker lock while it runs a task");
        } finally {
            pool.shutdownNow();
        }
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            assertTrue(virtual.submit(held).get(30, TimeUnit.SECONDS));
        }
    }

    private static boolean asks(MethodHandle test) throws Exception {
        try {
            return (boolean) test.invoke(null, 1);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }
}
