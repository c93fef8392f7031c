package deco.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A Sync's tasks and the owner's {@code ScopedValue} bindings (decision 040): bound outside the
 * Sync, the structured engine's tasks see them and the virtual-thread engine's do not; bound per
 * call, the structured engine refuses loudly and never hangs, and no event stores anything it
 * should not. Each case runs with a bounded wait, so a hang fails the test.
 */
@DisplayName("Sync and ScopedValue bindings: bind outside the Sync; per-call bindings are refused, never hang, store nothing")
class SyncBindingsTest {

    private static final ScopedValue<String> USER = ScopedValue.newInstance();
    private static final Duration BOUND = Duration.ofSeconds(Bounded.SECONDS);
    private static final boolean STRUCTURED = Deco.engine().equals("structured");
    private static final Callable<String> READ_USER = () -> USER.isBound() ? USER.get() : "unbound";

    @Test
    @DisplayName("bound outside the Sync: every task sees the binding on the structured engine, none on the virtual-thread engine")
    void boundOutsideTheSync() {
        String[] out = assertTimeoutPreemptively(BOUND, () -> ScopedValue.where(USER, "alice").call(() -> {
            String[] results = new String[3];
            try (Sync sync = Deco.synchronize()) {
                for (int i = 0; i < results.length; i++) {
                    sync.set(results, i, READ_USER);
                }
            }
            return results;
        }));
        String expected = STRUCTURED ? "alice" : "unbound";
        assertArrayEquals(new String[] {expected, expected, expected}, out);
    }

    @Test
    @DisplayName("bound per call: on the structured engine the JDK refuses as the first binding ends, and the calls made so far are stored")
    void boundPerCall() {
        String[] out = new String[3];
        RuntimeException thrown = assertTimeoutPreemptively(BOUND, () -> {
            try (Sync sync = Deco.synchronize()) {
                for (int i = 0; i < out.length; i++) {
                    int index = i;
                    ScopedValue.where(USER, "u" + i).run(() -> sync.set(out, index, READ_USER));
                }
            } catch (RuntimeException e) {
                return e;
            }
            return null;
        });
        if (STRUCTURED) {
            // the event's scope was opened in the first binding; the JDK closed it as that ended
            assertEquals("java.util.concurrent.StructureViolationException", thrown.getClass().getName());
            assertArrayEquals(new String[] {"u0", null, null}, out);
        } else {
            assertEquals(null, thrown);
            assertArrayEquals(new String[] {"unbound", "unbound", "unbound"}, out);
        }
    }

    @Test
    @DisplayName("bound per call, the JDK's refusal caught: the event fails with deco's refusal, stores nothing, and the Sync goes on")
    void boundPerCallRefusalCaught() {
        String[] out = new String[3];
        RuntimeException failure = assertTimeoutPreemptively(BOUND, () -> {
            try (Sync sync = Deco.synchronize()) {
                for (int i = 0; i < out.length; i++) {
                    int index = i;
                    try {
                        ScopedValue.where(USER, "u" + i).run(() -> sync.set(out, index, READ_USER));
                    } catch (RuntimeException jdkRefusal) {
                        assertEquals("java.util.concurrent.StructureViolationException", jdkRefusal.getClass().getName());
                    }
                }
                RuntimeException atEvent = null;
                try {
                    sync.sync();
                } catch (RuntimeException e) {
                    atEvent = e;
                }
                sync.set(out, 0, () -> "next event");
                return atEvent;
            }
        });
        if (STRUCTURED) {
            IllegalStateException refused = assertInstanceOf(IllegalStateException.class, failure);
            assertTrue(refused.getMessage().contains("040-scoped-value-bindings"), refused.getMessage());
            assertArrayEquals(new String[] {"next event", null, null}, out, "the failed event stored nothing");
        } else {
            assertEquals(null, failure);
            assertArrayEquals(new String[] {"next event", "unbound", "unbound"}, out);
        }
    }

    @Test
    @DisplayName("an event synchronized inside a binding entered after it began completes and leaves the binding as it was")
    void syncInsideLaterBinding() {
        String[] out = new String[2];
        String[] seenAfterSync = new String[1];
        assertTimeoutPreemptively(BOUND, () -> {
            try (Sync sync = Deco.synchronize()) {
                sync.set(out, 0, () -> "zero");
                sync.set(out, 1, () -> "one");
                ScopedValue.where(USER, "frank").run(() -> {
                    sync.sync();
                    seenAfterSync[0] = USER.get();
                });
            }
        });
        assertArrayEquals(new String[] {"zero", "one"}, out);
        assertEquals("frank", seenAfterSync[0]);
    }
}
