package deco.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What each engine does with the owner's {@code ScopedValue} bindings (decision 040). On the
 * StructuredTaskScope engine a batch's tasks run under the bindings its scope was opened with, and
 * a task that cannot — forked under other bindings, or after the JDK closed the scope with the
 * binding it was opened in — fails at its place in fork order; nothing waits for a thread that
 * never starts. The virtual-thread engine passes no bindings on. Each case runs on a thread of its
 * own with a bounded wait, so a hang fails the test.
 */
@DisplayName("Engines and ScopedValue bindings: tasks see the batch's bindings or none, and a fork that cannot run fails, never hangs")
class ScopedValueBindingsTest {

    private static final ScopedValue<String> USER = ScopedValue.newInstance();
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final boolean STRUCTURED = Engine.current().name().equals("structured");
    /** Only the runners the parallelism allows: each fork that needs a runner starts one. */
    private static final boolean NO_SPARES = false;

    private static String user() {
        return USER.isBound() ? USER.get() : "unbound";
    }

    @Test
    @DisplayName("tasks see the bindings their batch was opened under on the structured engine, none on the virtual-thread engine")
    void tasksSeeTheBatchBindings() {
        TaskHandle<String> seen = assertTimeoutPreemptively(BOUND, () -> ScopedValue.where(USER, "alice").call(() -> {
            try (Batch batch = Engine.current().open("bindings", null)) {
                TaskHandle<String> handle = batch.fork(ScopedValueBindingsTest::user);
                batch.join();
                return handle;
            }
        }));
        assertEquals(TaskHandle.Outcome.SUCCEEDED, seen.outcome());
        assertEquals(STRUCTURED ? "alice" : "unbound", seen.result());
    }

    @Test
    @DisplayName("a fork under a binding entered after the batch opened fails there on the structured engine: earlier tasks run, later ones are cancelled")
    void forkUnderLaterBinding() {
        CountDownLatch release = new CountDownLatch(1);
        TaskHandle<?>[] handles = assertTimeoutPreemptively(BOUND, () -> {
            try (Batch batch = RunnerBatch.open(Engine.current().runnerThreads("bindings"), null, 2, NO_SPARES)) {
                TaskHandle<String> first = batch.fork(() -> {
                    awaitOrFail(release);
                    return "first";
                });
                // one runner is busy with the first task: this fork starts the second
                TaskHandle<String> second = ScopedValue.where(USER, "bob").call(() -> batch.fork(ScopedValueBindingsTest::user));
                TaskHandle<String> third = batch.fork(() -> "third");
                release.countDown();
                batch.join();
                return new TaskHandle<?>[] {first, second, third};
            }
        });
        assertEquals(TaskHandle.Outcome.SUCCEEDED, handles[0].outcome());
        assertEquals("first", handles[0].result());
        if (STRUCTURED) {
            assertEquals(TaskHandle.Outcome.FAILED, handles[1].outcome());
            ForkRefusedException refused = assertInstanceOf(ForkRefusedException.class, handles[1].failure());
            assertTrue(refused.getMessage().contains("other ScopedValue bindings"), refused.getMessage());
            assertTrue(refused.getMessage().contains("040-scoped-value-bindings"), refused.getMessage());
            assertStructureViolation(refused.getCause());
            assertEquals(TaskHandle.Outcome.CANCELLED, handles[2].outcome());
        } else {
            assertEquals("unbound", handles[1].result()); // no engine without preview can pass bindings on
            assertEquals("third", handles[2].result());
        }
    }

    @Test
    @DisplayName("after the binding a batch was opened in ends, a fork fails instead of waiting for a runner that never starts")
    void forkAfterTheOpeningBindingEnded() {
        AtomicReference<Throwable> bindingEnd = new AtomicReference<>();
        TaskHandle<?>[] handles = assertTimeoutPreemptively(BOUND, () -> {
            AtomicReference<Batch> opened = new AtomicReference<>();
            AtomicReference<TaskHandle<String>> first = new AtomicReference<>();
            try {
                ScopedValue.where(USER, "carol").run(() -> {
                    Batch batch = Engine.current().open("bindings", null);
                    opened.set(batch);
                    first.set(batch.fork(ScopedValueBindingsTest::user));
                });
            } catch (RuntimeException jdkClosedTheScope) {
                assertStructureViolation(jdkClosedTheScope);
                bindingEnd.set(jdkClosedTheScope);
            }
            try (Batch batch = opened.get()) {
                TaskHandle<String> second = batch.fork(() -> "second");
                TaskHandle<String> third = batch.fork(() -> "third");
                batch.join();
                return new TaskHandle<?>[] {first.get(), second, third};
            }
        });
        if (STRUCTURED) {
            assertNotNull(bindingEnd.get(), "the JDK closes a scope left open when its binding ends, and says so");
            // the JDK waited for the scope's threads: the first task ran, under the binding
            assertEquals("carol", handles[0].result());
            assertEquals(TaskHandle.Outcome.FAILED, handles[1].outcome());
            ForkRefusedException refused = assertInstanceOf(ForkRefusedException.class, handles[1].failure());
            assertTrue(refused.getMessage().contains("040-scoped-value-bindings"), refused.getMessage());
            assertEquals(TaskHandle.Outcome.CANCELLED, handles[2].outcome());
        } else {
            assertEquals(null, bindingEnd.get());
            assertEquals("unbound", handles[0].result());
            assertEquals("second", handles[1].result());
            assertEquals("third", handles[2].result());
        }
    }

    @Test
    @DisplayName("closing a batch inside a binding entered after it opened waits for its tasks, keeps their outcomes and leaves the binding as it was")
    void closeInsideLaterBinding() {
        String[] seenAfterClose = new String[1];
        TaskHandle<?> handle = assertTimeoutPreemptively(BOUND, () -> {
            Batch batch = Engine.current().open("bindings", null);
            TaskHandle<String> only = batch.fork(() -> "done");
            batch.join();
            ScopedValue.where(USER, "dave").run(() -> {
                batch.close(); // the JDK's complaint about the structure is not the caller's failure
                seenAfterClose[0] = USER.get();
            });
            return only;
        });
        assertEquals("dave", seenAfterClose[0]);
        assertEquals("done", handle.result());
    }

    /** The JDK's StructureViolationException, a preview API that the tests are not compiled with. */
    private static void assertStructureViolation(Throwable thrown) {
        assertNotNull(thrown);
        assertEquals("java.util.concurrent.StructureViolationException", thrown.getClass().getName(), thrown::toString);
    }

    private static void awaitOrFail(CountDownLatch latch) {
        try {
            if (!latch.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                fail("timed out waiting for the release");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted waiting for the release");
        }
    }
}
