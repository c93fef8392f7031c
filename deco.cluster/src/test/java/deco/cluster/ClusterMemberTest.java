package deco.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Starting a member with bad input: a clear message and an exit status, never a member that hangs. */
@DisplayName("ClusterMember: bad command lines")
class ClusterMemberTest {

    @TempDir
    Path marks;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "--bogus x          | unknown option --bogus",
        "--threads          | --threads needs a value",
        "--threads many     | many",
        "--members nohost   | nohost",
    })
    @DisplayName("a bad option ends with status 2, the reason and the usage; no member starts")
    void badOptions(String commandLine, String reason) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ClusterMember.run(commandLine.trim().split("\\s+"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, message);
        assertTrue(message.contains(reason), message);
        assertTrue(message.contains("usage: ClusterMember"), message);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing announced a member");
    }

    @Test
    @DisplayName("on the module path without jdk.unsupported Hazelcast cannot start: status 1 and the fix, not a hang")
    void modulePathWithoutUnsupportedExits() throws Exception {
        List<String> flags = new ArrayList<>();
        for (String flag : Jvms.modulePathFlags(System.getProperty("deco.cluster.jvm.flags", ""))) {
            flags.add(flag.startsWith("--add-modules=") ? "--add-modules=java.se" : flag);
        }
        List<String> command = Jvms.modularMemberCommand(marks, flags);
        command.addAll(List.of("--address", "127.0.0.1:" + Jvms.freePort(), "--name", "no-unsafe"));
        Path err = marks.resolve("member.err");
        Process member = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(err.toFile()).start();
        boolean ended = member.waitFor(Jvms.MEMBER_START_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            member.destroyForcibly();
        }
        String output = Files.readString(err);
        assertTrue(ended, "the member ended: " + output);
        assertEquals(1, member.exitValue(), output);
        assertTrue(output.contains("deco member: Hazelcast did not start"), output);
        assertTrue(output.contains("jdk.unsupported"), output);
    }
}
