package deco.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.cluster.fixtures.Gated;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members SIGKILLed while a program runs: the calls they had are run again elsewhere and the
 * program gets the serial result; with no member left the event fails with a clear exception,
 * never a hang, never a partial store.
 */
@DisplayName("deco.cluster: a member killed mid-run")
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class MemberLossTest {

    @TempDir
    Path marks;

    @Test
    @DisplayName("the calls of a killed member are re-run on the other one: the serial result")
    void killedMemberCallsRunElsewhere() throws Exception {
        String cluster = "loss-" + UUID.randomUUID();
        List<String> addresses = List.of("127.0.0.1:" + Jvms.freePort(), "127.0.0.1:" + Jvms.freePort());
        Jvms.Member survivor = Jvms.startMember(marks, cluster, addresses.get(0), addresses, 2);
        Jvms.Member victim = Jvms.startMember(marks, cluster, addresses.get(1), addresses, 2);
        try {
            Process program = Jvms.startProgram(marks, cluster, addresses, List.of(), "gated", "12");
            Jvms.awaitMarks("calls started on the victim", 120,
                    () -> !Jvms.indicesWithMarks(marks, "started", victim.pid()).isEmpty());
            victim.kill();
            List<Integer> startedOnVictim = Jvms.indicesWithMarks(marks, "started", victim.pid());
            Jvms.openGate(marks, "go");
            Jvms.Outcome outcome = Jvms.finish(program);

            TreeMap<Integer, Long> serial = new TreeMap<>();
            for (int i = 0; i < 12; i++) {
                serial.put(i, Gated.expected(i));
            }
            assertEquals(serial.toString(), outcome.get("result"), outcome.output());
            assertTrue(Jvms.indicesWithMarks(marks, "ran", victim.pid()).isEmpty(), "the victim finished nothing");
            assertTrue(Jvms.indicesWithMarks(marks, "ran", survivor.pid()).containsAll(startedOnVictim),
                    "the survivor ran again what the victim had started: " + startedOnVictim);
        } finally {
            survivor.kill();
        }
    }

    @Test
    @DisplayName("the last member killed: the event fails with ClusterUnavailableException, nothing stored, the program exits")
    void lastMemberKilled() throws Exception {
        String cluster = "last-" + UUID.randomUUID();
        List<String> addresses = List.of("127.0.0.1:" + Jvms.freePort());
        Jvms.Member only = Jvms.startMember(marks, cluster, addresses.get(0), addresses, 2);
        Process program = Jvms.startProgram(marks, cluster, addresses,
                List.of("-Ddeco.cluster.connectTimeoutSeconds=3"), "gated", "4");
        Jvms.awaitMarks("calls started on the member", 120,
                () -> !Jvms.indicesWithMarks(marks, "started", only.pid()).isEmpty());
        only.kill();
        Jvms.Outcome outcome = Jvms.finish(program);
        String failure = outcome.get("failure");
        assertTrue(failure.startsWith(ClusterUnavailableException.class.getName()), failure);
        assertTrue(failure.contains(cluster), failure);
        assertEquals(0, outcome.exitCode());
        assertTrue(!outcome.values().containsKey("result"), "no result, so no store: " + outcome.output());
        List<Long> none = new ArrayList<>(Jvms.pidsWithMarks(marks, "ran"));
        assertTrue(none.isEmpty(), "no call finished: " + none);
    }
}
