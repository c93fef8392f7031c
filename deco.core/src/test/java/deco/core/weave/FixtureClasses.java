package deco.core.weave;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;

/** Fixture classes read as the weaver reads them: parsed class files, their methods, their summaries. */
final class FixtureClasses {

    private FixtureClasses() {
    }

    /** The class file of a fixture class (nested ones too), parsed. */
    static ClassModel parse(Class<?> type) {
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class"; // Outer$Nested
        try (InputStream in = type.getResourceAsStream(file)) {
            return ClassFile.of().parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first method of {@code model} named {@code name}. */
    static MethodModel method(ClassModel model, String name) {
        return model.methods().stream().filter(m -> m.methodName().equalsString(name)).findFirst().orElseThrow();
    }

    /** How the method {@code name} of {@code model} uses its parameters, its callees summarised by {@code summaries}. */
    static ParameterUses uses(ClassModel model, String name, CalleeSummaries summaries) {
        MethodModel method = method(model, name);
        String key = name + method.methodType().stringValue();
        return ParameterUses.of(method, summaries.walk(model.thisClass().asInternalName(), key));
    }
}
