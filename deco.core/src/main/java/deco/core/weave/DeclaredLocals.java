package deco.core.weave;

import java.lang.classfile.Attributes;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LocalVariable;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared type of a reference local where the method loads it (decision 054). The verifier's
 * own view comes first: the stack map frame that starts the code running straight into the load
 * (or, before any frame, the method's descriptor), when no store into the slot comes between
 * them; the verifier keeps a local it types {@code double[]} a {@code double[]} or {@code null}.
 * That covers javac's hidden locals, such as the array an enhanced {@code for} walks. Otherwise,
 * the local variable table the compiler wrote ({@code javac -g}, Maven's default); otherwise not
 * known. Worked out for every load in one pass over the code. Not thread-safe; one per analysis.
 */
final class DeclaredLocals {

    /** One entry of the local variable table: a slot's type over a range of element indices. */
    private record Scope(int slot, int from, int to, ClassDesc type) {
    }

    private final List<Scope> scopes = new ArrayList<>();
    /** The declared type of each reference load that has one, by element index. */
    private final Map<Integer, ClassDesc> loaded = new HashMap<>();

    /**
     * Reads the types of every reference load in one pass over the code.
     *
     * @param method       the method
     * @param code         its code
     * @param majorVersion the class file's major version: frames are complete from Java 7 on, so
     *                     straight-line code runs from the last one
     * @param labelIndex   each label's element index
     */
    DeclaredLocals(MethodModel method, CodeModel code, int majorVersion, Map<Label, Integer> labelIndex) {
        List<CodeElement> elements = code.elementList();
        for (CodeElement element : elements) {
            if (element instanceof LocalVariable variable) {
                Integer from = labelIndex.get(variable.startScope());
                Integer to = labelIndex.get(variable.endScope());
                if (from != null && to != null) {
                    scopes.add(new Scope(variable.slot(), from, to, variable.typeSymbol()));
                }
            }
        }
        boolean framed = majorVersion >= 51;
        // each frame's reference locals by slot, by the element index of its label
        Map<Integer, Map<Integer, ClassDesc>> frames = new HashMap<>();
        var table = code.findAttribute(Attributes.stackMapTable());
        if (framed && table.isPresent()) {
            for (StackMapFrameInfo frame : table.get().entries()) {
                Integer at = labelIndex.get(frame.target());
                if (at != null) {
                    frames.put(at, references(frame.locals()));
                }
            }
        }
        Map<Integer, ClassDesc> frame = entry(method); // the method's entry, before any frame
        Set<Integer> storedSince = new HashSet<>();
        for (int at = 0; at < elements.size(); at++) {
            CodeElement element = elements.get(at);
            if (element instanceof LabelTarget && frames.containsKey(at)) {
                frame = frames.get(at);
                storedSince.clear();
            } else if (element instanceof StoreInstruction store) {
                storedSince.add(store.slot()); // the store's value, not the frame's, is loaded from here
            } else if (element instanceof LoadInstruction load && load.typeKind() == TypeKind.REFERENCE) {
                int slot = load.slot();
                ClassDesc type = framed && !storedSince.contains(slot) && frame.containsKey(slot)
                        ? frame.get(slot) : declared(slot, at);
                if (type != null) {
                    loaded.put(at, type);
                }
            }
        }
    }

    /** The method's reference parameters by slot: the frame its code starts from. */
    private static Map<Integer, ClassDesc> entry(MethodModel method) {
        Map<Integer, ClassDesc> entry = new HashMap<>();
        int slot = method.flags().has(AccessFlag.STATIC) ? 0 : 1;
        for (ClassDesc parameter : method.methodTypeSymbol().parameterList()) {
            if (!parameter.isPrimitive()) {
                entry.put(slot, parameter);
            }
            slot += StackModel.slotSize(parameter);
        }
        return entry;
    }

    private static Map<Integer, ClassDesc> references(List<StackMapFrameInfo.VerificationTypeInfo> locals) {
        Map<Integer, ClassDesc> types = new HashMap<>();
        int slot = 0;
        for (StackMapFrameInfo.VerificationTypeInfo local : locals) {
            if (local instanceof StackMapFrameInfo.ObjectVerificationTypeInfo object) {
                types.put(slot, object.classSymbol());
            }
            slot += local == StackMapFrameInfo.SimpleVerificationTypeInfo.LONG
                    || local == StackMapFrameInfo.SimpleVerificationTypeInfo.DOUBLE ? 2 : 1;
        }
        return types;
    }

    /** {@return the declared type of the reference loaded at element {@code at}, or {@code null} if not known} */
    ClassDesc typeOfLoad(int at) {
        return loaded.get(at);
    }

    /** The local variable table's type for the slot at {@code at}, or {@code null}. */
    private ClassDesc declared(int slot, int at) {
        for (Scope scope : scopes) {
            if (scope.slot() == slot && scope.from() <= at && at < scope.to()) {
                return scope.type();
            }
        }
        return null;
    }
}
