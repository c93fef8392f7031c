package deco.core.weave;

import java.lang.classfile.instruction.FieldInstruction;

/**
 * The tables a compiler makes for a {@code switch} over an enum declared in another class
 * (decision 051): javac's {@code static final int[] $SwitchMap$pkg$Enum} in a synthetic nested
 * class, filled by its static initializer, and ECJ's {@code $SWITCH_TABLE$pkg$Enum}, filled the
 * first time it is asked for. Each maps the enum's ordinals to case numbers and never changes
 * after it is filled, so reading one reads no state a call or the loop could change, and ECJ's
 * lazy filling (the same table each time) writes none.
 */
final class SwitchTables {

    private static final String JAVAC = "$SwitchMap$";
    private static final String ECJ = "$SWITCH_TABLE$";

    private SwitchTables() {
    }

    /** {@return whether {@code field} is a compiler's enum switch table: an {@code int[]} so named} */
    static boolean isSwitchTable(FieldInstruction field) {
        if (!field.typeSymbol().descriptorString().equals("[I")) {
            return false;
        }
        String name = field.name().stringValue();
        return name.startsWith(JAVAC) || name.startsWith(ECJ);
    }
}
