package deco.cluster.engine;

import deco.cluster.RemoteFailureException;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;

/**
 * What a member sends back for one task: its result, or the exception it threw (as it is when it
 * can travel, else a {@link RemoteFailureException} standing for it), with the member's address.
 *
 * @param value   the result (for a woven call, its {@code MethodCall.Result})
 * @param failure the exception, or {@code null}
 * @param member  the member's address
 */
record Reply(Object value, Throwable failure, String member) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static byte[] success(Object value, String member, String what) {
        try {
            return Payloads.write(new Reply(value, null, member));
        } catch (IOException e) {
            return failure(new IllegalStateException("the result of " + what + " cannot be sent back from member "
                    + member + ": " + e + " (a result must be Serializable)", e), member);
        }
    }

    static byte[] failure(Throwable failure, String member) {
        try {
            return Payloads.write(new Reply(null, failure, member));
        } catch (IOException e) {
            RemoteFailureException standIn = new RemoteFailureException(failure.getClass().getName(),
                    failure.getMessage() + " (on member " + member + ")", failure.getStackTrace());
            return Payloads.writeKnown(new Reply(null, standIn, member));
        }
    }
}
