package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.core.weave.fixtures.NamedLocks;
import deco.core.weave.fixtures.OwnLocks;
import java.lang.classfile.ClassModel;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a {@code @Concurrent} method may lock that its caller could hold, as the weaver names it for
 * the call site (decision 044): statics, fields of the receiver and of arguments, classes; the
 * call's own receiver and arguments are checked at run time without a name.
 */
@DisplayName("Weaver: the locks a callee may take, named for its call site")
class TakenLocksTest {

    private static final ClassBytesSource CLASSES = ClassBytesSource.of(TakenLocksTest.class.getClassLoader());
    private static final String OWNER = "deco/core/weave/fixtures/NamedLocks";

    private final ClassModel model = FixtureClasses.parse(NamedLocks.class);
    private final ClassModel owner = FixtureClasses.parse(NamedLocks.Owner.class);

    private List<String> names(ClassModel in, String method) {
        return FixtureClasses.uses(in, method, new CalleeSummaries(CLASSES)).locks().names();
    }

    @Test
    @DisplayName("a static's monitor, directly or through a local; a ReentrantLock's lock(); a read-write lock's write lock")
    void statics() {
        assertEquals(List.of("S " + OWNER + " MONITOR Ljava/lang/Object;"), names(model, "underStaticMonitor"));
        assertEquals(List.of("S " + OWNER + " MONITOR Ljava/lang/Object;"), names(model, "underMonitorHeldByALocal"));
        assertEquals(List.of("S " + OWNER + " LOCK Ljava/util/concurrent/locks/ReentrantLock;"),
                names(model, "underStaticLock"));
        assertEquals(List.of("S " + OWNER + " READ_WRITE Ljava/util/concurrent/locks/ReentrantReadWriteLock;"),
                names(model, "underWriteLock"), "RW.writeLock().lock() names RW");
    }

    @Test
    @DisplayName("a method called on a static (a synchronized one, a Vector's); a class's monitor, taken or by a static synchronized method")
    void callsAndClasses() {
        assertEquals(List.of("S " + OWNER + " TALLY L" + OWNER + "$Tally;"), names(model, "bySynchronizedMethodOfAStatic"));
        assertEquals(List.of("S " + OWNER + " VECTOR Ljava/util/Vector;"), names(model, "intoAStaticVector"));
        assertEquals(List.of("C " + OWNER + "$Tally"), names(model, "underClassMonitor"));
        assertEquals(List.of("C " + OWNER + "$Tally"), names(model, "byStaticSynchronizedMethod"),
                "the helper's summary names its class");
    }

    @Test
    @DisplayName("a field of the receiver, in the method or in a helper called on this; arguments are not named")
    void receiverFieldsAndArguments() {
        assertEquals(List.of("R " + OWNER + "$Owner lock Ljava/lang/Object;"), names(owner, "underFieldMonitor"));
        assertEquals(List.of("R " + OWNER + "$Owner lock Ljava/lang/Object;"), names(owner, "throughHelper"));
        assertEquals(List.of(), names(model, "underLockArgument"), "the call site checks its arguments anyway");
    }

    @Test
    @DisplayName("an element of a static array, locked directly or through a local, stands for every element")
    void staticArrayElements() {
        assertEquals(List.of("S " + OWNER + " STRIPES [Ljava/lang/Object; []"), names(model, "underItsStripe"));
        List<String> gates = names(model, "underItsGate");
        assertTrue(gates.contains("S " + OWNER + " GATES [Ljava/util/concurrent/locks/ReentrantLock; []"),
                "through the local it was stored in: " + gates);
    }

    @Test
    @DisplayName("an element of an array a field of the receiver or of an argument holds, also through a method of the argument")
    void fieldArrayElements() {
        String stripes = OWNER + "$Owner stripes [Ljava/lang/Object;";
        assertEquals(List.of("R " + stripes + " []"), names(owner, "underOwnStripe"));
        assertEquals(List.of("A 0 " + stripes + " []"), names(model, "underArgumentStripe"));
        assertEquals(List.of("A 0 " + stripes + " []"), names(model, "byAStripedMethodOfTheArgument"),
                "the method's path from R is the caller's from A 0");
    }

    @Test
    @DisplayName("a field of an argument, in the method, in a helper it passes the argument to, or in a method called on the argument")
    void argumentFields() {
        String lock = "A 0 " + OWNER + "$Owner lock Ljava/lang/Object;";
        assertEquals(List.of(lock), names(model, "underArgumentFieldMonitor"));
        assertEquals(List.of(lock), names(model, "underArgumentFieldInAHelper"), "the helper's A 1 is the caller's A 0");
        assertEquals(List.of(lock), names(model, "byAMethodOfTheArgument"), "the method's R is the caller's A 0");
        assertEquals(List.of("A 0 " + OWNER + "$Owner gate Ljava/util/concurrent/locks/ReentrantLock;"),
                names(model, "underArgumentFieldLock"));
    }

