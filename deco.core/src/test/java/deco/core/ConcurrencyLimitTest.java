package deco.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ConcurrencyLimit")
class ConcurrencyLimitTest {

    static final class Methods {
        @Concurrent
        static int unlimited(int x) {
            return x;
        }

        @Concurrent(parallelism = 3)
        static int three(long x, double y) {
            return 0;
        }

        @Concurrent(parallelism = -1)
        static int negative() {
            return 0;
        }

        static int plain() {
            return 0;
        }
    }

    @Test
    @DisplayName("reads @Concurrent(parallelism) and returns one instance per method")
    void readsAnnotation() throws Exception {
        assertSame(ConcurrencyLimit.unlimited(), ConcurrencyLimit.forMethod(Methods.class, "unlimited", int.class));
        ConcurrencyLimit three = ConcurrencyLimit.forMethod(Methods.class, "three", long.class, double.class);
        assertEquals(3, three.maxConcurrent());
        assertSame(three, ConcurrencyLimit.of(Methods.class.getDeclaredMethod("three", long.class, double.class)));
    }

    @Test
    @DisplayName("unlimited wraps nothing; a cap of n wraps")
    void wrapping() throws Exception {
        Callable<Integer> task = () -> 1;
        assertSame(task, ConcurrencyLimit.unlimited().wrap(task));
        assertEquals(1, ConcurrencyLimit.of(1).wrap(task).call());
        assertEquals("ConcurrencyLimit[1]", ConcurrencyLimit.of(1).toString());
    }

    @Test
    @DisplayName("bad input: no such method, not @Concurrent, negative parallelism, bad cap, nulls")
    void badInput() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ConcurrencyLimit.forMethod(Methods.class, "nope", int.class));
        assertTrue(missing.getMessage().contains("nope(int)"), missing.getMessage());
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> ConcurrencyLimit.forMethod(Methods.class, "plain"));
        assertTrue(plain.getMessage().contains("not annotated @Concurrent"), plain.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> ConcurrencyLimit.forMethod(Methods.class, "negative"));
        assertTrue(negative.getMessage().contains("parallelism = -1"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.of(0));
        assertThrows(NullPointerException.class, () -> ConcurrencyLimit.of(null));
        assertThrows(NullPointerException.class, () -> ConcurrencyLimit.of(2).wrap(null));
    }
}
