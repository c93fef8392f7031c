package deco.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which failure is a class's first use when its static initializer failed (decision 068): the
 * initializer's own failure, not a later use's {@code NoClassDefFoundError}.
 */
@DisplayName("Initializer failures: the first use of a class whose static initializer threw")
class InitializerFailuresTest {

    private static final NoClassDefFoundError UNINITIALIZABLE =
            new NoClassDefFoundError("Could not initialize class app.Table");

    @Test
    @DisplayName("a NoClassDefFoundError names the class it could not initialize; other failures name none")
    void uninitializedClass() {
        assertEquals("app.Table", InitializerFailures.uninitializedClass(UNINITIALIZABLE));
        assertNull(InitializerFailures.uninitializedClass(new NoClassDefFoundError("app/Missing")));
        assertNull(InitializerFailures.uninitializedClass(new IllegalStateException("Could not initialize class app.Table")));
    }

    @Test
    @DisplayName("the class's ExceptionInInitializerError, or an Error its initializer threw, is the first use")
    void initializerFailuresOfTheClass() {
        ExceptionInInitializerError wrapped = new ExceptionInInitializerError(thrownIn("app.Table", new IllegalStateException()));
        assertSame(wrapped, InitializerFailures.firstUse(UNINITIALIZABLE, wrapped));
        Error direct = thrownIn("app.Table", new StackOverflowError());
        assertSame(direct, InitializerFailures.firstUse(UNINITIALIZABLE, direct), "an Error is rethrown as it is");
    }

    @Test
    @DisplayName("another class's initializer failure, a failure that is no error, or another first failure change nothing")
    void otherFailures() {
        ExceptionInInitializerError other = new ExceptionInInitializerError(thrownIn("app.Other", new IllegalStateException()));
        assertSame(UNINITIALIZABLE, InitializerFailures.firstUse(UNINITIALIZABLE, other));
        RuntimeException notAnError = thrownIn("app.Table", new IllegalStateException());
        assertSame(UNINITIALIZABLE, InitializerFailures.firstUse(UNINITIALIZABLE, notAnError));
        IllegalStateException first = new IllegalStateException("a call's own failure");
        ExceptionInInitializerError table = new ExceptionInInitializerError(thrownIn("app.Table", new IllegalStateException()));
        assertSame(first, InitializerFailures.firstUse(first, table));
        assertSame(UNINITIALIZABLE, InitializerFailures.firstUse(UNINITIALIZABLE, null));
    }

    private static <T extends Throwable> T thrownIn(String className, T thrown) {
        thrown.setStackTrace(new StackTraceElement[] {new StackTraceElement(className, "<clinit>", "Source.java", 3)});
        return thrown;
    }
}
