package deco.cluster.engine;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import deco.core.remote.MethodCall;
import java.io.Serial;
import java.io.Serializable;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * What Hazelcast carries to a member for one task: the task's bytes (a {@link MethodCall} or a
 * serialisable {@code Callable}, made at the call on the owner), the owner's id and a description
 * for messages. On the member it runs the task and returns a {@link Reply}'s bytes: the task's own
 * outcome is data, so any exception Hazelcast raises is about the cluster (a lost member), never
 * the task.
 */
final class ShippedTask implements Callable<byte[]>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

    private final byte[] payload;
    private final UUID owner;
    private final String what;
    private transient HazelcastInstance member;

    ShippedTask(byte[] payload, UUID owner, String what) {
        this.payload = payload;
        this.owner = owner;
        this.what = what;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public byte[] call() {
        MemberTasks tasks = MemberTasks.of(member);
        String address = tasks.memberAddress();
        if (!tasks.start(owner)) {
            return Reply.failure(new CancellationException("the program that sent " + what + " is gone"), address);
        }
        try {
            ClassLoader loader = ClassLoader.getSystemClassLoader();
            Object task = Payloads.read(payload, loader);
            Object value = task instanceof MethodCall call
                    ? call.invoke(loader)
                    : ((Callable<?>) task).call();
            return Reply.success(value, address, what);
        } catch (ClassNotFoundException e) {
            return Reply.failure(new IllegalStateException(what + " cannot run on member " + address + ": class "
                    + e.getMessage() + " is not on its class path (start members with the application's "
                    + "classes: ClusterMember with -cp app.jar)", e), address);
        } catch (Throwable t) {
            return Reply.failure(t, address);
        } finally {
            tasks.end(owner);
        }
    }
}
