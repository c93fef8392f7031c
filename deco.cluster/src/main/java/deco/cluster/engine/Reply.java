package deco.cluster.engine;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import deco.cluster.ClassMismatchException;
import deco.cluster.RemoteFailureException;
import deco.core.remote.MethodCall;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a member sends back for one task: its result, or the exception it threw, with the member's
 * address; for a woven call also the writes it made to its arguments. Written by Hazelcast as a
 * {@link IdentifiedDataSerializable} ({@link WireTypes}): the common results (null, boxed
 * primitives, strings) travel as themselves, anything else as Java-serialised bytes that the owner
 * reads with the program's class loader ({@link #value}), so no class of the program is resolved
 * by Hazelcast's own loader. Made once on the member; read once on the owner.
 */
final class Reply implements IdentifiedDataSerializable {

    private static final List<MethodCall.ArgumentWrite> NOT_A_METHOD_CALL = null;

    private String member;
    private boolean failed;
    private Object value;              // the result, or the failure, as InlineValues writes it
    private byte[] serialised;         // else its Java serialisation
    private String failureClass;       // of a failure, for a stand-in when the owner lacks the class
    private String failureMessage;
    private byte[] writes;             // a woven call's argument writes, Java-serialised, or null
    private SortedMap<String, String> memberClasses; // the member's classes, when they are not the program's

    /** For Hazelcast ({@link WireTypes}). */
    Reply() {
    }

    /**
     * The reply for a task that returned.
     *
     * @param value  its result
     * @param writes a woven call's argument writes, or {@code null} for another task
     * @param member the member's address
     * @param what   the task, for messages
     */
    static Reply success(Object value, List<MethodCall.ArgumentWrite> writes, String member, String what) {
        Reply reply = new Reply();
        reply.member = member;
        try {
            reply.hold(value);
            reply.writes = writes == null || writes.isEmpty() ? null : Payloads.write(writes);
        } catch (IOException e) {
            return failure(new IllegalStateException("the result of " + what + " cannot be sent back from member "
                    + member + ": " + e + " (a result must be Serializable)", e), member);
        }
        return reply;
    }

    /** The reply for a task of the explicit API that returned {@code value}. */
    static Reply success(Object value, String member, String what) {
        return success(value, NOT_A_METHOD_CALL, member, what);
    }

    /**
     * The reply for a task that threw: the exception as it is when it can travel, else a
     * {@link RemoteFailureException} standing for it.
     */
    static Reply failure(Throwable failure, String member) {
        Reply reply = new Reply();
        reply.member = member;
        reply.failed = true;
        reply.failureClass = failure.getClass().getName();
        reply.failureMessage = String.valueOf(failure.getMessage());
        try {
            reply.serialised = Payloads.write(failure);
        } catch (IOException e) {
            reply.serialised = Payloads.writeKnown(new RemoteFailureException(reply.failureClass,
                    reply.failureMessage + " (on member " + member + ")", failure.getStackTrace()));
        }
        return reply;
    }

    /**
     * The reply for a task the member did not run because its classes are not the program's.
     *
     * @param memberClasses the member's classes for the task's roots, with their digests
     * @param member        the member's address
     */
    static Reply classesDiffer(SortedMap<String, String> memberClasses, String member) {
        Reply reply = new Reply();
        reply.member = member;
        reply.failed = true;
        reply.failureClass = ClassMismatchException.class.getName();
        reply.failureMessage = "the member's classes are not the program's";
        reply.memberClasses = memberClasses;
        return reply;
    }

    /** {@return the member's classes if it did not run the task because they differ, else {@code null}} */
    SortedMap<String, String> memberClasses() {
        return memberClasses;
    }

    private void hold(Object result) throws IOException {
        if (InlineValues.inline(result)) {
            value = result;
        } else {
            serialised = Payloads.write(result);
        }
    }

    /** {@return whether the task threw} */
    boolean failed() {
        return failed;
    }

    /** {@return the member's address} */
    String member() {
        return member;
    }

    /**
     * @param loader where the program's classes are
     * @return the task's result
     * @throws IOException            if the bytes are damaged
     * @throws ClassNotFoundException if the result's class is not found through {@code loader}
     */
    Object value(ClassLoader loader) throws IOException, ClassNotFoundException {
        return serialised == null ? value : Payloads.read(serialised, loader);
    }

    /**
     * @param loader where the program's classes are
     * @return the exception the task threw; a {@link RemoteFailureException} standing for it if
     * its class is not found through {@code loader}
     * @throws IOException if the bytes are damaged
     */
    Throwable failure(ClassLoader loader) throws IOException {
        try {
            return (Throwable) Payloads.read(serialised, loader);
        } catch (ClassNotFoundException e) {
            return new RemoteFailureException(failureClass, failureMessage + " (on member " + member
                    + "; the class " + e.getMessage() + " is not in this program)", new StackTraceElement[0]);
        }
    }

    /**
     * @param loader where the program's classes are
     * @return a woven call's argument writes, in order (empty if none)
     */
    @SuppressWarnings("unchecked")
    List<MethodCall.ArgumentWrite> writes(ClassLoader loader) throws IOException, ClassNotFoundException {
        return writes == null ? List.of() : (List<MethodCall.ArgumentWrite>) Payloads.read(writes, loader);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(member);
        out.writeBoolean(failed);
        if (failed) {
            out.writeString(failureClass);
            out.writeString(failureMessage);
        }
        out.writeByteArray(serialised);
        if (serialised == null) {
            InlineValues.write(out, value);
        }
        out.writeByteArray(writes);
        out.writeInt(memberClasses == null ? -1 : memberClasses.size());
        if (memberClasses != null) {
            for (Map.Entry<String, String> entry : memberClasses.entrySet()) {
                out.writeString(entry.getKey());
                out.writeString(entry.getValue());
            }
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        member = in.readString();
        failed = in.readBoolean();
        if (failed) {
            failureClass = in.readString();
            failureMessage = in.readString();
        }
        serialised = in.readByteArray();
        if (serialised == null) {
            value = InlineValues.read(in);
        }
        writes = in.readByteArray();
        int classes = in.readInt();
        if (classes >= 0) {
            memberClasses = new TreeMap<>();
            for (int i = 0; i < classes; i++) {
                memberClasses.put(in.readString(), in.readString());
            }
        }
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.REPLY;
    }
}
