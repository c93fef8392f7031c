package deco.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import deco.core.engine.TaskHandle;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Failures: which exception an event throws")
class FailuresTest {

    record Handle(Outcome outcome, Throwable failure) implements TaskHandle<Object> {
        @Override
        public Object result() {
            return null;
        }
    }

    @Test
    @DisplayName("the first failure in call order wins; later failures are suppressed; cancelled tasks are not failures")
    void firstInCallOrder() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second");
        Throwable chosen = Failures.firstInCallOrder(List.of(
                new Handle(TaskHandle.Outcome.SUCCEEDED, null),
                new Handle(TaskHandle.Outcome.CANCELLED, null),
                new Handle(TaskHandle.Outcome.FAILED, first),
                new Handle(TaskHandle.Outcome.FAILED, second)));
        assertSame(first, chosen);
        assertArrayEquals(new Throwable[] {second}, first.getSuppressed());
        assertNull(Failures.firstInCallOrder(List.of(new Handle(TaskHandle.Outcome.SUCCEEDED, null))));
    }

    /** A later task counted as cancelled because an earlier one failed after it ran: what it threw is kept. */
    record CancelledAfterThrowing(Throwable thrown) implements TaskHandle<Object> {
        @Override
        public Outcome outcome() {
            return Outcome.CANCELLED;
        }

        @Override
        public Object result() {
            return null;
        }

        @Override
        public Throwable failure() {
            throw new IllegalStateException("cancelled");
        }
    }

    @Test
    @DisplayName("a class's initializer failing in a later call, which reached the class first, is the serial failure"
            + " of the earlier call that found the class uninitializable (decision 068)")
    void initializerFailureReachedFirstByALaterCall() {
        NoClassDefFoundError uninitializable = new NoClassDefFoundError("Could not initialize class app.Table");
        IllegalStateException inInitializer = new IllegalStateException("no rows");
        inInitializer.setStackTrace(new StackTraceElement[] {new StackTraceElement("app.Table", "<clinit>", "Table.java", 7)});
        ExceptionInInitializerError initializerFailed = new ExceptionInInitializerError(inInitializer);
        Throwable chosen = Failures.firstInCallOrder(List.of(
                new Handle(TaskHandle.Outcome.FAILED, uninitializable),
                new CancelledAfterThrowing(initializerFailed)));
        assertSame(initializerFailed, chosen);
        assertArrayEquals(new Throwable[] {uninitializable}, initializerFailed.getSuppressed());

        ExceptionInInitializerError otherClass = new ExceptionInInitializerError(new IllegalStateException("elsewhere"));
        NoClassDefFoundError alone = new NoClassDefFoundError("Could not initialize class app.Table");
        assertSame(alone, Failures.firstInCallOrder(List.of(
                new Handle(TaskHandle.Outcome.FAILED, alone), new CancelledAfterThrowing(otherClass))),
                "an initializer failure of another class is not this one's first use");
    }

    @Test
    @DisplayName("unchecked as they are, errors thrown, checked wrapped in ConcurrentException")
    void propagate() {
        IllegalStateException unchecked = new IllegalStateException();
        assertSame(unchecked, Failures.propagate(unchecked));
        OutOfMemoryError error = new OutOfMemoryError();
        assertSame(error, assertThrows(OutOfMemoryError.class, () -> Failures.propagate(error)));
        IOException checked = new IOException();
        assertSame(checked, assertInstanceOf(ConcurrentException.class, Failures.propagate(checked)).getCause());
    }
}
