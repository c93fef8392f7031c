package deco.memory;

import deco.memory.store.Manifest;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The command that salvages a damaged collection made with built-in codecs:
 * {@code java <the JVM flags> -cp <deco.memory and Chronicle> deco.memory.Recover DAMAGED TARGET}
 * (or {@code -m deco.memory/deco.memory.Recover} on the module path). It reads the types from the
 * damaged collection's manifest, copies what is intact into {@code TARGET}, prints what was saved
 * and lost, and exits 0 if nothing was lost, 1 if something was, 2 on bad arguments or a
 * collection it cannot read. For a custom {@link Codec}, call {@link DiskDict#recover(Path, DiskDict.Builder)}.
 */
public final class Recover {

    private Recover() {
    }

    /**
     * The command line of {@link DiskDict#recover} and {@link DiskList#recover}.
     *
     * @param args the damaged directory and a new target directory
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: deco.memory.Recover DAMAGED-DIRECTORY NEW-TARGET-DIRECTORY");
            return 2;
        }
        Path damaged = Path.of(args[0]);
        Path target = Path.of(args[1]);
        try {
            Manifest manifest = Manifest.read(damaged.toAbsolutePath().normalize());
            Salvage salvage = switch (manifest.format()) {
                case DiskDict.FORMAT -> DiskDict.recover(damaged, target, load(manifest.keyType()),
                        load(manifest.valueType()));
                case DiskList.FORMAT -> DiskList.recover(damaged, target, load(manifest.valueType()));
                default -> throw new DiskFormatException(damaged + " holds a " + manifest.format());
            };
            out.println("saved " + salvage.saved() + ", lost " + salvage.lost()
                    + (salvage.incompleteParts() == 0 ? "" : " and an unknown number from " + salvage.incompleteParts()
                    + " part file(s) read in part or not at all") + ", into " + salvage.to());
            salvage.problems().forEach(p -> out.println("  " + p));
            return salvage.complete() ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("cannot recover " + damaged + ": " + e.getMessage());
            return 2;
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Recover.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("the collection holds " + name + ", which is not on this class path");
        }
    }
}
