package deco.core.weave;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.TypeKind;
import java.util.Map;

/**
 * Writes a woven {@code @Concurrent} method that mutates its arguments. In pseudo-Java:
 * <pre>
 * MutationLog log = WovenRuntime.claimLog();   // null unless this frame runs as a forked call
 * ...  arg.put(k, v)  becomes  WovenRuntime.mapPut(arg, k, v, log)
 *      arg.set(i, v)  becomes  WovenRuntime.listSet(arg, i, v, log)
 *      arg[i] = v     becomes  WovenRuntime.storeInt(arg, i, v, log)   (and the other array kinds)
 * </pre>
 */
final class ConcurrentMethodRewriter implements CodeTransform {

    private final Map<Integer, IndexedStore> sites;
    private int logSlot;
    private int index;

    ConcurrentMethodRewriter(Map<Integer, IndexedStore> sites) {
        this.sites = sites;
    }

    @Override
    public void atStart(CodeBuilder code) {
        logSlot = code.allocateLocal(TypeKind.REFERENCE);
        code.invokestatic(Descriptors.WOVEN_RUNTIME, "claimLog", Descriptors.CLAIM_LOG);
        code.astore(logSlot);
    }

    @Override
    public void accept(CodeBuilder code, CodeElement element) {
        IndexedStore helper = sites.get(index++);
        if (helper == null) {
            code.with(element);
        } else {
            code.aload(logSlot);
            code.invokestatic(Descriptors.WOVEN_RUNTIME, helper.name(), helper.type());
        }
    }
}
