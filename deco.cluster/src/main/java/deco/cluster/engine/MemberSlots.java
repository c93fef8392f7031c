package deco.cluster.engine;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import deco.cluster.ClusterUnavailableException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * On the program's side: the deco members of the cluster and how many of this program's tasks
 * each has. A task takes a slot on the member with the most free slots (each member has
 * {@link #PIPELINE} per thread of its {@code deco.threads}), so a faster or bigger member takes more work, and no member
 * queues more than it runs; a task that finds every slot taken waits for one (on its own thread:
 * the program's loop never blocks). Thread-safe: all state under one lock.
 */
final class MemberSlots implements MembershipListener {

    /**
     * Tasks in flight per member thread: one running, the others sent ahead, so a member never
     * idles for a round trip between tasks while no member queues much more than it runs.
     */
    static final int PIPELINE = 4;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<UUID, Slots> members = new LinkedHashMap<>(); // guarded by lock
    private final Duration memberWait;
    private final String cluster;

    MemberSlots(String cluster, Duration memberWait) {
        this.cluster = cluster;
        this.memberWait = memberWait;
    }

    /** Per member: the Hazelcast member, its capacity and the tasks in flight on it. */
    private static final class Slots {
        final Member member;
        final int capacity;
        int inFlight;

        Slots(Member member, int capacity) {
            this.member = member;
            this.capacity = capacity;
        }
    }

    /** Replaces the view with {@code current} (at connection, or after a reconnection). */
    void reset(Set<Member> current) {
        lock.lock();
        try {
            members.keySet().retainAll(current.stream().map(Member::getUuid).toList());
            for (Member member : current) {
                add(member);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The program lost its connection to the cluster: no member is usable until it is back. */
    void disconnected() {
        lock.lock();
        try {
            members.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a slot.
     *
     * @return the member to send the task to
     * @throws InterruptedException        if the task is cancelled while waiting
     * @throws ClusterUnavailableException if no deco member is there for the member wait
     */
    Member acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long noMemberSince = 0L;
            while (true) {
                Member free = takeFree();
                if (free != null) {
                    return free;
                }
                if (!members.isEmpty()) {
                    changed.await();
                    noMemberSince = 0L;
                    continue;
                }
                long now = System.nanoTime();
                if (noMemberSince == 0L) {
                    noMemberSince = now;
                }
                long left = memberWait.toNanos() - (now - noMemberSince);
                if (left <= 0L) {
                    throw new ClusterUnavailableException("no deco member of cluster '" + cluster + "' was reachable for "
                            + memberWait.toSeconds() + " s (start members with deco.cluster.ClusterMember)", null);
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@return a slot taken on the member with the most free ones, or {@code null} if none is free now} */
    Member tryAcquire() {
        lock.lock();
        try {
            return takeFree();
        } finally {
            lock.unlock();
        }
    }

    /** The most free member's slot, or {@code null}. Holds the lock. */
    private Member takeFree() {
        Slots best = null;
        for (Slots slots : members.values()) {
            if (slots.inFlight < slots.capacity
                    && (best == null || slots.capacity - slots.inFlight > best.capacity - best.inFlight)) {
                best = slots;
            }
        }
        if (best == null) {
            return null;
        }
        best.inFlight++;
        return best.member;
    }

    /** Gives back a slot taken on {@code member}. */
    void release(Member member) {
        lock.lock();
        try {
            Slots slots = members.get(member.getUuid());
            if (slots != null && slots.inFlight > 0) {
                slots.inFlight--;
            }
            changed.signal(); // one slot for one waiter
        } finally {
            lock.unlock();
        }
    }

    /** {@code member} failed a task as lost: no task goes there until it joins again. */
    void lost(Member member) {
        lock.lock();
        try {
            members.remove(member.getUuid());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        lock.lock();
        try {
            add(event.getMember());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        lost(event.getMember());
    }

    private void add(Member member) {
        String threads = member.getAttribute(HazelcastConfigs.THREADS_ATTRIBUTE);
        if (threads == null || members.containsKey(member.getUuid())) {
            return; // not a deco member, or known
        }
        members.put(member.getUuid(), new Slots(member, PIPELINE * Math.max(1, Integer.parseInt(threads))));
    }
}
