package coldstart;

import deco.memory.DiskDict;
import java.nio.file.Path;

/** bin/coldstart-storage's program: a new DiskDict in a fresh JVM, one put, one get. */
public final class OpenPutGet {

    private OpenPutGet() {
    }

    public static void main(String[] args) {
        try (DiskDict<Long, Long> dict = DiskDict.open(Path.of(args[0]), Long.class, Long.class)) {
            dict.put(1L, 2L);
            System.out.println(dict.get(1L));
        }
    }
}
