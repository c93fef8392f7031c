package deco.core.weave;

import java.lang.classfile.TypeKind;
import java.lang.constant.MethodTypeDesc;

/**
 * A static method of {@code WovenRuntime} that performs an index-based store, with the
 * {@code MutationLog} as its last parameter ({@code null}: write through).
 *
 * @param name the method's name
 * @param type the method's type
 */
record IndexedStore(String name, MethodTypeDesc type) {

    private static final String LOG = "Ldeco/core/woven/MutationLog;";

    static final IndexedStore MAP_PUT = new IndexedStore("mapPut",
            MethodTypeDesc.ofDescriptor("(Ljava/util/Map;Ljava/lang/Object;Ljava/lang/Object;" + LOG + ")Ljava/lang/Object;"));
    static final IndexedStore LIST_SET = new IndexedStore("listSet",
            MethodTypeDesc.ofDescriptor("(Ljava/util/List;ILjava/lang/Object;" + LOG + ")Ljava/lang/Object;"));

    /** The helper that stores into an array of {@code kind} ({@code bastore} covers byte and boolean). */
    static IndexedStore arrayStore(TypeKind kind) {
        return switch (kind) {
            case INT -> new IndexedStore("storeInt", MethodTypeDesc.ofDescriptor("([III" + LOG + ")V"));
            case LONG -> new IndexedStore("storeLong", MethodTypeDesc.ofDescriptor("([JIJ" + LOG + ")V"));
            case FLOAT -> new IndexedStore("storeFloat", MethodTypeDesc.ofDescriptor("([FIF" + LOG + ")V"));
            case DOUBLE -> new IndexedStore("storeDouble", MethodTypeDesc.ofDescriptor("([DID" + LOG + ")V"));
            case BYTE, BOOLEAN -> new IndexedStore("storeByte", MethodTypeDesc.ofDescriptor("(Ljava/lang/Object;II" + LOG + ")V"));
            case CHAR -> new IndexedStore("storeChar", MethodTypeDesc.ofDescriptor("([CII" + LOG + ")V"));
            case SHORT -> new IndexedStore("storeShort", MethodTypeDesc.ofDescriptor("([SII" + LOG + ")V"));
            default -> new IndexedStore("storeReference",
                    MethodTypeDesc.ofDescriptor("([Ljava/lang/Object;ILjava/lang/Object;" + LOG + ")V"));
        };
    }

    /**
     * Whether a recorded write fails exactly where the write itself would: an array store's helper
     * checks the array, the index and the element type as the JVM does. A {@code put} or
     * {@code set} can be refused by its collection only when it is made (decision 036).
     */
    boolean failsWhereTheWriteWould() {
        return name.startsWith("store");
    }
}
