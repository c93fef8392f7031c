package deco.core.internal;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.Vector;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The JDK's lists that hold their own storage (decision 055): what they keep is an array or
 * nodes of their own, made or copied when they are filled (a constructor given a collection
 * copies its {@code toArray()}), and never handed out. Reading one's storage ({@code get},
 * {@code size}) therefore reads no array the program holds, so a pending store into such an
 * array cannot change it. Views are not among them: {@code Arrays.asList} reads the array it
 * wraps, {@code Collections.unmodifiableList} and {@code subList} read the list they wrap. Exact
 * classes only: a subclass may override {@code get}. Used by the woven runtime's guards and by
 * {@link ListSizes}. Stateless.
 */
public final class OwnStorageLists {

    // Stream.toList() makes the class of List.of(1, 2, 3), with nulls allowed
    private static final Set<Class<?>> CLASSES = classes(ArrayList.class, LinkedList.class, Vector.class,
            CopyOnWriteArrayList.class, List.of().getClass(), List.of(1).getClass(), List.of(1, 2, 3).getClass());

    private OwnStorageLists() {
    }

    /** The classes, once each: {@code List.of()}'s lists share classes by size. */
    private static Set<Class<?>> classes(Class<?>... classes) {
        return Set.copyOf(java.util.Arrays.asList(classes));
    }

    /**
     * @param list a list, or {@code null}
     * @return whether it is of one of these exact classes
     */
    public static boolean is(Object list) {
        return list != null && CLASSES.contains(list.getClass());
    }
}
