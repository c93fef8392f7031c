package deco.core.weave;

import java.lang.classfile.Instruction;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.constant.ClassDesc;

/**
 * Which application class an instruction may initialize (decision 068): the JVM runs a class's
 * static initializer, and its superclasses', the first time code makes an instance of it
 * ({@code new}), reads or sets one of its statics, or calls one of its static methods. What the
 * initializer does is done there, by whichever thread gets there first; the weaver takes it as
 * done at every such instruction, since it cannot know which one is the first.
 *
 * <p>A class literal ({@code E.class}) is taken as a first use too: it initializes nothing itself,
 * but the JDK methods it is handed to may ({@code EnumSet.allOf}, {@code new EnumMap<>(E.class)},
 * {@code Enum.valueOf} read the enum's constants). A compiler's enum switch table
 * ({@link SwitchTables}) is no first use: its class only maps ordinals, and the enum it reads is
 * initialized already by the value switched on.
 */
final class ClassInitialization {

    private ClassInitialization() {
    }

    /**
     * {@return the application class {@code instruction} may initialize, by internal name, or
     * {@code null} if it initializes none} The class named, not the one that declares the field or
     * method it resolves to: initializing the named class initializes that one too, so taking the
     * named class's initializers, and its superclasses', covers both.
     */
    static String initializedBy(Instruction instruction) {
        String owner = null;
        if (instruction instanceof NewObjectInstruction made) {
            owner = made.className().asInternalName();
        } else if (instruction instanceof FieldInstruction field && field.opcode() != Opcode.GETFIELD
                && field.opcode() != Opcode.PUTFIELD && !SwitchTables.isSwitchTable(field)) {
            owner = field.owner().asInternalName();
        } else if (instruction instanceof InvokeInstruction invoke && invoke.opcode() == Opcode.INVOKESTATIC) {
            owner = invoke.owner().asInternalName();
        } else if (instruction instanceof ConstantInstruction constant
                && constant.constantValue() instanceof ClassDesc literal && literal.isClassOrInterface()) {
            owner = literal.descriptorString().substring(1, literal.descriptorString().length() - 1);
        }
        return owner != null && ParameterUses.isApplicationCode(owner) ? owner : null;
    }
}
