package deco.memory.store;

import deco.memory.DiskDict;
import java.nio.file.Path;

/** A child JVM's main: opens a new DiskDict, puts and gets, and says how Chronicle got its header class. */
final class ValueClassesChild {

    private ValueClassesChild() {
    }

    public static void main(String[] args) {
        try (DiskDict<Long, Long> dict = DiskDict.open(Path.of(args[0]), Long.class, Long.class)) {
            dict.put(1L, 2L);
            System.out.println(ChronicleValueClasses.supplied() + " " + dict.get(1L));
        }
    }
}
