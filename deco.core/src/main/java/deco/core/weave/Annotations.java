package deco.core.weave;

import java.lang.classfile.Annotation;
import java.lang.classfile.Attributes;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.RuntimeVisibleAnnotationsAttribute;

/** Reads deco's annotations off class files, without loading the classes. */
final class Annotations {

    static final String CONCURRENT = "Ldeco/core/Concurrent;";
    static final String SYNCHRONIZED = "Ldeco/core/Synchronized;";

    private Annotations() {
    }

    static boolean has(MethodModel method, String descriptor) {
        return method.findAttribute(Attributes.runtimeVisibleAnnotations())
                .map(RuntimeVisibleAnnotationsAttribute::annotations)
                .stream()
                .flatMap(java.util.List::stream)
                .map(Annotation::className)
                .anyMatch(name -> name.stringValue().equals(descriptor));
    }
}
