package deco.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.cluster.fixtures.ChangedClasses;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member started before the application was rebuilt: its {@code Work} is not the program's
 * ({@code compute} returns its seed). Calls whose code reaches {@code Work} are refused by the
 * member before anything runs, and the event fails without a store; calls whose code does not
 * reach it run there as usual (decision 041).
 */
@DisplayName("deco.cluster: a member whose classes are not the program's")
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class MemberClassesTest {

    @TempDir
    static Path marks;
    @TempDir
    static Path rebuilt;

    static String cluster;
    static List<String> addresses;
    static Jvms.Member member;

    @BeforeAll
    static void startStaleMember() throws Exception {
        cluster = "test-" + UUID.randomUUID();
        addresses = List.of("127.0.0.1:" + Jvms.freePort());
        member = Jvms.startMember(marks, cluster, addresses.get(0), addresses, 2, ChangedClasses.changedWork(rebuilt));
    }

    @BeforeEach
    void clearMarks() throws IOException {
        Jvms.clearMarks(marks);
    }

    @AfterAll
    static void stopMember() throws InterruptedException {
        if (member != null) {
            member.kill();
        }
    }

    @Test
    @DisplayName("a woven call and an explicit task that reach the changed class fail with ClassMismatchException naming it; nothing runs on the member, nothing is stored")
    void callsReachingTheChangedClassAreRefused() throws Exception {
        Jvms.Outcome outcome = Jvms.finish(Jvms.startProgram(marks, cluster, addresses, List.of(), "changed-classes"));
        assertEquals(0, outcome.exitCode(), outcome.output());
        for (String key : List.of("woven-failure", "explicit-failure")) {
            String failure = outcome.get(key);
            assertTrue(failure.startsWith(ClassMismatchException.class.getName() + ": "), failure);
            assertTrue(failure.contains("was not run on member [127.0.0.1]:" + addresses.get(0).split(":")[1]), failure);
            assertTrue(failure.contains("deco.cluster.fixtures.Work differs"), failure);
        }
        assertTrue(outcome.get("woven-failure").contains("@Concurrent Squares.fill(long[], int)"), outcome.output());
        assertEquals("0", outcome.get("explicit-stored"));
        assertEquals(List.of(), Jvms.pidsWithMarks(marks, "ran"), "no call ran on the member");
    }

    @Test
    @DisplayName("a call that waits for a free slot (held calls take all 8) is refused the same way, its exception as it is")
    void callWaitingForASlotIsRefused() throws Exception {
        Process program = Jvms.startProgram(marks, cluster, addresses, List.of(), "held-then-squares", "8");
        // the program makes its 9th call while the first 8 hold every slot (they wait at the gate);
        // they run on the member, so their marks show the program is past its first calls
        Jvms.awaitMarks("held calls started on the member", 120, () ->
                !Jvms.indicesWithMarks(marks, "started", member.pid()).isEmpty());
        Jvms.openGate(marks, "go");
        Jvms.Outcome outcome = Jvms.finish(program);
        assertEquals(0, outcome.exitCode(), outcome.output());
        String failure = outcome.get("failure");
        assertTrue(failure.startsWith(ClassMismatchException.class.getName() + ": @Concurrent Squares.fill(long[], int)"),
                failure);
        assertTrue(failure.contains("deco.cluster.fixtures.Work differs"), failure);
        assertEquals(List.of(), Jvms.indicesWithMarks(marks, "ran", member.pid()), "Squares.fill never ran");
    }

    @Test
    @DisplayName("calls whose code does not reach the changed class run on the member: the serial result")
    void callsNotReachingItRun() throws Exception {
        Jvms.Outcome outcome = Jvms.finish(Jvms.startProgram(marks, cluster, addresses, List.of(), "doubling", "6"));
        assertEquals(0, outcome.exitCode(), outcome.output());
        assertEquals("[0, 2, 4, 6, 8, 10]", outcome.get("result"));
        assertEquals(List.of(member.pid()), Jvms.pidsWithMarks(marks, "ran"), outcome.output());
    }
}
