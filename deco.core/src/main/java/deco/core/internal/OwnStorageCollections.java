package deco.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The JDK's lists, maps, sets and queues that hold their own storage (decisions 055, 061, 062):
 * what they keep is an array, nodes or a table of their own, made or copied when they are filled
 * (a constructor given a collection copies it), and never handed out. Reading one's storage
 * ({@code get}, {@code size}, {@code containsKey}, walking it with an iterator) therefore reads no
 * array and no other collection the program holds, and only a write into that very object changes
 * it. Views are not among them: {@code Arrays.asList} reads the array it wraps,
 * {@code Collections.unmodifiableList}, {@code subList}, {@code Collections.synchronizedMap} and
 * {@code keySet()} read the collection they wrap; nor are {@code TreeSet} and
 * {@code ConcurrentSkipListSet}, whose {@code subSet}, {@code headSet} and {@code descendingSet}
 * are sets of the same class over another's map. Exact classes only: a subclass may override
 * {@code get}. Used by the woven runtime's guards and by {@link ListSizes}. Stateless.
 */
public final class OwnStorageCollections {

    // Stream.toList() makes the class of List.of(1, 2, 3), with nulls allowed
    private static final Set<Class<?>> CLASSES = classes(ArrayList.class, LinkedList.class, Vector.class,
            CopyOnWriteArrayList.class, List.of().getClass(), List.of(1).getClass(), List.of(1, 2, 3).getClass(),
            HashMap.class, LinkedHashMap.class, TreeMap.class, Hashtable.class, IdentityHashMap.class, EnumMap.class,
            ConcurrentHashMap.class, ConcurrentSkipListMap.class,
            Map.of().getClass(), Map.of(1, 1).getClass(), Map.of(1, 1, 2, 2).getClass(),
            // sets and queues walked with for-each (decision 062)
            HashSet.class, LinkedHashSet.class, ArrayDeque.class, PriorityQueue.class, CopyOnWriteArraySet.class,
            ConcurrentLinkedQueue.class, ConcurrentLinkedDeque.class,
            Set.of().getClass(), Set.of(1).getClass(), Set.of(1, 2, 3).getClass());

    private OwnStorageCollections() {
    }

    /** The classes, once each: {@code List.of()}'s lists share classes by size. */
    private static Set<Class<?>> classes(Class<?>... classes) {
        return Set.copyOf(java.util.Arrays.asList(classes));
    }

    /**
     * @param collection a list, a map, or {@code null}
     * @return whether it is of one of these exact classes
     */
    public static boolean is(Object collection) {
        return collection != null && CLASSES.contains(collection.getClass());
    }
}
