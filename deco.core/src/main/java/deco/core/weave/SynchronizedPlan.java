package deco.core.weave;

import java.lang.classfile.Label;
import java.lang.classfile.instruction.ExceptionCatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the rewrite of one {@code @Synchronized} method does, by element index of its code: the
 * {@code @Concurrent} calls to fork, the uses of their results to defer, the conversions to drop
 * (they move into the deferred store), the places a synchronization event goes, and the
 * {@code try} blocks whose exits get events.
 */
final class SynchronizedPlan {

    /** A {@code try} block (one range of the exception table) that contains {@code @Concurrent} calls. */
    record WovenTry(Label start, Label end, int startIndex, int endIndex) {

        boolean within(int from, int to) {
            return from <= startIndex && endIndex <= to;
        }
    }

    /** An original exception table entry, with the element indices of its range. */
    record Handler(ExceptionCatch entry, int startIndex, int endIndex) {
    }

    final Map<Integer, ConcurrentCall> calls = new HashMap<>();
    final Map<Integer, ConcurrentCall> uses = new HashMap<>();
    final Set<Integer> removed = new HashSet<>();
    final Set<Integer> syncBefore = new HashSet<>();
    /**
     * Loads of an array that reaches only its own elements, or of a list read only for its own
     * storage: an event follows only if pending deferred stores may reach what is read, the array
     * being one they write into (decision 054) or the list not one of the JDK's that hold their
     * own storage (decision 055): {@code WovenRuntime.syncIfStoresReach}.
     */
    final Set<Integer> syncIfStoresReach = new HashSet<>();
    /**
     * Loads of an iterator the method made and only steps, by element index, with the slot that
     * holds it: an event follows only if pending deferred stores may reach the collection it walks,
     * which the woven method keeps beside the iterator ({@link #walkedBy}, {@link #walkedStores}):
     * {@code WovenRuntime.syncIfWalkedStoresReach} (decision 062).
     */
    final Map<Integer, Integer> syncIfWalkedStoresReach = new HashMap<>();
    /** The calls that make such an iterator, with its slot: the collection is kept before the call. */
    final Map<Integer, Integer> walkedBy = new HashMap<>();
    /** The stores of such an iterator, with its slot: from here, the kept collection is the one it walks. */
    final Map<Integer, Integer> walkedStores = new HashMap<>();
    /**
     * The stores of what such an iterator's {@code next()} gave (a map's entry), with the
     * iterator's slot and the entry's: from here, the entry's kept collection is the iterator's.
     */
    final Map<Integer, int[]> takenStores = new HashMap<>();
    /** Calls after which the method may hold a lock it took: {@code WovenRuntime.lockTaken} follows (decision 048). */
    final Set<Integer> locksTaken = new HashSet<>();
    /** Returns inside woven try blocks: an event inside the block before the closing one. */
    final Set<Integer> syncBeforeReturn = new HashSet<>();
    final List<WovenTry> tries = new ArrayList<>();
    /**
     * Starts of try blocks that hold no {@code @Concurrent} call but an event or a return: the
     * block's pending work surfaces at its start, outside it, so none of its handlers (nor a
     * {@code finally}) sees a failure that serially came before the block (decision 034).
     */
    final Set<java.lang.classfile.Label> syncedTryStarts = new HashSet<>();
    final List<Handler> handlers = new ArrayList<>();

    /** Why an event goes where it goes, by element index: the first reason found ({@code --explain}). */
    final Map<Integer, String> reasons = new HashMap<>();
    /** The source line of each element index, where known (-1: none). */
    int[] lines = new int[0];
    /** The method's source file, as its problems and explanations name it. */
    String sourceFile = "";

    /** An event before element {@code at}, for {@code reason}. */
    void syncBefore(int at, String reason) {
        syncBefore.add(at);
        reasons.putIfAbsent(at, reason);
    }

    /** An event before each element of {@code at}, for {@code reason}. */
    void syncBefore(java.util.Collection<Integer> at, String reason) {
        for (Integer index : at) { // no stream: the agent weaves on the start-up path (decision 015)
            syncBefore(index, reason);
        }
    }

    /** An event after the load at {@code at} if pending stores may reach what it loads, for {@code reason}. */
    void syncIfStoresReach(int at, String reason) {
        syncIfStoresReach.add(at);
        reasons.putIfAbsent(at, reason);
    }

    /**
     * An event after the load at {@code at} of the iterator in {@code slot} if pending stores may
     * reach the collection it walks, for {@code reason}.
     */
    void syncIfWalkedStoresReach(int at, int slot, String reason) {
        syncIfWalkedStoresReach.put(at, slot);
        reasons.putIfAbsent(at, reason);
    }

    /** The iterator that the call at {@code maker} makes and {@code store} keeps in {@code slot} is checked. */
    void walks(int maker, int store, int slot) {
        walkedBy.put(maker, slot);
        walkedStores.put(store, slot);
    }

    /** The store at {@code store} keeps in {@code into} what the iterator in {@code from} gave: checked like it. */
    void takes(int store, int from, int into) {
        takenStores.put(store, new int[] {from, into});
    }

    /** Whether an event may happen at element {@code at}: before it, or after its load. */
    boolean hasEventAt(int at) {
        return syncBefore.contains(at) || syncIfStoresReach.contains(at) || syncIfWalkedStoresReach.containsKey(at);
    }

    /** Whether the event at {@code at}, if any, happens only if pending stores reach what is loaded there. */
    boolean mayWaitAt(int at) {
        return syncIfStoresReach.contains(at) || syncIfWalkedStoresReach.containsKey(at);
    }
}
