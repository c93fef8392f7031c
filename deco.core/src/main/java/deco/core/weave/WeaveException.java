package deco.core.weave;

import java.io.Serial;
import java.util.List;

/**
 * A class that uses {@code @Concurrent} calls in a form deco cannot parallelise without changing
 * the program's meaning. Each problem is one line, {@code File.java:line: message}.
 */
public final class WeaveException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** One line per problem, {@code File.java:line: message}. */
    private final List<String> problems;

    WeaveException(String className, List<String> problems) {
        super("cannot weave " + className + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * {@return one line per problem, {@code File.java:line: message}}
     */
    public List<String> problems() {
        return problems;
    }
}
