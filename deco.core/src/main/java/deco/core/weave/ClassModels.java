package deco.core.weave;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's class files the weaver reads, each parsed once: the classes it summarises
 * calls into ({@link CalleeSummaries}), looks for {@code @Concurrent} methods in
 * ({@link ConcurrentMethods}), and asks about records and final fields ({@link ImmutableTypes}).
 * A class being woven is added from the bytes being woven, so its own methods resolve from them.
 * Thread-safe: the agent weaves on several threads.
 */
final class ClassModels {

    private final ClassBytesSource source;
    private final Map<String, ClassModel> parsed = new ConcurrentHashMap<>();

    ClassModels(ClassBytesSource source) {
        this.source = source;
    }

    /**
     * @param internalName a class's internal name
     * @return its class file, parsed, or {@code null} if the source has none
     */
    ClassModel find(String internalName) {
        ClassModel known = parsed.get(internalName);
        if (known != null) {
            return known;
        }
        byte[] bytes = source.find(internalName);
        if (bytes == null) {
            return null;
        }
        ClassModel model = ClassFile.of().parse(bytes);
        ClassModel raced = parsed.putIfAbsent(internalName, model);
        return raced != null ? raced : model;
    }

    /** A class being woven: later questions about it are answered from these bytes. */
    void add(ClassModel model) {
        parsed.put(model.thisClass().asInternalName(), model);
    }
}
