package deco.core.woven;

import deco.core.Sync;
import deco.core.internal.FallibleStore;
import deco.core.internal.ListSizes;
import deco.core.internal.OwnStorageCollections;
import deco.core.internal.WovenSyncs;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What one woven call site does with a {@code @Concurrent} result: a call of {@code consumer}
 * (a store such as {@code Map.put}, an array store, or any call whose result the program
 * discards) with the converted result at {@code position}, deferred to the next
 * synchronization event.
 *
 * <p>The serial program stops at the first exception, a store's as much as a call's. A store
 * that cannot succeed whatever the result (a {@code null} target, an array index out of range, a
 * read-only JDK collection: {@link KnownRefusals}) is known at the call: the event happens there,
 * so the earlier stores are made, the call's own failure or the store's exception is thrown, and
 * no later call starts. A store that fails for its result (a failed cast or unboxing, an array
 * that does not accept it, a {@code null} receiver, a {@code null} a JDK map refuses) or for the
 * state the earlier stores leave (a {@code set} past the end of a JDK list) is foreseen at an
 * event that has a later failed call ({@link FallibleStore}).
 */
final class DeferredCall {

    private final MethodHandle consumer;   // (Object[])Object, spread over the inputs
    private final int position;
    private final MethodHandle conversion; // (Object)Object, the casts between call and store
    /** Whether the consumer dereferences its first input (an instance method's receiver, or an array). */
    private final boolean dereferencesFirst;

    /** The store the consumer is (an array store or a collection write), or null for any other call. */
    private final Write.Kind store;

    DeferredCall(MethodHandle consumer, int position, MethodHandle conversion, boolean dereferencesFirst,
                 Write.Kind store) {
        this.consumer = consumer;
        this.position = position;
        this.conversion = conversion;
        this.dereferencesFirst = dereferencesFirst;
        this.store = store;
    }

    /** Target of the call site: takes the inputs (the task at {@code position}) and the Sync. */
    void register(Object[] inputs, Sync sync) {
        Callable<?> task = (Callable<?>) inputs[position];
        inputs[position] = null;
        sync.then(task, new Store(task, inputs));
        if (store == Write.Kind.ARRAY_STORE) {
            WovenSyncs.storeTargets(sync).add(position == 0 ? null : inputs[0]); // decision 054
        } else if (store != null) { // a put, set or add: its target alone, if it holds its own storage (decision 061)
            WovenSyncs.storeTargets(sync).add(position == 0 || !OwnStorageCollections.is(inputs[0]) ? null : inputs[0]);
        }
        if (failsWhateverTheResult(inputs)) {
            // serially the store throws once the call has returned, and no later call is made
            sync.sync();
        }
    }

    private boolean failsWhateverTheResult(Object[] inputs) {
        if (dereferencesFirst && position != 0 && inputs[0] == null) {
            return true;
        }
        if (store != null && position != 0 && KnownRefusals.refusedWhateverTheValue(store, inputs)) {
            return true;
        }
        if (store == Write.Kind.ARRAY_STORE && inputs[1] instanceof Integer index) {
            int length = Array.getLength(inputs[0]);
            return index < 0 || index >= length;
        }
        return false;
    }

    /** One call's store: its inputs, and the task whose recorded writes are replayed first. */
    private final class Store implements FallibleStore {
        private final Callable<?> task;
        private final Object[] inputs;

        Store(Callable<?> task, Object[] inputs) {
            this.task = task;
            this.inputs = inputs;
        }

        @Override
        public void accept(Object result) {
            RecordingTask.replayIfRecording(task);
            try {
                inputs[position] = (Object) conversion.invokeExact(result);
                Object ignored = (Object) consumer.invokeExact(inputs);
            } catch (Throwable t) {
                throw Sneaky.<RuntimeException>rethrow(t);
            }
        }

        @Override
        public boolean wouldThrow(Object result, ListSizes sizes) {
            Object converted;
            try {
                converted = (Object) conversion.invokeExact(result);
            } catch (Throwable castFailed) {
                return true;
            }
            if (dereferencesFirst && position == 0 && converted == null) {
                return true;
            }
            if (position == 0) {
                return false; // the result is the target: a write it refuses is its own business
            }
            if (store == Write.Kind.MAP_PUT && converted == null) {
                return KnownRefusals.refusesNull((Map<?, ?>) inputs[0], position == 1 ? null : inputs[1],
                        position == 2 ? null : inputs[2]);
            }
            if (store == Write.Kind.LIST_SET && sizes.unchanged(inputs[0])) {
                Object index = position == 1 ? converted : inputs[1];
                return KnownRefusals.pastTheEnd((List<?>) inputs[0], (Integer) index);
            }
            return store == Write.Kind.ARRAY_STORE && converted != null && inputs[0] instanceof Object[] array
                    && !array.getClass().getComponentType().isInstance(converted);
        }

        @Override
        public void noteResizes(ListSizes sizes) {
            if (!RecordingTask.replayKeepsListSizes(task) || store == null) {
                sizes.mayChangeAny(); // a user's collection written by the call, or a call of anything
            } else if (store == Write.Kind.COLLECTION_ADD) {
                sizes.mayChange(inputs[0]); // an add grows its own target
            } else if (!store.keepsListSizes(inputs[0])) {
                sizes.mayChangeAny();
            }
        }
    }
}
