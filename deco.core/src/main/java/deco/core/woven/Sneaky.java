package deco.core.woven;

/**
 * Rethrows a deferred call's exception as it is, checked or not: the woven program declares or
 * handles it exactly where the serial program did (the enclosing method), since deco refuses to
 * weave calls inside try blocks.
 */
final class Sneaky {

    private Sneaky() {
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }
}
