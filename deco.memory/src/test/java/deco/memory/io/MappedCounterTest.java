package deco.memory.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("MappedCounter: one counter per file, whoever creates it")
class MappedCounterTest {

    private static final long MAGIC = 0x6465636f54455354L; // "decoTEST"

    @TempDir
    Path temp;

    @Test
    @DisplayName("a process that found no file and creates it after another process made and mapped it keeps theirs: both see one counter")
    void creatingLateKeepsTheFirstCounter() throws Exception {
        Path file = temp.resolve("counter");
        try (MappedCounter first = MappedCounter.open(file, MAGIC, 0)) {
            first.set(41);
            MappedCounter.create(file, MAGIC, 0); // the other process's create, after its exists-check said "absent"
            try (MappedCounter second = MappedCounter.open(file, MAGIC, 0)) {
                assertEquals(41, second.get(), "the second process maps the first one's counter");
                assertTrue(second.compareAndSet(41, 42));
                assertEquals(42, first.get());
            }
        }
        try (var left = Files.list(temp)) {
            assertEquals(1, left.count(), "no temporary file is left");
        }
    }
}
