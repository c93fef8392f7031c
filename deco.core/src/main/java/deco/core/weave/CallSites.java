package deco.core.weave;

import java.lang.classfile.instruction.InvokeDynamicInstruction;

/**
 * What an {@code invokedynamic} call site is, judged by the class of its bootstrap method
 * (decision 051). Javac makes three kinds:
 *
 * <ul>
 *   <li>a <em>lambda</em> or method reference ({@code LambdaMetafactory}): a new object holding
 *       what it captured, whose body runs wherever it is handed (decision 045);
 *   <li>an <em>operation</em> over its operands, JDK code that only reads them: a string
 *       concatenation ({@code StringConcatFactory}), a pattern or enum {@code switch}
 *       ({@code SwitchBootstraps}), a record's generated {@code equals}, {@code hashCode} and
 *       {@code toString} ({@code ObjectMethods}) — what such an operation calls on its operands
 *       ({@code toString}, {@code equals}, {@code hashCode}) writes nothing (decision 013,
 *       assumption 2);
 *   <li>anything else (another compiler's bootstrap): code the weaver cannot see into.
 * </ul>
 */
final class CallSites {

    private static final String LAMBDA_METAFACTORY = "Ljava/lang/invoke/LambdaMetafactory;";
    private static final String OBJECT_METHODS = "Ljava/lang/runtime/ObjectMethods;";
    /** Bootstrap classes whose call sites only read their operands. */
    private static final String[] OPERATIONS = {
        "Ljava/lang/invoke/StringConcatFactory;",
        "Ljava/lang/runtime/SwitchBootstraps;",
        OBJECT_METHODS,
    };

    private CallSites() {
    }

    /** {@return whether {@code indy} makes a lambda or a method reference} */
    static boolean isLambda(InvokeDynamicInstruction indy) {
        return bootstrapClass(indy).equals(LAMBDA_METAFACTORY);
    }

    /**
     * {@return whether {@code indy} is JDK code that only reads its operands and reaches nothing
     * else: a string concatenation, a pattern switch, a record's generated method}
     */
    static boolean isOperation(InvokeDynamicInstruction indy) {
        String bootstrap = bootstrapClass(indy);
        for (String operation : OPERATIONS) {
            if (bootstrap.equals(operation)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return whether {@code indy} is a record's generated {@code equals}, {@code hashCode} or
     * {@code toString}: an operation that reads the record's fields through the getters its
     * bootstrap is given}
     */
    static boolean isRecordMethod(InvokeDynamicInstruction indy) {
        return bootstrapClass(indy).equals(OBJECT_METHODS);
    }

    private static String bootstrapClass(InvokeDynamicInstruction indy) {
        return indy.bootstrapMethod().owner().descriptorString();
    }
}
