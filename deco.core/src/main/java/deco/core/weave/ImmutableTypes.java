package deco.core.weave;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.attribute.RecordComponentInfo;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Types whose instances cannot change, so passing one to a {@code @Concurrent} method needs no
 * synchronization however the caller goes on: primitives, {@code String}, the boxes,
 * {@code BigInteger}, {@code BigDecimal}, {@code java.time} values, {@code UUID}, file names
 * ({@code Path}, {@code File}: what they name may change, the name does not), enums (the JDK's
 * too), and records whose components are all of such types. Read from class files, never loaded. Thread-safe.
 */
final class ImmutableTypes {

    private static final Set<String> JDK = Set.of("java/lang/String", "java/lang/Integer", "java/lang/Long",
            "java/lang/Double", "java/lang/Float", "java/lang/Short", "java/lang/Byte", "java/lang/Character",
            "java/lang/Boolean", "java/math/BigInteger", "java/math/BigDecimal", "java/util/UUID",
            "java/time/Instant", "java/time/Duration", "java/time/LocalDate", "java/time/LocalTime",
            "java/time/LocalDateTime", "java/time/ZonedDateTime", "java/time/OffsetDateTime", "java/time/Period",
            "java/time/ZoneOffset", "java/time/Year", "java/time/YearMonth", "java/time/MonthDay",
            "java/nio/file/Path", "java/io/File"); // names of files, immutable by their specifications (decision 059)

    private final ClassModels classes;
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();
    /** Whether a field, by opcode, owner and name, is declared final ({@link #isFinalField}). */
    private final Map<String, Boolean> finals = new ConcurrentHashMap<>();

    ImmutableTypes(ClassBytesSource source) {
        this.classes = new ClassModels(source);
    }

    /** {@return the class files this reads, parsed once each: shared with the callee summaries} */
    ClassModels classes() {
        return classes;
    }

    /** Whether {@code internalName} is one of the JDK's value types listed above ({@code String}, the boxes, ...). */
    static boolean isJdkValue(String internalName) {
        return JDK.contains(internalName);
    }

    /**
     * Whether {@code field} reads a constant: a {@code static final} field of an immutable type (a
     * number, a {@code String}, an immutable record...). Such a field is set once, while its class
     * initialises, and every reader sees that value, so reading it reads no state a task could
     * change (decision 056). Looked up in the class file that declares it, or, for the JDK's
     * classes, by reflection; a field that cannot be found is not taken as constant.
     */
    boolean isConstant(java.lang.classfile.instruction.FieldInstruction field) {
        if (field.opcode() != java.lang.classfile.Opcode.GETSTATIC || !isImmutable(field.typeSymbol())) {
            return false;
        }
        return isFinalField(field);
    }

    /**
     * Whether {@code field} reads a final instance field of an immutable type (a number, a
     * {@code String}, an immutable record...): its value is set by the constructor and never
     * changes after, and reaches nothing that changes, so reading it reads no state a task could
     * change (decision 058). Found as {@link #isConstant}'s fields are.
     */
    boolean isFinalValue(java.lang.classfile.instruction.FieldInstruction field) {
        if (field.opcode() != java.lang.classfile.Opcode.GETFIELD || !isImmutable(field.typeSymbol())) {
            return false;
        }
        return isFinalField(field);
    }

    /**
     * Whether {@code field} (a {@code getfield} or {@code getstatic}) reads a field declared final,
     * of any type: the reference or number it holds is never replaced after the constructor or
     * class initialiser. Looked up once per field, as {@link #isConstant} describes.
     */
    boolean isFinalField(java.lang.classfile.instruction.FieldInstruction field) {
        String key = field.opcode() + " " + field.owner().asInternalName() + "." + field.name().stringValue();
        Boolean known = finals.get(key);
        if (known == null) {
            known = declaredFinal(field.owner().asInternalName(), field.name().stringValue(),
                    field.opcode() == java.lang.classfile.Opcode.GETSTATIC, 0);
            finals.put(key, known);
        }
        return known;
    }

