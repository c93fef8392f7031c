package deco.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose calls of {@link Concurrent} methods run concurrently once the class is
 * woven.
 *
 * <p>The woven method behaves like a {@code try (Sync sync = Deco.synchronize()) { ... }} around
 * its body: concurrent calls are forked, their stores are deferred, and a synchronization event
 * happens before every return and every exceptional exit, and before any read of a variable a
 * pending store writes into. Without weaving the annotation does nothing: the method is the
 * serial program.
 *
 * @see Concurrent
 * @see Sync
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Synchronized {
}
