package deco.memory.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JvmSetup: which of deco's flags this JVM lacks, read from its modules")
class JvmSetupFlagsTest {

    /** The unnamed module Chronicle's classes are in when the tests run on the class path. */
    private static Module chronicle() throws ClassNotFoundException {
        return Class.forName("net.openhft.chronicle.core.Jvm", false, JvmSetupFlagsTest.class.getClassLoader()).getModule();
    }

    @Test
    @DisplayName("the test JVM has every flag of the build's list")
    void testJvmHasThem() throws Exception {
        assertEquals(List.of(), JvmSetup.missingFlags(JvmFlags.load(), chronicle()));
        JvmSetup.requireChronicleMap();
    }

    @Test
    @DisplayName("flags it was not started with are reported, exactly as they must be written")
    void reportsWhatIsMissing() throws Exception {
        Module chronicle = chronicle();
        String target = chronicle.isNamed() ? chronicle.getName() : "ALL-UNNAMED";
        List<String> wanted = List.of(
                "--add-opens=java.base/java.net=" + target,
                "--add-exports=java.base/jdk.internal.misc=" + target,
                "--add-modules=jdk.no.such.module",
                "--add-opens=java.base/java.lang=" + target);
        JvmFlags flags = new JvmFlags(wanted, wanted, List.of());
        assertEquals(wanted.subList(0, 3), JvmSetup.missingFlags(flags, chronicle));
    }
}
