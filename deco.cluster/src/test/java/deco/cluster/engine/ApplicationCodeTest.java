package deco.cluster.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deco.cluster.fixtures.ChangedClasses;
import deco.cluster.fixtures.Doubling;
import deco.cluster.fixtures.Squares;
import deco.cluster.fixtures.Work;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ApplicationCode: the fingerprint of the code a shipped task can run")
class ApplicationCodeTest {

    private static final ClassLoader APPLICATION = ApplicationCodeTest.class.getClassLoader();

    @Test
    @DisplayName("roots are the application's classes among those a task carries: arrays by element, the JDK's left out")
    void roots() {
        assertEquals(List.of(Squares.class.getName(), Work.class.getName()),
                ApplicationCode.roots(Set.of(Work[][].class, Squares.class, long[].class, String.class, ArrayList.class)));
    }

    @Test
    @DisplayName("a fingerprint holds every application class its roots reach, not the JDK's, deco's or Hazelcast's")
    void reachedClasses() {
        ApplicationCode.Fingerprint code = new ApplicationCode(APPLICATION).of(List.of(Squares.class.getName()));
        Set<String> reached = code.classes().keySet();
        assertTrue(reached.containsAll(List.of(Squares.class.getName(), Work.class.getName(),
                "deco.cluster.fixtures.Marks")), reached.toString());
        assertTrue(reached.stream().allMatch(name -> name.startsWith("deco.cluster.fixtures.")), reached.toString());
        assertEquals(32, code.digest().length);
    }

    @Test
    @DisplayName("two JVMs (here: two class loaders) with the same class files agree")
    void sameClassFilesAgree() throws Exception {
        List<String> roots = List.of(Squares.class.getName());
        try (URLClassLoader copy = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
            assertArrayEquals(new ApplicationCode(APPLICATION).of(roots).digest(), new ApplicationCode(copy).of(roots).digest());
        }
    }

    @Test
    @DisplayName("a changed class that the roots reach through code changes the fingerprint, and the difference names it")
    void changedReachedClass(@TempDir Path rebuilt) throws Exception {
        ChangedClasses.changedWork(rebuilt);
        List<String> roots = List.of(Squares.class.getName());
        ApplicationCode.Fingerprint program = new ApplicationCode(APPLICATION).of(roots);
        try (URLClassLoader member = new URLClassLoader(withFirst(rebuilt), ClassLoader.getPlatformClassLoader())) {
            ApplicationCode.Fingerprint stale = new ApplicationCode(member).of(roots);
            assertFalse(Arrays.equals(program.digest(), stale.digest()));
            assertEquals(List.of(Work.class.getName() + " differs"),
                    program.differences(stale.classes(), "the program", "member m"));

            List<String> unrelated = List.of(Doubling.class.getName());
            assertArrayEquals(program(unrelated).digest(), new ApplicationCode(member).of(unrelated).digest(),
                    "a root that does not reach Work is not concerned");
        }
    }

    @Test
    @DisplayName("a class missing on one side, or reached by one side only, is named as such")
    void missingClasses() {
        Map<String, String> member = new java.util.TreeMap<>(program(List.of(Squares.class.getName())).classes());
        member.put(Work.class.getName(), "missing");
        member.remove("deco.cluster.fixtures.Marks");
        member.put("deco.cluster.fixtures.Extra", "00");
        assertEquals(List.of(Work.class.getName() + " is missing on member m",
                        "deco.cluster.fixtures.Extra is used only by member m's code",
                        "deco.cluster.fixtures.Marks is used only by the program's code"),
                program(List.of(Squares.class.getName())).differences(member, "the program", "member m"));
    }

    @Test
    @DisplayName("an application shaded into one jar with deco is the application's; deco's classes in that jar are not")
    void shadedWithDeco(@TempDir Path temp) throws Exception {
        List<String> roots = List.of("app.Pricing");
        try (URLClassLoader three = new URLClassLoader(new URL[] {shadedJar(temp, 3).toUri().toURL()}, null);
             URLClassLoader four = new URLClassLoader(new URL[] {shadedJar(temp, 4).toUri().toURL()}, null)) {
            ApplicationCode.Fingerprint program = new ApplicationCode(three).of(roots);
            assertEquals(Set.of("app.Pricing"), program.classes().keySet(), "deco.core.Deco, which it names, is left out");
            assertFalse(Arrays.equals(program.digest(), new ApplicationCode(four).of(roots).digest()),
                    "the application's change is seen");
        }
    }

    /** A jar holding deco's {@code Deco} and an application class {@code app.Pricing} that names it, whose price is {@code n * factor}. */
    private static Path shadedJar(Path directory, int factor) throws Exception {
        byte[] pricing = java.lang.classfile.ClassFile.of().build(ClassDesc.of("app.Pricing"), type -> type
                .withMethodBody("price", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int),
                        java.lang.classfile.ClassFile.ACC_PUBLIC | java.lang.classfile.ClassFile.ACC_STATIC, code -> code
                                .iload(0).bipush(factor).imul()
                                .invokestatic(ClassDesc.of("deco.core.Deco"), "synchronize",
                                        MethodTypeDesc.of(ClassDesc.of("deco.core.Sync")))
                                .pop().ireturn()));
        Path jar = directory.resolve("shaded-" + factor + ".jar");
        try (JarOutputStream out = new JarOutputStream(java.nio.file.Files.newOutputStream(jar));
             java.io.InputStream deco = APPLICATION.getResourceAsStream("deco/core/Deco.class")) {
            out.putNextEntry(new JarEntry("app/Pricing.class"));
            out.write(pricing);
            out.putNextEntry(new JarEntry("deco/core/Deco.class"));
            out.write(deco.readAllBytes());
        }
        return jar;
    }

    private static ApplicationCode.Fingerprint program(List<String> roots) {
        return new ApplicationCode(APPLICATION).of(roots);
    }

    private static URL[] classPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    private static URL[] withFirst(Path directory) throws Exception {
        List<URL> urls = new ArrayList<>(List.of(directory.toUri().toURL()));
        urls.addAll(Arrays.asList(classPath()));
        return urls.toArray(URL[]::new);
    }
}
