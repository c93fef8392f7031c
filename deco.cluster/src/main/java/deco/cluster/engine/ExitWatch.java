package deco.cluster.engine;

import com.hazelcast.core.HazelcastInstance;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends a program's Hazelcast client once every other non-daemon thread of the JVM has ended, so
 * that a program that used the cluster exits like one that did not (Hazelcast's client threads
 * are not daemon threads). A daemon thread that looks four times a second; the client's threads
 * are recognised by their names, which carry the client's instance name.
 */
final class ExitWatch implements Runnable {

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final HazelcastInstance client;
    private final String name;

    private ExitWatch(HazelcastInstance client) {
        this.client = client;
        this.name = client.getName();
    }

    static void start(HazelcastInstance client) {
        Thread watch = new Thread(new ExitWatch(client), "deco-cluster-exit-watch");
        watch.setDaemon(true);
        watch.start();
    }

    @Override
    public void run() {
        while (client.getLifecycleService().isRunning()) {
            LockSupport.parkNanos(PERIOD_NANOS);
            if (!programThreadsAlive()) {
                client.shutdown();
                return;
            }
        }
    }

    private boolean programThreadsAlive() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int count = root.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            if (!thread.isDaemon() && thread.isAlive() && !thread.getName().contains(name)
                    && !thread.getName().equals("DestroyJavaVM")) {
                return true;
            }
        }
        return false;
    }
}
