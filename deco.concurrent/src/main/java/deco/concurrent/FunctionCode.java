package deco.concurrent;

import deco.core.remote.ApplicationClasses;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The code a function can run, method by method: starting from its implementing methods, every
 * method those call (resolved as the JVM resolves a call: the named class, then its superclasses,
 * then its interfaces), every method a lambda or method reference inside them names, and the
 * static initialiser of every class whose static fields they read, each written out in a canonical
 * form. Two builds of a program give the same listing exactly when those methods' instructions are
 * the same: line numbers, local variable names, constant-pool order and the rest of the class do
 * not count, and neither does the number javac gives a synthetic {@code lambda$} method.
 *
 * <p>Class files are read as resources through the function's class loader, never loaded. Not
 * followed: the JDK's classes and deco's library packages ({@link ApplicationClasses}; an
 * application shaded into one jar with deco is followed); a call into them counts by its name
 * alone. A class that cannot be found counts as missing. Calls that dispatch to an
 * override in a subclass are followed to the method the call names, not to the override.
 *
 * <p>Not thread-safe: one instance reads one function's code, each class file once.
 */
final class FunctionCode {

    private final ApplicationClasses applicationClasses;
    /** Each class looked up once: where it is and whose it is. */
    private final Map<String, ApplicationClasses.Found> found = new HashMap<>();
    private final Map<String, ClassModel> classes = new HashMap<>();
    private final Map<Method, String> reached = new HashMap<>();
    private final Deque<Method> pending = new ArrayDeque<>();

    /**
     * Reads class files through {@code loader}.
     *
     * @param loader the loader to read class files through (the function's)
     */
    FunctionCode(ClassLoader loader) {
        this.applicationClasses = new ApplicationClasses(loader, List.of(), List.of());
    }

    /** A method by its class's internal name, its name and its descriptor. */
    record Method(String owner, String name, String descriptor) {

        /** How the listing names it: a synthetic lambda by its class and type only. */
        String key() {
            return owner + "." + (name.startsWith("lambda$") ? "lambda$" : name) + descriptor;
        }
    }

    /**
     * The listing of what {@code roots} can run; called once per instance.
     *
     * @param roots the methods the function runs first
     * @return one line per method reached, sorted: its key, then its canonical instructions (or
     * {@code library}, {@code missing}, {@code abstract})
     */
    List<String> listing(List<Method> roots) {
        pending.addAll(roots);
        while (!pending.isEmpty()) {
            Method method = pending.poll();
            if (!reached.containsKey(method)) {
                reached.put(method, read(method));
            }
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Method, String> entry : reached.entrySet()) {
            lines.add(entry.getKey().key() + " " + entry.getValue());
        }
        Collections.sort(lines);
        return List.copyOf(lines);
    }

    /**
     * Every method {@code type} declares, as roots (for a function that is an instance of an
     * ordinary class, or a lambda that does not say which method implements it).
     *
     * @param type a class that is not hidden
     * @return its methods, or none if its class file cannot be read
     */
    List<Method> declaredBy(Class<?> type) {
        String owner = type.getName().replace('.', '/');
        ClassModel model = model(owner);
        List<Method> methods = new ArrayList<>();
        if (model != null) {
            for (MethodModel method : model.methods()) {
                methods.add(new Method(owner, method.methodName().stringValue(), method.methodType().stringValue()));
            }
        }
        return methods;
    }

    private String read(Method method) {
        if (!followed(method.owner())) {
            return "library";
        }
        MethodModel model = resolve(method.owner(), method.name(), method.descriptor(), new HashSet<>());
        if (model == null) {
            return find(method.owner()).origin() == ApplicationClasses.Origin.MISSING ? "missing" : "library";
        }
        String declaringClass = model.parent().orElseThrow().thisClass().asInternalName();
        if (!declaringClass.equals(method.owner())) {
            pending.add(new Method(declaringClass, method.name(), method.descriptor()));
            return "inherited from " + declaringClass;
        }
        return model.code().map(this::canonical).orElse("abstract");
    }

