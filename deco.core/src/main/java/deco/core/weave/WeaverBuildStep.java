package deco.core.weave;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.charset.StandardCharsets;

/**
 * The offline weaver as a build step that runs {@code main} inside the build tool's JVM, such as
 * Maven's {@code exec:java}: it never exits the JVM, and a rejected form fails the step with an
 * exception whose text is only the {@code File.java:line: message} lines (no stack trace).
 *
 * {@snippet lang = "xml" :
 * <execution>
 *   <id>deco-weave</id>
 *   <phase>process-classes</phase>
 *   <goals><goal>java</goal></goals>
 *   <configuration>
 *     <mainClass>deco.core.weave.WeaverBuildStep</mainClass>
 *     <arguments><argument>${project.build.outputDirectory}</argument></arguments>
 *   </configuration>
 * </execution>
 * }
 *
 * <p>Arguments are those of {@link WeaverMain}.
 */
public final class WeaverBuildStep {

    private WeaverBuildStep() {
    }

    /**
     * Weaves, or throws.
     *
     * @param args {@code [--classpath PATH] DIR...}
     * @throws RuntimeException if a form is rejected (the problems are the message) or on bad
     *                          arguments or an I/O error; no class file was changed then
     */
    public static void main(String[] args) {
        ByteArrayOutputStream problems = new ByteArrayOutputStream();
        int status = WeaverMain.run(args, System.out, new PrintStream(problems, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new StepFailed(problems.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /** Printed by the build as its message alone: no class name, no stack trace. */
    private static final class StepFailed extends RuntimeException {

        @Serial
        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message, null, false, false);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
