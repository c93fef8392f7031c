package deco.cluster.engine;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import deco.cluster.ClusterUnavailableException;
import deco.core.remote.MethodCall;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One shipped task on the program's side: what deco's local engine runs, on one of the program's
 * threads. It takes a slot on a member, sends the task, waits for the reply and returns the
 * task's result or throws its exception, as a local call would. If the member is lost before it
 * replies, the task is sent to another member (a {@code @Concurrent} method is a function of its
 * arguments), up to {@value #ATTEMPTS} times; an interrupt (a failure of an earlier call, a timeout,
 * the owner's interrupt) cancels the task on the member and throws {@link InterruptedException}.
 */
final class RemoteCall<R> implements Callable<R> {

    /** How many members one task may be sent to before it fails. */
    static final int ATTEMPTS = 3;

    private final OwnerClient client;
    private final byte[] payload;
    private final MethodCall call;     // null for a task of the explicit API
    private final ClassLoader loader;  // where the program's classes are
    private final String what;

    RemoteCall(OwnerClient client, byte[] payload, MethodCall call, ClassLoader loader, String what) {
        this.client = client;
        this.payload = payload;
        this.call = call;
        this.loader = loader;
        this.what = what;
    }

    @Override
    public R call() throws Exception {
        ShippedTask task = new ShippedTask(payload, client.id(), what);
        Throwable lastLoss = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Member member = client.slots().acquire();
            Future<byte[]> future = null;
            try {
                future = client.executor().submitToMember(task, member);
                return settle(future.get());
            } catch (InterruptedException cancelled) {
                if (future != null) {
                    future.cancel(true);
                }
                throw cancelled;
            } catch (ExecutionException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (!memberLost(cause)) {
                    throw new IllegalStateException(what + " could not run on member " + member.getAddress()
                            + ": " + cause, cause);
                }
                client.slots().lost(member);
                lastLoss = cause;
            } finally {
                client.slots().release(member);
            }
        }
        throw new ClusterUnavailableException(what + " was sent to " + ATTEMPTS + " members of cluster '"
                + client.settings().name() + "' and each was lost before it finished", lastLoss);
    }

    private R settle(byte[] bytes) throws Exception {
        Reply reply = (Reply) Payloads.read(bytes, loader);
        if (reply.failure() != null) {
            throw rethrow(reply.failure());
        }
        Object value = reply.value();
        if (call != null) {
            MethodCall.Result result = (MethodCall.Result) value;
            call.recordWrites(result.writes());
            value = result.value();
        }
        @SuppressWarnings("unchecked")
        R typed = (R) value;
        return typed;
    }

    private static Exception rethrow(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (Exception) failure;
    }

    /** Whether {@code cause} says the member (or the connection to the cluster) went away. */
    static boolean memberLost(Throwable cause) {
        return cause instanceof MemberLeftException
                || cause instanceof TargetDisconnectedException
                || cause instanceof HazelcastInstanceNotActiveException
                || cause instanceof HazelcastClientOfflineException
                || cause instanceof RetryableException;
    }
}
