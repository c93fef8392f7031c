package deco.memory.store;

import deco.memory.DiskFormatException;
import deco.memory.JvmSetupException;
import deco.memory.jvm.JvmSetup;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * One message per real cause. Chronicle and the file system report a full disk, too many open
 * files, a lock held by a live process or a JVM without Chronicle's flags in many shapes; this
 * names the cause and what to do, and says "damaged" only when a file is.
 */
final class StorageErrors {

    private StorageErrors() {
    }

    /**
     * Loads the classes of the error paths now: a process that has run out of file descriptors
     * cannot open a class file any more, and would get {@code NoClassDefFoundError} instead of the
     * message. Called when {@link OpenStores} is initialised.
     */
    static void preload() {
        List.of(Unclassified.class, DiskFormatException.class, UncheckedIOException.class,
                java.nio.channels.OverlappingFileLockException.class);
    }

    /**
     * @param what what was being done, naming the file
     * @param e    the failure
     * @return an unchecked exception naming the cause
     */
    static RuntimeException io(String what, IOException e) {
        return classify(what, e, false);
    }

    /**
     * Classifies a failure to open or create a part file.
     *
     * @param what "open", "create" or "recover"
     * @param file the part file
     * @param e    the failure (IOException, RuntimeException or Error from Chronicle)
     * @return the exception to throw
     */
    static RuntimeException partFile(String what, File file, Throwable e) {
        return classify("cannot " + what + " " + file, e, true);
    }

    /**
     * Classifies a failure of an entry operation or a split.
     *
     * @param what what was being done
     * @param e    the failure
     * @return the exception to throw, or {@code e} itself if it needs no other name
     */
    static RuntimeException operation(String what, RuntimeException e) {
        RuntimeException classified = classify(what, e, false);
        return classified instanceof Unclassified ? e : classified;
    }

    private static RuntimeException classify(String what, Throwable e, boolean damageIsLikely) {
        String all = messages(e).toLowerCase(Locale.ROOT);
        if (all.contains("no space left") || all.contains("not enough space") || all.contains("disk quota")
                || all.contains("fallocate")) {
            return new UncheckedIOException(what + ": the disk is full (" + firstLine(e) + ")",
                    e instanceof IOException io ? io : new IOException(e));
        }
        if (all.contains("too many open files")) {
            return new UncheckedIOException(what + ": this process has too many open files; raise its limit"
                    + " (ulimit -n) or close collections you no longer use", e instanceof IOException io ? io
                    : new IOException(e));
        }
        if (all.contains("failed to acquire the lock") || all.contains("unable to acquire")
                || e instanceof java.nio.channels.OverlappingFileLockException) {
            return new IllegalStateException(what + ": a lock inside the file is held by another process; if that"
                    + " process was killed while writing, close the collection in every process and reopen it"
                    + " (the first to open recovers the lock)", e);
        }
        if (e instanceof NoClassDefFoundError || e instanceof ExceptionInInitializerError
                || e instanceof IllegalAccessError || e instanceof java.lang.reflect.InaccessibleObjectException
                || all.contains("module") && all.contains("does not")
                || all.contains("class file for") || all.contains("compilation failed")) {
            String otherChronicle = ChronicleValueClasses.supplied() == ChronicleValueClasses.Outcome.OTHER_CHRONICLE
                    ? "; this Chronicle is not the version deco was built and tested with, so Chronicle compiles its"
                    + " header class at run time, which needs its jars on java.class.path: use the versions of"
                    + " io.github.deco4j:deco-bom"
                    : "";
            return new JvmSetupException(what + ": the JVM is not set up for Chronicle Map (" + firstLine(e) + ")"
                    + otherChronicle + "; see " + JvmSetup.GUIDE, e);
        }
        if (damageIsLikely) {
            return new DiskFormatException(what + ": the file is damaged or not deco's (" + firstLine(e) + ")", e);
        }
        if (e instanceof IOException io) {
            return new UncheckedIOException(what + ": " + firstLine(e), io);
        }
        return new Unclassified(e);
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
            if (t.getCause() == t) {
                break;
            }
        }
        return all.toString();
    }

    private static String firstLine(Throwable e) {
        while (e.getMessage() == null && e.getCause() != null && e.getCause() != e) {
            e = e.getCause(); // ExceptionInInitializerError and friends: the cause says what happened
        }
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }

    /** Marks a failure that needs no other name. */
    private static final class Unclassified extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unclassified(Throwable cause) {
            super(cause);
        }
    }
}
