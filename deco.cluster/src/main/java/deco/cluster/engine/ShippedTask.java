package deco.cluster.engine;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import deco.core.remote.MethodCall;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * What Hazelcast carries to a member for one task: the task's bytes (a {@link MethodCall} or a
 * serialisable {@code Callable}, made at the call on the owner), the fingerprint of the code it
 * can run ({@link ApplicationCode}), the owner's id and a description for messages; written field
 * by field ({@link WireTypes}). On the member it first compares the fingerprint with the member's
 * own: if the member's classes differ, nothing runs and the reply says which classes the member
 * has (decision 041). Else it runs the task and returns a {@link Reply}: the task's own outcome is
 * data, so any exception Hazelcast raises is about the cluster (a lost member), never the task.
 */
final class ShippedTask implements Callable<Reply>, IdentifiedDataSerializable, HazelcastInstanceAware {

    private byte[] payload;
    private List<String> roots;   // the application's classes the task starts from (ApplicationCode)
    private byte[] code;          // the program's fingerprint of the code they reach
    private UUID owner;
    private String what;
    private transient HazelcastInstance member;

    /** For Hazelcast ({@link WireTypes}). */
    ShippedTask() {
    }

    ShippedTask(byte[] payload, List<String> roots, byte[] code, UUID owner, String what) {
        this.payload = payload;
        this.roots = roots;
        this.code = code;
        this.owner = owner;
        this.what = what;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Reply call() {
        MemberTasks tasks = MemberTasks.of(member);
        String address = tasks.memberAddress();
        if (!tasks.start(owner)) {
            return Reply.failure(new CancellationException("the program that sent " + what + " is gone"), address);
        }
        try {
            ApplicationCode.Fingerprint own = tasks.applicationCode().of(roots);
            if (!Arrays.equals(own.digest(), code)) {
                return Reply.classesDiffer(own.classes(), address); // nothing of the task runs here
            }
            ClassLoader loader = ClassLoader.getSystemClassLoader();
            Object task = Payloads.read(payload, loader);
            if (task instanceof MethodCall call) {
                MethodCall.Result result = call.invoke(loader);
                return Reply.success(result.value(), result.writes(), address, what);
            }
            return Reply.success(((Callable<?>) task).call(), address, what);
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

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByteArray(payload);
        out.writeStringArray(roots.toArray(String[]::new));
        out.writeByteArray(code);
        out.writeLong(owner.getMostSignificantBits());
        out.writeLong(owner.getLeastSignificantBits());
        out.writeString(what);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        payload = in.readByteArray();
        roots = List.of(in.readStringArray());
        code = in.readByteArray();
        owner = new UUID(in.readLong(), in.readLong());
        what = in.readString();
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.SHIPPED_TASK;
    }
}
