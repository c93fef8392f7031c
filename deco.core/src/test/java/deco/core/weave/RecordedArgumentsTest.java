package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.ConstantPoolBuilder;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Weaver: a call records its writes only where no input of it, and no pending call, sees them early")
class RecordedArgumentsTest {

    private static final ClassDesc INTS = ConstantDescs.CD_int.arrayType();
    private static final ClassDesc LONGS = ConstantDescs.CD_long.arrayType();
    private static final ClassDesc MAP = ClassDesc.of("java.util.Map");
    private static final ClassDesc LIST = ClassDesc.of("java.util.List");

    private final Aliases aliases = new Aliases();
    private final RecordedArguments recorded = new RecordedArguments();
    private final List<Root> readByPending = new ArrayList<>();

    private static ConcurrentCall call(int at) {
        InvokeInstruction invoke = InvokeInstruction.of(Opcode.INVOKESTATIC, ConstantPoolBuilder.of().methodRefEntry(
                ClassDesc.of("app.Work"), "compute", MethodTypeDesc.of(ConstantDescs.CD_int, INTS, INTS)));
        return new ConcurrentCall(at, invoke, true, true, true, true, false, false, List.of(), false, 1);
    }

    @Test
    @DisplayName("an argument passed as written and as read: the call writes through and is synchronized")
    void sameObjectWrittenAndRead() {
        ConcurrentCall call = call(10);
        recorded.recorded(call, Root.local(1), INTS, 7);
        recorded.read(call, Root.local(1), INTS);
        Set<Integer> exempt = recorded.resolve(aliases, readByPending);
        assertFalse(call.recordsMutations);
        assertFalse(call.shippable, "a call that writes through must run where its arguments live");
        assertTrue(exempt.isEmpty(), "its argument is passed again only after an event");
        assertEquals(List.of(Root.local(1)), readByPending);
    }

    @Test
    @DisplayName("written and read arguments the method never links keep recording")
    void unrelatedArgumentsRecord() {
        ConcurrentCall call = call(10);
        recorded.recorded(call, Root.local(1), INTS, 7);
        recorded.read(call, Root.local(2), INTS);
        assertEquals(Set.of(7), recorded.resolve(aliases, readByPending));
        assertTrue(call.recordsMutations);
        assertTrue(call.shippable);
    }

    @Test
    @DisplayName("arguments that may alias (both from the caller's parameters) write through")
    void hiddenArgumentsMayAlias() {
        aliases.union(Root.local(1), Root.HIDDEN);
        aliases.union(Root.local(2), Root.HIDDEN);
        ConcurrentCall call = call(10);
        recorded.recorded(call, Root.local(1), MAP, 7);
        recorded.read(call, Root.local(2), LIST);
        recorded.resolve(aliases, readByPending);
        assertFalse(call.recordsMutations, "a list may hold the map the call writes");
    }

    @Test
    @DisplayName("a primitive array read cannot be or reach another kind of array, or a map")
    void primitiveArraysReachNothing() {
        aliases.union(Root.local(1), Root.local(2));
        aliases.union(Root.local(3), Root.local(2));
        ConcurrentCall call = call(10);
        recorded.recorded(call, Root.local(1), INTS, 7);
        recorded.recorded(call, Root.local(3), MAP, 8);
        recorded.read(call, Root.local(2), LONGS);
        assertEquals(Set.of(7, 8), recorded.resolve(aliases, readByPending));
        assertTrue(call.recordsMutations);
    }

    @Test
    @DisplayName("a receiver is what the callee reads from its fields: an int[] field may be the array the call writes, a long[] field cannot")
    void receiver() {
        aliases.union(Root.local(0), Root.HIDDEN);
        aliases.union(Root.local(1), Root.HIDDEN);
        ConcurrentCall readsInts = call(10);
        recorded.recorded(readsInts, Root.local(1), INTS, 7);
        recorded.readsReceiver(readsInts, Root.local(0), new HiddenReads(false, Set.of(INTS)));
        ConcurrentCall readsLongs = call(20);
        recorded.recorded(readsLongs, Root.local(1), INTS, 17);
        recorded.readsReceiver(readsLongs, Root.local(0), new HiddenReads(false, Set.of(LONGS)));
        recorded.resolve(aliases, readByPending);
        assertFalse(readsInts.recordsMutations, "this.data may be the array data[i] = v writes");
        assertTrue(readsLongs.recordsMutations, "a long[] is never an int[]");
    }

    @Test
    @DisplayName("a receiver whose callee reads only numbers from it, or nothing it can name, and a map argument")
    void receiverOfAMapWriter() {
        aliases.union(Root.local(0), Root.HIDDEN);
        aliases.union(Root.local(1), Root.HIDDEN);
        ConcurrentCall numbers = call(10);
        recorded.recorded(numbers, Root.local(1), MAP, 7);
        recorded.readsReceiver(numbers, Root.local(0), HiddenReads.NONE);
        ConcurrentCall unseen = call(20);
        recorded.recorded(unseen, Root.local(1), MAP, 17);
        recorded.readsReceiver(unseen, Root.local(0), HiddenReads.ANY);
        recorded.resolve(aliases, readByPending);
        assertTrue(numbers.recordsMutations, "a double read from this.scale shows no put");
        assertFalse(unseen.recordsMutations, "a helper called on this may read the map");
    }

    @Test
    @DisplayName("hidden state the callee reads (a static int[]) may be an argument from a field or parameter, never an array the method made")
    void hiddenState() {
        aliases.union(Root.local(1), Root.HIDDEN);
        ConcurrentCall fromParameter = call(10);
        recorded.recorded(fromParameter, Root.local(1), INTS, 7);
        recorded.readsHidden(fromParameter, new HiddenReads(false, Set.of(INTS)));
        ConcurrentCall made = call(20);
        recorded.recorded(made, Root.allocation(3), INTS, 17);
        recorded.readsHidden(made, new HiddenReads(false, Set.of(INTS)));
        ConcurrentCall otherType = call(30);
        recorded.recorded(otherType, Root.local(1), INTS, 27);
        recorded.readsHidden(otherType, new HiddenReads(false, Set.of(LONGS)));
        recorded.resolve(aliases, readByPending);
        assertFalse(fromParameter.recordsMutations, "the static may be the parameter's array");
        assertTrue(made.recordsMutations);
        assertTrue(otherType.recordsMutations);
    }

    @Test
    @DisplayName("a recording call whose object another pending call writes through is synchronized first")
    void groupWrittenThrough() {
        ConcurrentCall append = call(10);
        recorded.read(append, Root.local(1), LIST);
        recorded.writtenThrough(Root.local(1));
        ConcurrentCall set = call(20);
        recorded.recorded(set, Root.local(1), LIST, 17);
        ConcurrentCall other = call(30);
        recorded.recorded(other, Root.local(2), LIST, 27);
        assertEquals(Set.of(27), recorded.resolve(aliases, readByPending));
        assertTrue(set.recordsMutations, "it still records: the event orders it after the write-through call");
    }
}
