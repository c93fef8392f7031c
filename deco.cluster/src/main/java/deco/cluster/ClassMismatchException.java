package deco.cluster;

import java.io.Serial;
import java.util.List;

/**
 * A task was not run on a member because the member's classes are not the program's: the called
 * method's class, a class of what the task carries, or a class their code reaches differs from
 * the program's copy, or is missing on one side (typically a member started before the
 * application was rebuilt). The member checks before it runs anything, so the task has no effect
 * there. Thrown by the synchronization event (or {@code Deco.map}) like any failure of the task,
 * as the first failure in call order; none of the event's stores are made. Restart the members
 * with the program's classes (decision 041).
 *
 * <p>What is compared: every class the task can reach from its roots through class-file
 * references, except the JDK's and those of deco's and Hazelcast's jars, by the digest of its
 * class file as compiled (a class woven offline and the same class woven by the agent compare
 * equal).
 */
public final class ClassMismatchException extends IllegalStateException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The member's address. */
    private final String member;
    /** What differs, one line per class. */
    private final List<String> differences;

    /**
     * Creates the exception.
     *
     * @param what        the task, as messages name it
     * @param member      the member's address
     * @param differences what differs, one line per class (e.g. {@code "app.Model differs"})
     */
    public ClassMismatchException(String what, String member, List<String> differences) {
        super(what + " was not run on member " + member + ": its classes are not the program's ("
                + summary(differences) + "); start the members with the program's classes");
        this.member = member;
        this.differences = List.copyOf(differences);
    }

    private static String summary(List<String> differences) {
        int shown = Math.min(differences.size(), 5);
        String listed = String.join(", ", differences.subList(0, shown));
        return differences.size() > shown ? listed + " and " + (differences.size() - shown) + " more" : listed;
    }

    /** {@return the address of the member that refused the task} */
    public String member() {
        return member;
    }

    /** {@return what differs, one line per class, the classes that differ first} */
    public List<String> differences() {
        return differences;
    }
}
