package deco.core.weave;

import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.MethodModel;
import java.util.List;

/**
 * Reads deco's annotations off class files, without loading the classes. (Loops, not streams:
 * the agent runs this on the application's start-up path, decision 015.)
 */
final class Annotations {

    static final String CONCURRENT = "Ldeco/core/Concurrent;";
    static final String SYNCHRONIZED = "Ldeco/core/Synchronized;";

    private Annotations() {
    }

    /**
     * {@code @Concurrent(parallelism = n)}'s {@code n}, read from the class file.
     *
     * @return the value, or {@code 0} (the annotation's default) if the method does not set it
     */
    static int parallelism(MethodModel method) {
        return concurrentElement(method, "parallelism") instanceof AnnotationValue.OfInt n ? n.intValue() : 0;
    }

    /**
     * {@code @Concurrent(ownFiles = true)}, read from the class file (decision 059).
     *
     * @return the value, or {@code false} (the annotation's default) if the method does not set it
     */
    static boolean ownFiles(MethodModel method) {
        return concurrentElement(method, "ownFiles") instanceof AnnotationValue.OfBoolean own && own.booleanValue();
    }

    /** The value the method's {@code @Concurrent} gives its element {@code name}, or {@code null} if none. */
    private static AnnotationValue concurrentElement(MethodModel method, String name) {
        for (Annotation annotation : annotations(method)) {
            if (annotation.className().stringValue().equals(CONCURRENT)) {
                for (AnnotationElement element : annotation.elements()) {
                    if (element.name().stringValue().equals(name)) {
                        return element.value();
                    }
                }
            }
        }
        return null;
    }

    static boolean has(MethodModel method, String descriptor) {
        for (Annotation annotation : annotations(method)) {
            if (annotation.className().stringValue().equals(descriptor)) {
                return true;
            }
        }
        return false;
    }

    private static List<Annotation> annotations(MethodModel method) {
        var attribute = method.findAttribute(Attributes.runtimeVisibleAnnotations());
        return attribute.isPresent() ? attribute.get().annotations() : List.of();
    }
}
