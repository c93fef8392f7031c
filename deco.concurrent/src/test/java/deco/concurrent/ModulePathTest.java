package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The suite runs twice: on the class path, and with deco.concurrent as a named module (the module-path execution). */
@DisplayName("deco.concurrent's tests run on the class path and on the module path")
class ModulePathTest {

    @Test
    @DisplayName("in the module-path execution Buffer is in the named module deco.concurrent; otherwise in the unnamed module")
    void whereWeRun() {
        boolean modulePath = Boolean.getBoolean("deco.test.modulePath");
        Module module = Buffer.class.getModule();
        assertEquals(modulePath, module.isNamed(), "running in " + module);
        if (modulePath) {
            assertEquals("deco.concurrent", module.getName());
        }
    }
}
