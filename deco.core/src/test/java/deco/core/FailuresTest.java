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