    /**
     * Whether the field {@code name}, as found from {@code owner} up its supertypes, is final and
     * static (or final and not static).
     */
    private boolean declaredFinal(String owner, String name, boolean isStatic, int depth) {
        if (depth > 16) {
            return false;
        }
        if (JdkTypes.isJdk(owner)) {
            Class<?> type = JdkTypes.load(owner);
            try {
                java.lang.reflect.Field found = type == Void.class ? null : type.getField(name);
                return found != null && java.lang.reflect.Modifier.isFinal(found.getModifiers())
                        && java.lang.reflect.Modifier.isStatic(found.getModifiers()) == isStatic;
            } catch (NoSuchFieldException | SecurityException notPublic) {
                return false;
            }
        }
        ClassModel model = classes.find(owner);
        if (model == null) {
            return false;
        }
        for (FieldModel f : model.fields()) {
            if (f.fieldName().equalsString(name)) {
                return f.flags().has(AccessFlag.STATIC) == isStatic && f.flags().has(AccessFlag.FINAL);
            }
        }
        for (var parent : model.interfaces()) { // a constant inherited from an interface
            if (declaredFinal(parent.asInternalName(), name, isStatic, depth + 1)) {
                return true;
            }
        }
        return model.superclass().isPresent()
                && declaredFinal(model.superclass().get().asInternalName(), name, isStatic, depth + 1);
    }

    boolean isImmutable(ClassDesc type) {
        if (type.isPrimitive()) {
            return true;
        }
        if (type.isArray()) {
            return false;
        }
        return isImmutable(Descriptors.internalName(type), 0);
    }

    private boolean isImmutable(String internalName, int depth) {
        if (JDK.contains(internalName)) {
            return true;
        }
        if (JdkTypes.isJdk(internalName)) {
            Boolean constants = known.get(internalName); // TimeUnit, DayOfWeek: each class looked up once
            if (constants == null) {
                constants = JdkTypes.isJdkEnum(internalName);
                known.put(internalName, constants);
            }
            return constants;
        }
        if (depth > 16) {
            return false;
        }
        Boolean cached = known.get(internalName);
        if (cached != null) {
            return cached;
        }
        known.put(internalName, false); // a record that contains itself is not provably immutable
        boolean result = decide(internalName, depth);
        known.put(internalName, result);
        return result;
    }

    /** Whether every instance field {@code model} declares is final and of an immutable type. */
    private boolean finalImmutableFields(ClassModel model) {
        for (FieldModel f : model.fields()) {
            if (!f.flags().has(AccessFlag.STATIC)
                    && !(f.flags().has(AccessFlag.FINAL) && isImmutable(f.fieldTypeSymbol()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the classes of an enum's constants with bodies ({@code ONE { int count; }}) hold no
     * state that changes: an enum with such bodies is not final, and each body is a class of its
     * own, named in the enum's inner classes, whose fields count too. One that cannot be read is
     * not taken as immutable.
     */
    private boolean constantBodiesImmutable(ClassModel model, String internalName) {
        if (model.flags().has(AccessFlag.FINAL)) {
            return true; // no constant has a body
        }
        var inner = model.findAttribute(Attributes.innerClasses());
        if (inner.isEmpty()) {
            return false;
        }
        for (var entry : inner.get().classes()) {
            String name = entry.innerClass().asInternalName();
            boolean nested = name.length() > internalName.length() && name.startsWith(internalName)
                    && name.charAt(internalName.length()) == '$';
            if (!nested) {
                continue; // the enum itself, its outer class, a class it only names
            }
            ClassModel body = classes.find(name);
            if (body == null) {
                return false;
            }
            if (body.superclass().isPresent() && body.superclass().get().asInternalName().equals(internalName)
                    && !finalImmutableFields(body)) {
                return false;
            }
        }
        return true;
    }

    private boolean decide(String internalName, int depth) {
        ClassModel model = classes.find(internalName);
        if (model == null) {
            return false;
        }
        if (model.flags().has(AccessFlag.ENUM)) {
            return finalImmutableFields(model) && constantBodiesImmutable(model, internalName);
        }
        var components = model.findAttribute(Attributes.record());
        if (components.isEmpty() || !model.flags().has(AccessFlag.FINAL)) {
            return false;
        }
        for (RecordComponentInfo component : components.get().components()) {
            ClassDesc type = component.descriptorSymbol();
            if (!type.isPrimitive() && (type.isArray()
                    || !isImmutable(Descriptors.internalName(type), depth + 1))) {
                return false;
            }
        }
        return true;
    }
}