    @Test
    @DisplayName("paths of several steps: an argument array's elements, a field of a field, a shard through a local, a static array given to a helper")
    void paths() {
        String shard = OWNER + "$Shard";
        assertEquals(List.of("A 0 []"), names(model, "underArgumentArrayElement"));
        assertEquals(List.of("R " + OWNER + "$Owner state L" + shard + "; " + shard + " lock Ljava/lang/Object;"),
                names(owner, "underFieldOfAField"));
        assertEquals(List.of("A 0 " + OWNER + "$Owner state L" + shard + "; " + shard
                + " gate Ljava/util/concurrent/locks/ReentrantLock;"), names(model, "underArgumentFieldOfAField"));
        assertEquals(List.of("A 0 " + OWNER + "$Owner shards [L" + shard + "; [] " + shard
                + " gate Ljava/util/concurrent/locks/ReentrantLock;"), names(model, "underShardGateThroughALocal"));
        assertEquals(List.of("S " + OWNER + " STRIPES [Ljava/lang/Object; []"), names(model, "byAHelperGivenAStaticArray"),
                "the helper's A 0 [] is the caller's static");
    }

    @Test
    @DisplayName("what a lambda captured, by the path it had here; what a JDK method reference is bound to")
    void capturedByLambdas() {
        assertEquals(List.of("R " + OWNER + "$Owner lock Ljava/lang/Object;"), names(owner, "underCapturedLock"));
        assertEquals(List.of("S " + OWNER + " VECTOR Ljava/util/Vector;"), names(model, "intoAStaticVectorByReference"));
    }

    @Test
    @DisplayName("a method called on an element that locks nothing of it names nothing: the call stays parallel")
    void methodsThatLockNothing() {
        assertEquals(List.of(), names(model, "byMethodsOfElementsThatLockNothing"), "Owner is final: no override");
    }

    @Test
    @DisplayName("a method an override may replace at run time counts as locking its receiver, whatever its own code does")
    void overridableMethods() {
        assertEquals(List.of("S " + OWNER + " COUNTER L" + OWNER + "$Counter;"), names(model, "byASynchronizedOverride"));
    }

    @Test
    @DisplayName("an object the weaver cannot name is an unnamed monitor (M) or, for a java.util.concurrent.locks lock, an unnamed lock (U)")
    void unnamedLocks() {
        assertEquals(List.of("M"), names(model, "underACallsResult"), "synchronized (stripeFor(i))");
        assertEquals(List.of("U"), names(model, "underALockACallReturned"), "gateFor(i) kept in a local, then lock()");
        assertEquals(List.of("M"), names(model, "underAMergedValue"), "i % 2 == 0 ? STRIPES[0] : MONITOR");
        assertEquals(List.of("M"), names(model, "underAGettersResult"), "owner.lockOf()");
    }

    @Test
    @DisplayName("objects the method made, a JDK static method made, or that never lock themselves name nothing")
    void freshObjectsAndStreams() {
        assertEquals(List.of(), names(model, "byFreshObjectsAndStreams"));
    }

    @Test
    @DisplayName("a method keeps a lock when it takes one that no unlock() of it releases by path, or calls a method that keeps one")
    void keptLocks() {
        ClassModel own = FixtureClasses.parse(OwnLocks.class);
        CalleeSummaries summaries = new CalleeSummaries(CLASSES);
        assertTrue(FixtureClasses.uses(own, "acquire", summaries).locks().keepsLocks(), "lockFor(key).lock(): no path to release");
        assertTrue(FixtureClasses.uses(own, "takeStatic", summaries).locks().keepsLocks(), "LOCK.lock() without unlock()");
        assertTrue(FixtureClasses.uses(own, "takeThroughAHelper", summaries).locks().keepsLocks(), "through acquire's summary");
        assertFalse(FixtureClasses.uses(own, "release", summaries).locks().keepsLocks());
        assertFalse(FixtureClasses.uses(own, "next", summaries).locks().keepsLocks(), "a local's lock(), unlock() in finally");
        assertFalse(FixtureClasses.uses(own, "gatedNextUnderStatic", summaries).locks().keepsLocks());
        assertFalse(FixtureClasses.uses(own, "underWriteLock", summaries).locks().keepsLocks(), "RW.writeLock() both times");
        assertFalse(FixtureClasses.uses(model, "underStaticMonitor", summaries).locks().keepsLocks(), "a monitor never outlives its method");
    }
}
