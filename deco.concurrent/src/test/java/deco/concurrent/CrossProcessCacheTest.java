package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache journal shared live by two JVMs. */
@DisplayName("Cache: a journal shared with another JVM")
class CrossProcessCacheTest {

    @TempDir
    Path temp;

    /** How often {@link #fib} ran in this JVM. */
    private static final AtomicInteger CALLS = new AtomicInteger();

    /** The function both JVMs cache: the same code, so the same version of it. */
    static BigInteger fib(Cache<Integer, BigInteger> self, Integer n) {
        CALLS.incrementAndGet();
        return n < 2 ? BigInteger.ONE : self.get(n - 1).add(self.get(n - 2));
    }

    /** The other JVM: computes fib(0..100) into the journal, then exits. */
    static final class Computer {
        public static void main(String[] args) {
            try (Cache<Integer, BigInteger> fib = Cache.builder(CrossProcessCacheTest::fib).journal(Path.of(args[0]))
                    .build()) {
                System.out.println(fib.get(100));
            }
        }
    }

    @Test
    @DisplayName("a cache open in this JVM picks up results another JVM journals meanwhile, without recomputing")
    void sharedJournal() throws Exception {
        Path journal = temp.resolve("journal");
        CALLS.set(0);
        try (Cache<Integer, BigInteger> fib = Cache.builder(CrossProcessCacheTest::fib).journal(journal).build()) {
            assertEquals(0, fib.size());
            Process computer = ChildJvm.builder(Computer.class, journal.toString()).redirectErrorStream(true)
                    .redirectOutput(temp.resolve("computer.log").toFile()).start();
            assertTrue(computer.waitFor(60, TimeUnit.SECONDS), "the other JVM finished");
            assertEquals(0, computer.exitValue(), Files.readString(temp.resolve("computer.log")));

            assertEquals(new BigInteger("573147844013817084101"), fib.get(100));
            assertEquals(new BigInteger("354224848179261915075"), fib.get(99));
            assertEquals(0, CALLS.get(), "nothing recomputed here");
            assertEquals(101, fib.size());
        }
    }
}
