package deco.memory.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.memory.ChildJvm;
import deco.memory.DiskDict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decision 029: when the JVM exits, writes in flight finish, later ones are refused, parts stay mapped. */
@DisplayName("ExitHook: System.exit while another thread writes")
class ExitHookTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("deco's parts are taken out of Chronicle's close-on-exit hook (module path here; class path in the child)")
    void detachesFromChronicleHook() {
        assertTrue(ExitHook.detaches(), "ChronicleHashCloseOnExitHook.remove is reachable");
    }

    @Test
    @DisplayName("System.exit waits for a write holding its segment lock; a put after the exit began is refused; nothing is torn")
    void exitWaitsForWritesInFlight() throws IOException, InterruptedException {
        Path dir = temp.resolve("dict");
        Process child = ChildJvm.builder(List.of(), ExitChild.class, dir.toString()).redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child exited");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("detaches true"), out);
        assertTrue(out.contains("refused: the JVM is exiting: deco no longer writes to "), out);
        assertTrue(out.contains("nothing was written"), out);
        assertTrue(out.contains("wrote " + ExitChild.IN_FLIGHT), out);
        assertTrue(out.contains("hook still waiting true"), out);
        try (DiskDict<Long, Long> dict = DiskDict.open(dir, Long.class, Long.class)) {
            assertEquals(ExitChild.IN_FLIGHT, dict.get(ExitChild.IN_FLIGHT), "the write in flight finished");
            assertNull(dict.get(ExitChild.AFTER_EXIT), "the refused put wrote nothing");
            assertEquals(1L, dict.get(1L));
            assertEquals(2, dict.size());
        }
        assertFalse(Files.exists(dir.resolve(OpenStores.RECOVERED)), "recovery after the exit found nothing torn");
        assertFalse(Files.exists(dir.resolve(OpenStores.DAMAGED)));
    }
}
