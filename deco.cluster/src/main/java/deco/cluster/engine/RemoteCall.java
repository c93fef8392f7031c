package deco.cluster.engine;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import deco.cluster.ClassMismatchException;
import deco.cluster.ClusterUnavailableException;
import deco.core.remote.MethodCall;
import deco.core.remote.RemoteTask;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One shipped task on the program's side. It takes a slot on a member, sends the task and
 * returns the task's result or throws its exception, as a local call would. If the member is lost
 * before it replies, the task is sent to another member (a {@code @Concurrent} method is a
 * function of its arguments), up to {@value #ATTEMPTS} members in all.
 *
 * <p>Two ways to run, with the same outcome: {@link #start} sends it from the owner thread and
 * settles from the reply, with no thread of the program waiting (when a member has a free slot);
 * {@link #call} waits on the caller's thread, and an interrupt (a failure of an earlier call, a
 * timeout, the owner's interrupt) cancels the task on the member and throws
 * {@link InterruptedException}. Thread-safe.
 */
final class RemoteCall<R> implements RemoteTask<R> {

    /** How many members one task may be sent to before it fails. */
    static final int ATTEMPTS = 3;

    private final OwnerClient client;
    private final ShippedTask task;
    private final MethodCall call;     // null for a task of the explicit API
    private final ClassLoader loader;  // where the program's classes are
    private final String what;
    private final ApplicationCode.Fingerprint code; // what the program's classes say the task can run

    RemoteCall(OwnerClient client, byte[] payload, List<String> roots, ApplicationCode.Fingerprint code,
               MethodCall call, ClassLoader loader, String what) {
        this.client = client;
        this.task = new ShippedTask(payload, roots, code.digest(), client.id(), what);
        this.code = code;
        this.call = call;
        this.loader = loader;
        this.what = what;
    }

    @Override
    public R call() throws Exception {
        return sendWaiting(1, null);
    }

    /** Attempts {@code first} to {@value #ATTEMPTS}, each waiting on this thread. */
    private R sendWaiting(int first, Throwable lostBefore) throws Exception {
        Throwable lastLoss = lostBefore;
        for (int attempt = first; attempt <= ATTEMPTS; attempt++) {
            Member member = client.slots().acquire();
            Future<Reply> future = null;
            Reply reply;
            try {
                future = client.executor().submitToMember(task, member);
                reply = future.get();
            } catch (InterruptedException cancelled) {
                if (future != null) {
                    future.cancel(true);
                }
                throw cancelled;
            } catch (ExecutionException | RuntimeException e) {
                Throwable cause = causeOf(e);
                if (!memberLost(cause)) {
                    throw notRun(member, cause);
                }
                client.slots().lost(member);
                lastLoss = cause;
                continue;
            } finally {
                client.slots().release(member);
            }
            return settle(reply); // outside the try: the task's own exception is not about the member
        }
        throw allLost(lastLoss);
    }

    @Override
    public Runnable start(Consumer<Callable<R>> done) {
        Member member = client.slots().tryAcquire();
        if (member == null) {
            return null; // every slot is taken: the engine calls call() on a thread, which waits for one
        }
        Future<Reply> future;
        try {
            future = client.executor().submitToMember(task, member);
        } catch (RuntimeException e) {
            client.slots().release(member);
            if (memberLost(e)) {
                client.slots().lost(member);
                return null; // call() sends it elsewhere
            }
            throw notRun(member, e);
        }
        Flight flight = new Flight(done);
        flight.watch(member, future);
        return flight::cancel;
    }

    /** A task started by {@link #start}: settles from its reply, and sends it again if its member is lost. */
    private final class Flight {
        private final Consumer<Callable<R>> done;
        private volatile boolean cancelled;
        private volatile Future<Reply> current;
        private volatile Thread resender;

        Flight(Consumer<Callable<R>> done) {
            this.done = done;
        }

        void watch(Member member, Future<Reply> future) {
            current = future;
            if (future instanceof CompletionStage<?> stage) { // Hazelcast 5's futures are
                stage.whenCompleteAsync((reply, error) -> arrived(member, (Reply) reply, error), Runnable::run);
            } else {
                Thread.ofVirtual().name("deco-reply").start(() -> {
                    Reply reply = null;
                    Throwable error = null;
                    try {
                        reply = future.get();
                    } catch (Throwable t) {
                        error = t;
                    }
                    arrived(member, reply, error);
                });
            }
            if (cancelled) {
                Thread.ofVirtual().name("deco-cancel").start(() -> future.cancel(true));
            }
        }

        private void arrived(Member member, Reply reply, Throwable error) {
            client.slots().release(member);
            if (error == null) {
                done.accept(() -> settle(reply));
                return;
            }
            Throwable cause = causeOf(error);
            if (cancelled || cause instanceof CancellationException || cause instanceof InterruptedException) {
                done.accept(() -> {
                    throw new InterruptedException(what + " was cancelled");
                });
            } else if (!memberLost(cause)) {
                done.accept(() -> {
                    throw notRun(member, cause);
                });
            } else {
                client.slots().lost(member);
                resend(cause);
            }
        }

        /** The member was lost: the next attempts wait for a member on a thread of their own. */
        private void resend(Throwable loss) {
            resender = Thread.ofVirtual().name("deco-resend").start(() -> {
                R result;
                try {
                    result = sendWaiting(2, loss);
                } catch (Throwable t) {
                    done.accept(() -> {
                        throw t instanceof Exception e ? e : new ExecutionException(t);
                    });
                    return;
                }
                done.accept(() -> result);
            });
            if (cancelled) {
                resender.interrupt();
            }
        }

        /**
         * Cancels without blocking: Hazelcast's cancel of a member's task waits for the member's
         * answer, so it runs on a thread of its own; the outcome follows through {@code done}.
         */
        void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            Future<Reply> future = current;
            if (future != null) {
                Thread.ofVirtual().name("deco-cancel").start(() -> future.cancel(true));
            }
            Thread thread = resender;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    private R settle(Reply reply) throws Exception {
        if (reply.memberClasses() != null) {
            List<String> differences = code.differences(reply.memberClasses(), "the program", "member " + reply.member());
            throw new ClassMismatchException(what, reply.member(),
                    differences.isEmpty() ? List.of("the digests of their classes differ") : differences);
        }
        if (reply.failed()) {
            throw rethrow(reply.failure(loader));
        }
        Object value = reply.value(loader);
        if (call != null) {
            call.recordWrites(reply.writes(loader));
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

    private IllegalStateException notRun(Member member, Throwable cause) {
        return new IllegalStateException(what + " could not run on member " + member.getAddress() + ": " + cause, cause);
    }

    private ClusterUnavailableException allLost(Throwable lastLoss) {
        return new ClusterUnavailableException(what + " was sent to " + ATTEMPTS + " members of cluster '"
                + client.settings().name() + "' and each was lost before it finished", lastLoss);
    }

    /** {@return what went wrong, without the future's wrapping} */
    private static Throwable causeOf(Throwable failure) {
        return failure instanceof CompletionException || failure instanceof ExecutionException
                ? failure.getCause() : failure;
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
