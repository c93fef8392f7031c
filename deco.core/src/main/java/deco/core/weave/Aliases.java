package deco.core.weave;

import java.util.HashMap;
import java.util.Map;

/**
 * Which roots may refer to the same objects, or to objects reachable from one another, in one
 * method: a union-find over {@link Root}s, built flow-insensitively (a link anywhere in the method
 * holds everywhere), so it can only over-approximate. Not thread-safe.
 */
final class Aliases {

    private final Map<Root, Root> parent = new HashMap<>();

    /** The representative of {@code root}'s class. */
    Root find(Root root) {
        Root up = parent.get(root);
        if (up == null) {
            return root;
        }
        Root top = find(up);
        if (top != up) {
            parent.put(root, top);
        }
        return top;
    }

    /** {@code a} and {@code b} may alias from now on; {@code null}s are ignored. */
    void union(Root a, Root b) {
        if (a == null || b == null) {
            return;
        }
        Root ra = find(a);
        Root rb = find(b);
        if (!ra.equals(rb)) {
            // HIDDEN stays the representative of its class, so "is it hidden" is one lookup
            if (rb.equals(Root.HIDDEN)) {
                parent.put(ra, rb);
            } else {
                parent.put(rb, ra);
            }
        }
    }
}
