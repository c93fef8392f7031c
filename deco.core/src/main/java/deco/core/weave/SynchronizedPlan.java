package deco.core.weave;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the rewrite of one {@code @Synchronized} method does, by element index of its code: the
 * {@code @Concurrent} calls to fork, the uses of their results to defer, the conversions to drop
 * (they move into the deferred store), and the loads before which a synchronization event goes.
 */
final class SynchronizedPlan {

    final Map<Integer, ConcurrentCall> calls = new HashMap<>();
    final Map<Integer, ConcurrentCall> uses = new HashMap<>();
    final Set<Integer> removed = new HashSet<>();
    final Set<Integer> syncBefore = new HashSet<>();
}
