package deco.core.weave.differential;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java sources in memory with javax.tools; returns class files by internal name. */
final class InMemoryCompiler {

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final String classpath;

    InMemoryCompiler(String classpath) {
        this.classpath = classpath;
    }

    /**
     * @param sources by binary class name
     * @return class files by internal name
     * @throws IllegalStateException with javac's diagnostics if the sources do not compile
     */
    Map<String, byte[]> compile(Map<String, String> sources) {
        Map<String, ByteArrayOutputStream> outputs = new HashMap<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, null);
        var manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return outputs.computeIfAbsent(className.replace('.', '/'), k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        StringWriter log = new StringWriter();
        boolean ok = javac.getTask(log, manager, diagnostics,
                List.of("-classpath", classpath, "-g", "-proc:none", "-Xlint:none", "-nowarn"), null, units).call();
        if (!ok) {
            throw new IllegalStateException("generated sources do not compile: " + diagnostics.getDiagnostics().stream()
                    .limit(5).map(Object::toString).toList() + log);
        }
        Map<String, byte[]> classes = new HashMap<>();
        outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }
}
