package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import deco.core.remote.ClassDigest;
import deco.core.weave.fixtures.Cases;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attribute;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The weaver keeps the digest of the class as compiled in the class it weaves, so deco.cluster
 * tells a member's copy of a class from the program's by its source, whether either is woven
 * offline, by the agent or not at all (decision 041).
 */
@DisplayName("Weaver: the digest of the class as compiled, kept in the woven class")
class CompiledDigestTest {

    private final Weaver weaver = new Weaver(ClassBytesSource.of(CompiledDigestTest.class.getClassLoader()));

    @Test
    @DisplayName("a woven class (both rewrites) carries one digest attribute, the SHA-256 of the class as compiled")
    void wovenClassKeepsTheCompiledDigest() throws IOException {
        byte[] compiled = bytes(Cases.class);
        byte[] woven = weaver.weave(compiled);
        assertNotNull(woven, "Cases has methods to weave");
        ClassModel model = ClassFile.of().parse(woven);
        assertArrayEquals(ClassDigest.sha256(compiled), ClassDigest.of(model, woven));
        long attributes = model.attributes().stream().map(Attribute::attributeName)
                .filter(name -> name.equalsString(ClassDigest.ATTRIBUTE)).count();
        assertEquals(1, attributes);
        assertNull(weaver.weave(woven), "weaving is idempotent: a woven class is left as it is");
    }

    @Test
    @DisplayName("a class the weaver leaves alone has no attribute; its digest is its own SHA-256")
    void unwovenClassIsItsOwnDigest() throws IOException {
        byte[] plain = bytes(CompiledDigestTest.class);
        assertNull(weaver.weave(plain));
        ClassModel model = ClassFile.of().parse(plain);
        assertNull(ClassDigest.recorded(model));
        assertArrayEquals(ClassDigest.sha256(plain), ClassDigest.of(model, plain));
    }

    private static byte[] bytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
