package deco.cluster.engine;

import com.hazelcast.client.Client;
import com.hazelcast.client.ClientListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * On a member: which threads run tasks of which program, so that when a program's connection
 * ends (it exited or was killed) its running tasks are interrupted and its queued ones never
 * start. The member stays healthy for the next program. Thread-safe (one monitor).
 */
public final class MemberTasks implements ClientListener {

    static final String KEY = "deco.member.tasks";
    /** Owners remembered as gone; old ones are forgotten (their tasks are long drained). */
    private static final int GONE_REMEMBERED = 10_000;

    private final String memberAddress;
    private final ApplicationCode applicationCode = new ApplicationCode(ClassLoader.getSystemClassLoader());
    private final Map<UUID, Set<Thread>> running = new HashMap<>();
    private final Set<UUID> gone = Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > GONE_REMEMBERED;
        }
    });

    private MemberTasks(HazelcastInstance hazelcast) {
        this.memberAddress = hazelcast.getCluster().getLocalMember().getAddress().toString();
    }

    /**
     * Installs the registry on a member: called once, by {@code ClusterMember.start}.
     *
     * @param hazelcast the member
     */
    public static void install(HazelcastInstance hazelcast) {
        MemberTasks tasks = new MemberTasks(hazelcast);
        hazelcast.getUserContext().put(KEY, tasks);
        hazelcast.getClientService().addClientListener(tasks);
    }

    static MemberTasks of(HazelcastInstance hazelcast) {
        Object tasks = hazelcast.getUserContext().get(KEY);
        if (tasks == null) {
            throw new IllegalStateException("this Hazelcast member was not started by deco.cluster.ClusterMember");
        }
        return (MemberTasks) tasks;
    }

    /** {@return the application's code as this member's class path has it} */
    ApplicationCode applicationCode() {
        return applicationCode;
    }

    /** {@return this member's address, for replies} */
    String memberAddress() {
        return memberAddress;
    }

    /**
     * The current thread starts a task of {@code owner}.
     *
     * @return {@code false} if the owner is gone: drop the task
     */
    synchronized boolean start(UUID owner) {
        if (gone.contains(owner)) {
            return false;
        }
        running.computeIfAbsent(owner, o -> new HashSet<>()).add(Thread.currentThread());
        return true;
    }

    /** The current thread ended its task of {@code owner}; clears an interrupt meant for the task. */
    void end(UUID owner) {
        synchronized (this) {
            Set<Thread> threads = running.get(owner);
            if (threads != null) {
                threads.remove(Thread.currentThread());
                if (threads.isEmpty()) {
                    running.remove(owner);
                }
            }
        }
        Thread.interrupted(); // the pool thread runs the next task with a clean status
    }

    @Override
    public synchronized void clientConnected(Client client) {
        gone.remove(client.getUuid()); // a program that reconnected after a network blip
    }

    @Override
    public void clientDisconnected(Client client) {
        Set<Thread> threads;
        synchronized (this) {
            gone.add(client.getUuid());
            threads = running.remove(client.getUuid());
        }
        if (threads != null) {
            for (Thread thread : threads) {
                thread.interrupt();
            }
        }
    }

}
