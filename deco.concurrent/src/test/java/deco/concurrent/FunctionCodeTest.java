package deco.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LocalVariable;
import java.lang.classfile.instruction.LocalVariableType;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What counts as a function's code: the methods it can run, by their instructions (decision 042). */
@DisplayName("FunctionCode: a function's code is the instructions of every method it can run")
class FunctionCodeTest {

    @TempDir
    Path temp;

    /** The function's class: {@code price} is the root. */
    static class Pricing {
        static final int[] TABLE = {1, 2, 3};

        static long price(Integer n) {
            return helper(n) + TABLE.length + Discounts.discount();
        }

        static long helper(int n) {
            return n > 0 ? n * 3L : 0L;
        }

        static long unrelated() {
            return 7L;
        }
    }

    /** A class whose method the root calls through a subclass that inherits it. */
    static class BaseDiscounts {
        static long discount() {
            return 11L;
        }
    }

    static final class Discounts extends BaseDiscounts {
    }

    private static final String PRICING = Pricing.class.getName().replace('.', '/');
    private static final List<FunctionCode.Method> ROOT = List.of(new FunctionCode.Method(PRICING, "price",
            "(Ljava/lang/Integer;)J"));

    @Test
    @DisplayName("the listing names the root, the methods it calls (an inherited one where it is declared) and the static initialiser of a class whose static field it reads")
    void whatIsReached() {
        List<String> listing = new FunctionCode(Pricing.class.getClassLoader()).listing(ROOT);
        String text = String.join("\n", listing);
        assertTrue(text.contains(PRICING + ".price(Ljava/lang/Integer;)J "), text);
        assertTrue(text.contains(PRICING + ".helper(I)J "), text);
        assertTrue(text.contains(PRICING + ".<clinit>()V "), text);
        String base = BaseDiscounts.class.getName().replace('.', '/');
        assertTrue(text.contains(Discounts.class.getName().replace('.', '/') + ".discount()J inherited from " + base), text);
        assertTrue(text.contains(base + ".discount()J "), text);
        assertTrue(text.contains("java/lang/Integer.intValue()I library"), "a JDK method counts by name: " + text);
        assertTrue(!text.contains("unrelated"), "a method the function cannot call is not part of it: " + text);
    }

    @Test
    @DisplayName("a change to a method the function calls, or to a static initialiser it depends on, changes the listing")
    void changesThatCount() {
        List<String> original = listing(original());
        assertNotEquals(original, listing(changedConstant("helper", 3L, 4L)), "helper's constant");
        assertNotEquals(original, listing(changedConstant("<clinit>", 3, 4)), "the static initialiser's constant");
    }

    @Test
    @DisplayName("debug information, the constant pool's order and methods the function cannot call do not change the listing")
    void changesThatDoNotCount() {
        List<String> original = listing(original());
        assertEquals(original, listing(changedConstant("unrelated", 7L, 8L)), "a method it cannot call");
        byte[] relaid = ClassFile.of(ClassFile.ConstantPoolSharingOption.NEW_POOL).transformClass(
                ClassFile.of().parse(original()), ClassTransform.transformingMethodBodies((code, element) -> {
                    if (!(element instanceof LineNumber || element instanceof LocalVariable
                            || element instanceof LocalVariableType)) {
                        code.with(element);
                    }
                }));
        assertEquals(original, listing(relaid), "no line numbers or local variables (javac without -g), a new constant pool");
    }

    @Test
    @DisplayName("an application shaded into one jar with deco is followed, also in a deco.* package that is not deco's library; deco's own classes in that jar are not")
    void shadedWithDeco() throws IOException {
        for (String application : List.of("app/Pricing", "deco/bench/Pricing")) {
            List<FunctionCode.Method> root = List.of(new FunctionCode.Method(application, "price", "(I)I"));
            try (URLClassLoader three = new URLClassLoader(new URL[] {shadedJar(application, 3).toUri().toURL()}, null);
                 URLClassLoader four = new URLClassLoader(new URL[] {shadedJar(application, 4).toUri().toURL()}, null)) {
                List<String> listing = new FunctionCode(three).listing(root);
                assertNotEquals(listing, new FunctionCode(four).listing(root), application + ": the change is seen");
                String text = String.join("\n", listing);
                assertTrue(text.contains(application + ".price(I)I ILOAD_0 0;BIPUSH Integer:3;IMUL"), text);
                assertTrue(text.contains("deco/core/Deco.synchronize()Ldeco/core/Sync; library"), text);
            }
        }
    }

    /** A jar holding deco's marker classes and an application class whose price is {@code n * factor}. */
    private Path shadedJar(String application, int factor) throws IOException {
        byte[] pricing = ClassFile.of().build(ClassDesc.ofInternalName(application), type -> type
                .withMethodBody("price", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                                .iload(0).bipush(factor).imul()
                                .invokestatic(ClassDesc.of("deco.core.Deco"), "synchronize",
                                        MethodTypeDesc.of(ClassDesc.of("deco.core.Sync")))
                                .pop().ireturn()));
        Path jar = Files.createTempFile(temp, "shaded", ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(application + ".class"));
            out.write(pricing);
            for (String deco : List.of("deco/core/Deco.class", "deco/memory/DiskDict.class", "deco/concurrent/Cache.class")) {
                out.putNextEntry(new JarEntry(deco));
                try (InputStream in = Cache.class.getClassLoader().getResourceAsStream(deco)) {
                    out.write(in.readAllBytes());
                }
            }
        }
        return jar;
    }

    private List<String> listing(byte[] pricing) {
        return new FunctionCode(serving(pricing)).listing(ROOT);
    }

    private static byte[] original() {
        try (InputStream in = Pricing.class.getClassLoader().getResourceAsStream(PRICING + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pricing with the constant {@code from} replaced by {@code to} in one method. */
    private static byte[] changedConstant(String method, Object from, Object to) {
        Predicate<MethodModel> named = m -> m.methodName().equalsString(method);
        byte[] changed = ClassFile.of().transformClass(ClassFile.of().parse(original()),
                ClassTransform.transformingMethodBodies(named, (code, element) -> {
                    if (element instanceof ConstantInstruction constant && constant.constantValue().equals(from)) {
                        code.loadConstant((java.lang.constant.ConstantDesc) to);
                    } else {
                        code.with(element);
                    }
                }));
        assertFalse(java.util.Arrays.equals(original(), changed), "the constant was there to change");
        return changed;
    }

    /** A loader whose Pricing class file is {@code pricing}; every other resource is the test's. */
    private ClassLoader serving(byte[] pricing) {
        try {
            Path file = Files.createTempFile(temp, "Pricing", ".class");
            Files.write(file, pricing);
            URL url = file.toUri().toURL();
            return new ClassLoader(Pricing.class.getClassLoader()) {
                @Override
                public URL getResource(String name) {
                    return name.equals(PRICING + ".class") ? url : super.getResource(name);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
