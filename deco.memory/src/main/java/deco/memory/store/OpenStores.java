package deco.memory.store;

import deco.memory.DiskFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import deco.memory.io.MappedCounter;

/**
 * Opens collections: one {@link HashedStore} per directory in this JVM, shared by every instance
 * (so two components of one application never fight over file locks), created under the
 * directory's {@link StoreLock}. The first process to open a directory that no other process has
 * open recovers it: it undoes a split a killed process left, opens every part with Chronicle Map's
 * recovery (entry checksums verified), deletes retired parts, and migrates a deco 0.1 directory.
 * Damage found then is recorded in {@code damaged.txt}, and every later open refuses the
 * collection until it is salvaged ({@code DiskDict.recover}).
 */
public final class OpenStores {

    /** A file whose presence marks a collection found damaged; it holds the report. */
    public static final String DAMAGED = "damaged.txt";

    /** A file of what recovery after a crash removed: entries being written when a process was killed. */
    public static final String RECOVERED = "recovered.txt";
    private static final String SESSIONS = "sessions";
    private static final long SESSIONS_MAGIC = 0x6465636f53455353L; // "decoSESS"

    /** One directory open in this JVM: the shared store, how many handles hold it, its session counter. */
    private static final class Opened {
        final HashedStore store;
        final MappedCounter sessions;
        int users = 1;

        Opened(HashedStore store, MappedCounter sessions) {
            this.store = store;
            this.sessions = sessions;
        }
    }

    private static final Map<Path, Opened> OPEN = new HashMap<>();
    private static final SecureRandom IDS = new SecureRandom();

    static {
        StorageErrors.preload();
    }

    private OpenStores() {
    }

