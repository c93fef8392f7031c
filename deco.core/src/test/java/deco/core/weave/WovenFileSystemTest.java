package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.FileState;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls and loops that read and change files by their names (decision 059): a call that changes
 * files runs in call order against everything else that touches them, and the loop reading or
 * changing a file waits for the pending calls that could change or read it. Before, the loop read
 * a file before the calls that wrote it had run, and the calls read what the loop wrote after them.
 */
@DisplayName("Weaver: files read and written by name keep the serial order")
class WovenFileSystemTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @TempDir
    Path dir;

    @BeforeEach
    void nameTheDirectory() {
        System.setProperty(FileState.DIR, dir.toString());
    }

    @AfterEach
    void forgetTheDirectory() {
        System.clearProperty(FileState.DIR);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fileReadAfterTheCalls", "fileWrittenByAHelper", "filesDeletedThroughAMethodReference",
            "fileWrittenByALambdaACallRuns", "fileWrittenByTheLoopBetweenReaders", "callsWriteBetweenReaders"})
    @DisplayName("the serial result, with the tasks held until the caller waits in an event")
    void serialResult(String form) throws Throwable {
        HeldTasks.assertSerialResult(loader, FileState.class, form);
    }

    @Test
    @DisplayName("the serial outcomes are what the forms say they are")
    void serialOutcomesAsDescribed() throws Throwable {
        FileState serial = new FileState();
        assertEquals("call 3 [0, 1, 4, 9] [0, 1, 2, 3]", WovenLoader.call(serial, "fileReadAfterTheCalls"));
        assertEquals("helper 3 [0, 1, 4, 9] [0, 1, 2, 3]", WovenLoader.call(serial, "fileWrittenByAHelper"));
        assertEquals("gone gone gone gone [0, 1, 4, 9] [0, 1, 2, 3]",
                WovenLoader.call(serial, "filesDeletedThroughAMethodReference"));
        assertEquals("lambda 3 [0, 1, 4, 9] [0, 1, 2, 3]", WovenLoader.call(serial, "fileWrittenByALambdaACallRuns"));
        assertEquals("[a, a, b, b]", WovenLoader.call(serial, "fileWrittenByTheLoopBetweenReaders"));
        assertEquals("[start, call 0, call 1, call 2] [0, 1, 2, 3]", WovenLoader.call(serial, "callsWriteBetweenReaders"));
    }

    @Test
    @DisplayName("calls that only read files run beside each other, and the loop reads between them without waiting")
    void readersStayParallel() throws Exception {
        assertEquals("[in, in, in]", WovenLoader.callBounded(loader.woven(FileState.class), "readersStayParallel"));
    }

    @Test
    @DisplayName("calls that declare their files their own (ownFiles) write them beside each other")
    void ownFilesStayParallel() throws Exception {
        assertEquals("[met, met] own0 own1", WovenLoader.callBounded(loader.woven(FileState.class), "ownFilesStayParallel"));
    }
}
