package deco.core.weave;

import java.lang.classfile.Attributes;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LocalVariable;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared type of a reference local where the method loads it (decision 054). The verifier's
 * own view comes first: the stack map frame that starts the code running straight into the load
 * (or, before any frame, the method's descriptor), when no store into the slot comes between
 * them; the verifier keeps a local it types {@code double[]} a {@code double[]} or {@code null}.
 * That covers javac's hidden locals, such as the array an enhanced {@code for} walks. Otherwise,
 * the local variable table the compiler wrote ({@code javac -g}, Maven's default); otherwise not
 * known. Not thread-safe; one per analysis.
 */
final class DeclaredLocals {

    /** One entry of the local variable table: a slot's type over a range of element indices. */
    private record Scope(int slot, int from, int to, ClassDesc type) {
    }

    private final List<CodeElement> elements;
    private final List<Scope> scopes = new ArrayList<>();
    /** Each frame's reference locals by slot, by the element index of its label; -1: the method's entry. */
    private final Map<Integer, Map<Integer, ClassDesc>> frames = new HashMap<>();
    /** Whether the code's frames are complete (class files of Java 7 on): straight-line code runs from one. */
    private final boolean framed;

    /**
     * @param method     the method
     * @param code       its code
     * @param majorVersion the class file's major version
     * @param labelIndex each label's element index
     */
    DeclaredLocals(MethodModel method, CodeModel code, int majorVersion, Map<Label, Integer> labelIndex) {
        this.elements = code.elementList();
        this.framed = majorVersion >= 51;
        for (CodeElement element : elements) {
            if (element instanceof LocalVariable variable) {
                Integer from = labelIndex.get(variable.startScope());
                Integer to = labelIndex.get(variable.endScope());
                if (from != null && to != null) {
                    scopes.add(new Scope(variable.slot(), from, to, variable.typeSymbol()));
                }
            }
        }
        Map<Integer, ClassDesc> entry = new HashMap<>();
        int slot = method.flags().has(AccessFlag.STATIC) ? 0 : 1;
        for (ClassDesc parameter : method.methodTypeSymbol().parameterList()) {
            if (!parameter.isPrimitive()) {
                entry.put(slot, parameter);
            }
            slot += StackModel.slotSize(parameter);
        }
        frames.put(-1, entry);
        var table = code.findAttribute(Attributes.stackMapTable());
        if (table.isPresent()) {
            for (StackMapFrameInfo frame : table.get().entries()) {
                Integer at = labelIndex.get(frame.target());
                if (at != null) {
                    frames.put(at, references(frame.locals()));
                }
            }
        }
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

    /** {@return the declared type of {@code slot} as loaded at element {@code at}, or {@code null} if not known} */
    ClassDesc typeAt(int slot, int at) {
        if (framed) {
            for (int k = at - 1; k >= -1; k--) {
                if (k >= 0 && elements.get(k) instanceof StoreInstruction store && store.slot() == slot) {
                    break; // stored on the way: the store's value, not the frame's, is loaded
                }
                Map<Integer, ClassDesc> frame = k >= 0 && elements.get(k) instanceof LabelTarget ? frames.get(k)
                        : k < 0 ? frames.get(-1) : null;
                if (frame != null) {
                    return frame.containsKey(slot) ? frame.get(slot) : declared(slot, at);
                }
            }
        }
        return declared(slot, at);
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
