package deco.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The suite runs twice: on the class path, and with deco.memory as a named module (the module-path execution). */
@DisplayName("deco.memory's tests run on the class path and on the module path")
class ModulePathTest {

    @Test
    @DisplayName("in the module-path execution DiskDict is in the named module deco.memory; otherwise in the unnamed module")
    void whereWeRun() {
        boolean modulePath = Boolean.getBoolean("deco.test.modulePath");
        Module module = DiskDict.class.getModule();
        assertEquals(modulePath, module.isNamed(), "running in " + module);
        if (modulePath) {
            assertEquals("deco.memory", module.getName());
        }
    }
}
