package deco.core.weave;

import java.lang.constant.ClassDesc;

/**
 * Subtype checks for the JDK's own collection types, which the weaver may load (they are always
 * there); user types are never loaded while weaving.
 */
final class JdkTypes {

    private JdkTypes() {
    }

    /** Whether a class, by internal name, belongs to the JDK ({@code java/}, {@code javax/}, {@code jdk/}). */
    static boolean isJdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/");
    }

    /** A JDK class by internal name, or {@code Void.class} (a subtype of nothing else) if it is not one. */
    static Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException e) {
            return Void.class;
        }
    }

    static boolean isSubtype(ClassDesc type, Class<?> supertype) {
        String descriptor = type.descriptorString();
        if (!descriptor.startsWith("Ljava/")) {
            return false;
        }
        String name = descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
        try {
            return supertype.isAssignableFrom(Class.forName(name, false, ClassLoader.getPlatformClassLoader()));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