    /**
     * Creates or reopens the collection in {@code directory}.
     *
     * @param directory  the directory (created if missing)
     * @param requested  what the caller expects; written if the collection is new
     * @param keyClass   the stored key class
     * @param valueClass the stored value class
     * @param readOnly   open an existing collection only: create nothing
     * @param whenAlone  run under the structure lock, after Chronicle's recovery, when this process
     *                   is the only one with the collection open (nobody else can be writing): it
     *                   finishes what a killed process left half done above the entries
     * @return a handle on the shared store
     * @throws deco.memory.JvmSetupException if a Chronicle jar or JVM flag is missing
     * @throws DiskFormatException      if the path is not a deco collection or is damaged
     * @throws IllegalArgumentException if it holds other types than requested (nothing changed)
     * @throws java.io.UncheckedIOException if the directory cannot be created or written
     */
    public static StoreHandle open(Path directory, Manifest requested, Class<?> keyClass, Class<?> valueClass,
                                   boolean readOnly, java.util.function.Consumer<HashedStore> whenAlone) {
        ChronicleValueClasses.prepareJvm();
        Path dir = directory.toAbsolutePath().normalize();
        String what = requested.format().substring("deco.".length());
        if (Files.isRegularFile(dir)) {
            throw new DiskFormatException(dir + " is a file, not a deco " + requested.format() + " directory");
        }
        if (readOnly && !Files.isRegularFile(dir.resolve(Manifest.FILE))) {
            throw new DiskFormatException(dir + " holds no deco " + requested.format() + " to open read-only");
        }
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(Manifest.FILE))) {
            refuseForeignFiles(dir, requested); // before any file of ours is made there
        }
        synchronized (OPEN) {
            Opened shared = OPEN.get(dir);
            if (shared != null) {
                shared.store.manifest().checkCompatible(requested, dir);
                shared.users++;
                return new StoreHandle(shared.store, what);
            }
            createDirectory(dir);
            StoreLock lock = new StoreLock(dir);
            Opened opened;
            try (StoreLock.Held ignored = lock.lockStructure()) {
                boolean alone = lock.join();
                MappedCounter sessions = null;
                try {
                    sessions = MappedCounter.open(dir.resolve(SESSIONS), SESSIONS_MAGIC, 0);
                    long counts = sessions.get();
                    boolean clean = counts >>> 32 == (counts & 0xffffffffL);
                    HashedStore store = openLocked(dir, requested, keyClass, valueClass, lock, alone, clean,
                            whenAlone);
                    sessions.set(alone ? 1L << 32 : counts + (1L << 32));
                    sessions.force();
                    opened = new Opened(store, sessions);
                } catch (RuntimeException | Error e) {
                    if (sessions != null) {
                        sessions.close();
                    }
                    lock.leave();
                    throw e;
                }
            }
            OPEN.put(dir, opened);
            return new StoreHandle(opened.store, what);
        }
    }

    private static HashedStore openLocked(Path dir, Manifest requested, Class<?> keyClass, Class<?> valueClass,
                                          StoreLock lock, boolean alone, boolean clean,
                                          java.util.function.Consumer<HashedStore> whenAlone) {
        refuseIfDamaged(dir);
        Manifest manifest = manifest(dir, requested, keyClass, valueClass);
        if (manifest.version() == 1) {
            if (!alone) {
                throw new IllegalStateException(dir + " was written by deco 0.1 and is open in another process;"
                        + " close it there so that this version can convert it (once)");
            }
            manifest = LegacyParts.migrate(dir, manifest, IDS.nextLong() >>> 1, lock, keyClass, valueClass);
        }
        Layout layout = Layout.open(dir.resolve(Layout.FILE), manifest.id());
        PartFiles files = new PartFiles(dir, manifest, keyClass, valueClass);
        HashedStore store = new HashedStore(dir, manifest, lock, layout, files, keyClass, valueClass);
        try {
            store.parts().checkFiles();
            if (alone) {
                PartId interrupted = layout.splitting();
                if (interrupted != null) {
                    store.splitter().abortSplit(interrupted);
                }
                store.parts().deleteRetired();
                LegacyParts.deleteLeftovers(dir);
                RecoveryReport report = store.parts().recoverLive();
                if (!report.damages().isEmpty()) {
                    if (clean) {
                        markDamaged(dir, report.damages());
                    } else {
                        logRecovered(dir, report.damages());
                    }
                }
                whenAlone.accept(store);
            }
            return store;
        } catch (RuntimeException | Error e) {
            store.closeFiles();
            throw e;
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new AccessDeniedException(dir.toString());
            }
        } catch (IOException e) {
            throw StorageErrors.io("cannot create or write " + dir, e);
        }
    }

    private static Manifest manifest(Path dir, Manifest requested, Class<?> keyClass, Class<?> valueClass) {
        if (Files.exists(dir.resolve(Manifest.FILE))) {
            Manifest stored = Manifest.read(dir);
            stored.checkCompatible(requested, dir);
            return stored;
        }
        refuseForeignFiles(dir, requested);
        try {
            Files.deleteIfExists(dir.resolve(Layout.FILE)); // a creation that died before its manifest
        } catch (IOException e) {
            throw StorageErrors.io("cannot clean " + dir, e);
        }
        Manifest created = requested.withId(IDS.nextLong() >>> 1);
        Layout.create(dir.resolve(Layout.FILE), created.id());
        new PartFiles(dir, created, keyClass, valueClass).create(new PartId(0, 0)).close();
        created.write(dir); // the commit point: a collection exists once its manifest does
        return created;
    }

    /** A directory without a manifest may hold only files a creation of ours leaves before its manifest. */
    private static void refuseForeignFiles(Path dir, Manifest requested) {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> foreign = files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(StoreLock.LOCK) && !name.equals(StoreLock.USERS)
                            && !name.startsWith(Layout.FILE) && !name.startsWith(SESSIONS)
                            && !name.startsWith("part-"))
                    .toList();
            if (!foreign.isEmpty()) {
                throw new DiskFormatException(dir + " is not a deco " + requested.format() + ": it has no "
                        + Manifest.FILE + " but holds " + foreign);
            }
        } catch (IOException e) {
            throw StorageErrors.io("cannot list " + dir, e);
        }
    }

    private static void refuseIfDamaged(Path dir) {
        Path marker = dir.resolve(DAMAGED);
        if (Files.exists(marker)) {
            String report;
            try {
                report = Files.readString(marker, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                report = "(" + marker + " cannot be read: " + e + ")";
            }
            throw new DiskFormatException(dir + " was found damaged and is not opened: " + report
                    + "\nSalvage the intact entries with DiskDict.recover (or DiskList.recover) into a new"
                    + " directory; see docs/format.md");
        }
    }

    private static void markDamaged(Path dir, List<String> damages) {
        String report = "Chronicle Map's recovery reported " + damages.size() + " damaged place(s): "
                + String.join("; ", damages.subList(0, Math.min(20, damages.size())))
                + (damages.size() > 20 ? "; ..." : "");
        try {
            Files.writeString(dir.resolve(DAMAGED), report + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw StorageErrors.io("cannot write " + dir.resolve(DAMAGED), e);
        }
        refuseIfDamaged(dir);
    }

    /**
     * After a process was killed, recovery removes the entries it was writing (never acknowledged
     * to its caller); the reports go to {@code recovered.txt}, and the collection opens.
     */
    private static void logRecovered(Path dir, List<String> damages) {
        String entry = java.time.Instant.now() + " recovery after a process was killed removed "
                + damages.size() + " entry or entries it was writing: "
                + String.join("; ", damages.subList(0, Math.min(20, damages.size()))) + "\n";
        try {
            Files.writeString(dir.resolve(RECOVERED), entry, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw StorageErrors.io("cannot write " + dir.resolve(RECOVERED), e);
        }
    }

    static void release(HashedStore store) {
        synchronized (OPEN) {
            Opened opened = OPEN.get(store.directory());
            if (opened == null || opened.store != store || --opened.users > 0) {
                return;
            }
            OPEN.remove(store.directory());
            StoreLock lock = store.lock();
            try (StoreLock.Held ignored = lock.lockStructure()) {
                opened.sessions.set(opened.sessions.get() + 1); // one more close: clean if every open closed
                opened.sessions.force();
                if (lock.alone()) {
                    store.parts().deleteRetired();
                }
            } catch (RuntimeException cleanupOnly) {
                // retired parts are deleted by the next process that opens the collection alone
            } finally {
                store.closeFiles();
                opened.sessions.close();
                lock.leave();
            }
        }
    }
}