    /** The method a call to {@code owner.name descriptor} runs, as the JVM resolves it, if it is followed. */
    private MethodModel resolve(String owner, String name, String descriptor, Set<String> seen) {
        if (!followed(owner) || !seen.add(owner)) {
            return null;
        }
        ClassModel model = model(owner);
        if (model == null) {
            return null;
        }
        for (MethodModel method : model.methods()) {
            if (method.methodName().equalsString(name) && method.methodType().equalsString(descriptor)) {
                return method;
            }
        }
        List<ClassEntry> supertypes = new ArrayList<>();
        model.superclass().ifPresent(supertypes::add);
        supertypes.addAll(model.interfaces());
        for (ClassEntry supertype : supertypes) {
            MethodModel found = resolve(supertype.asInternalName(), name, descriptor, seen);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * A method's instructions with symbolic operands. Labels are numbered in order of appearance,
     * and only those a jump or a handler names are written: debug information binds labels too.
     */
    private String canonical(CodeModel code) {
        Set<Label> jumpedTo = jumpTargets(code);
        Map<Label, Integer> labels = new HashMap<>();
        StringBuilder out = new StringBuilder();
        for (CodeElement element : code) {
            switch (element) {
                case LabelTarget target when jumpedTo.contains(target.label()) ->
                        out.append('@').append(label(labels, target.label()));
                case ExceptionCatch handler -> out.append("catch ").append(label(labels, handler.tryStart())).append(' ')
                        .append(label(labels, handler.tryEnd())).append(' ').append(label(labels, handler.handler()))
                        .append(' ').append(handler.catchType().map(ClassEntry::asInternalName).orElse("*"));
                case Instruction instruction -> instruction(instruction, labels, out);
                default -> {
                    continue; // other labels, line numbers, local variables, character ranges, attributes
                }
            }
            out.append(';');
        }
        return out.toString();
    }

    private static Set<Label> jumpTargets(CodeModel code) {
        Set<Label> targets = new HashSet<>();
        for (CodeElement element : code) {
            switch (element) {
                case BranchInstruction branch -> targets.add(branch.target());
                case LookupSwitchInstruction lookup -> {
                    targets.add(lookup.defaultTarget());
                    lookup.cases().forEach(each -> targets.add(each.target()));
                }
                case TableSwitchInstruction table -> {
                    targets.add(table.defaultTarget());
                    table.cases().forEach(each -> targets.add(each.target()));
                }
                case DiscontinuedInstruction.JsrInstruction jsr -> targets.add(jsr.target());
                case ExceptionCatch handler -> {
                    targets.add(handler.tryStart());
                    targets.add(handler.tryEnd());
                    targets.add(handler.handler());
                }
                default -> {
                    // names no label
                }
            }
        }
        return targets;
    }

    private void instruction(Instruction instruction, Map<Label, Integer> labels, StringBuilder out) {
        out.append(instruction.opcode().name());
        switch (instruction) {
            case BranchInstruction branch -> out.append(' ').append(label(labels, branch.target()));
            case LookupSwitchInstruction lookup -> cases(lookup.defaultTarget(), lookup.cases(), labels, out);
            case TableSwitchInstruction table -> cases(table.defaultTarget(), table.cases(), labels, out);
            case DiscontinuedInstruction.JsrInstruction jsr -> out.append(' ').append(label(labels, jsr.target()));
            case DiscontinuedInstruction.RetInstruction ret -> out.append(' ').append(ret.slot());
            case LoadInstruction load -> out.append(' ').append(load.slot());
            case StoreInstruction store -> out.append(' ').append(store.slot());
            case IncrementInstruction increment -> out.append(' ').append(increment.slot()).append(' ')
                    .append(increment.constant());
            case ConstantInstruction constant -> out.append(' ').append(constant(constant.constantValue()));
            case FieldInstruction field -> {
                String owner = field.owner().asInternalName();
                out.append(' ').append(owner).append('.').append(field.name().stringValue()).append(':')
                        .append(field.type().stringValue());
                if (field.opcode() == java.lang.classfile.Opcode.GETSTATIC
                        || field.opcode() == java.lang.classfile.Opcode.PUTSTATIC) {
                    pending.add(new Method(owner, "<clinit>", "()V")); // what the static field starts as
                }
            }
            case InvokeInstruction invoke -> {
                Method called = new Method(invoke.owner().asInternalName(), invoke.name().stringValue(),
                        invoke.type().stringValue());
                out.append(' ').append(called.key()).append(invoke.isInterface() ? " interface" : "");
                pending.add(called);
            }
            case InvokeDynamicInstruction dynamic -> {
                out.append(' ').append(dynamic.name().stringValue()).append(dynamic.type().stringValue()).append(' ')
                        .append(constant(dynamic.bootstrapMethod()));
                for (ConstantDesc argument : dynamic.bootstrapArgs()) {
                    out.append(' ').append(constant(argument));
                }
            }
            case TypeCheckInstruction check -> out.append(' ').append(check.type().asInternalName());
            case NewObjectInstruction created -> out.append(' ').append(created.className().asInternalName());
            case NewReferenceArrayInstruction array -> out.append(' ').append(array.componentType().asInternalName());
            case NewPrimitiveArrayInstruction array -> out.append(' ').append(array.typeKind().name());
            case NewMultiArrayInstruction array -> out.append(' ').append(array.arrayType().asInternalName())
                    .append(' ').append(array.dimensions());
            default -> {
                // the opcode says it all
            }
        }
    }

    private static void cases(Label fallback, List<SwitchCase> cases, Map<Label, Integer> labels, StringBuilder out) {
        out.append(" default ").append(label(labels, fallback));
        for (SwitchCase each : cases) {
            out.append(' ').append(each.caseValue()).append(':').append(label(labels, each.target()));
        }
    }

    /** A constant operand; a method handle it names (a lambda's body, a method reference) is followed. */
    private String constant(ConstantDesc value) {
        if (value instanceof DirectMethodHandleDesc handle) {
            Method named = new Method(handle.owner().descriptorString().replaceAll("^L|;$", ""), handle.methodName(),
                    handle.lookupDescriptor());
            if (handle.kind() != DirectMethodHandleDesc.Kind.GETTER && handle.kind() != DirectMethodHandleDesc.Kind.SETTER
                    && handle.kind() != DirectMethodHandleDesc.Kind.STATIC_GETTER
                    && handle.kind() != DirectMethodHandleDesc.Kind.STATIC_SETTER) {
                pending.add(named);
            }
            return "handle " + handle.kind() + " " + named.key();
        }
        return value.getClass().getSimpleName() + ":" + value;
    }

    private static int label(Map<Label, Integer> labels, Label label) {
        return labels.computeIfAbsent(label, unused -> labels.size());
    }

    /** Whether a class's code is followed: not the JDK's, not deco's own (a missing class is, and counts as missing). */
    private boolean followed(String internalName) {
        return find(internalName).origin() != ApplicationClasses.Origin.LIBRARY;
    }

    private ApplicationClasses.Found find(String internalName) {
        return found.computeIfAbsent(internalName, applicationClasses::find);
    }

    /** The parsed class, or {@code null} if it is missing or not a class file this JDK reads. */
    private ClassModel model(String internalName) {
        if (classes.containsKey(internalName)) {
            return classes.get(internalName);
        }
        ApplicationClasses.Found where = find(internalName);
        ClassModel model = null;
        if (where.url() != null) {
            try {
                model = ClassFile.of().parse(where.read());
            } catch (IllegalArgumentException notAClassFileWeRead) {
                model = null;
            }
        }
        classes.put(internalName, model);
        return model;
    }
}
