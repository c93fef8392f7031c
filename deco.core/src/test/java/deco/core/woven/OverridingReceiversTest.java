package deco.core.woven;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which receivers' classes make a {@code @Concurrent} call alone (decision 067): those overriding
 * the callee or a method its class declares, and, when the JVM cannot list those methods, every
 * subclass (the callee's calls on its receiver were resolved among methods nobody could check).
 */
@DisplayName("Woven runtime: which receivers' classes override what a call site's method may run")
class OverridingReceiversTest {

    private static final ClassDesc BASE = ClassDesc.of("gen.Base");
    private static final ClassDesc SUB = ClassDesc.of("gen.Sub");
    private static final ClassDesc MISSING = ClassDesc.of("gen.Missing");

    @Test
    @DisplayName("a subclass overriding nothing runs as a task; one overriding the callee does not")
    void subclassesThatOverrideNothingOrTheCallee() throws Exception {
        GeneratedClasses classes = new GeneratedClasses(base(false), sub(false));
        OverridingReceivers receivers = new OverridingReceivers(classes.loadClass("gen.Base"), "f", new Class<?>[0]);
        assertFalse(receivers.get(classes.loadClass("gen.Sub")));
        GeneratedClasses overriding = new GeneratedClasses(base(false), sub(true));
        assertTrue(new OverridingReceivers(overriding.loadClass("gen.Base"), "f", new Class<?>[0])
                .get(overriding.loadClass("gen.Sub")));
    }

    @Test
    @DisplayName("when the declaring class's methods cannot be listed (a missing type), every subclass makes its call alone")
    void methodsThatCannotBeListed() throws Exception {
        GeneratedClasses classes = new GeneratedClasses(base(true), sub(false));
        Class<?> base = classes.loadClass("gen.Base");
        assertThrows(LinkageError.class, base::getDeclaredMethods, "the JVM cannot list them");
        OverridingReceivers receivers = new OverridingReceivers(base, "f", new Class<?>[0]);
        assertTrue(receivers.get(classes.loadClass("gen.Sub")), "Sub may override g, which f may call on its receiver");
    }

    /** {@code public class Base { public int f() { return 0; } [public void g(Missing m) {}] }} */
    private static byte[] base(boolean withMissingType) {
        return ClassFile.of().build(BASE, type -> {
            type.withFlags(AccessFlag.PUBLIC).withSuperclass(CD_Object);
            type.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC,
                    code -> code.aload(0).invokespecial(CD_Object, INIT_NAME, MTD_void).return_());
            type.withMethodBody("f", MethodTypeDesc.of(CD_int), ClassFile.ACC_PUBLIC, code -> code.iconst_0().ireturn());
            if (withMissingType) {
                type.withMethodBody("g", MethodTypeDesc.of(CD_void, MISSING), ClassFile.ACC_PUBLIC, code -> code.return_());
            }
        });
    }

    /** {@code public class Sub extends Base { [public int f() { return 1; }] }} */
    private static byte[] sub(boolean overridesF) {
        return ClassFile.of().build(SUB, type -> {
            type.withFlags(AccessFlag.PUBLIC).withSuperclass(BASE);
            type.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC,
                    code -> code.aload(0).invokespecial(BASE, INIT_NAME, MTD_void).return_());
            if (overridesF) {
                type.withMethodBody("f", MethodTypeDesc.of(CD_int), ClassFile.ACC_PUBLIC, code -> code.iconst_1().ireturn());
            }
        });
    }

    /** Defines {@code gen.Base} and {@code gen.Sub} from bytes; {@code gen.Missing} is nowhere. */
    private static final class GeneratedClasses extends ClassLoader {
        private final Map<String, byte[]> classes;

        GeneratedClasses(byte[] base, byte[] sub) {
            super(OverridingReceiversTest.class.getClassLoader());
            this.classes = Map.of("gen.Base", base, "gen.Sub", sub);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
