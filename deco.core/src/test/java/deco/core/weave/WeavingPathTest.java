package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The agent weaves on the application's start-up path, where the first run of a lambda, a pattern
 * switch or a string concatenation spins hidden classes for milliseconds (decision 015). The
 * weaver's classes have none of them, except those that serve only offline weaving.
 */
@DisplayName("Weaver: the agent's weaving code bootstraps no lambdas, pattern switches or concatenations")
class WeavingPathTest {

    /** Offline only: the command line, the build step, and the directory and chained class sources. */
    private static final Set<String> OFFLINE = Set.of("WeaverMain", "WeaverBuildStep", "ClassBytesSource");

    private static final Set<String> SLOW_BOOTSTRAPS = Set.of("java/lang/invoke/LambdaMetafactory",
            "java/lang/runtime/SwitchBootstraps", "java/lang/invoke/StringConcatFactory");

    @Test
    @DisplayName("no invokedynamic of LambdaMetafactory, SwitchBootstraps or StringConcatFactory")
    void noSlowBootstraps() throws IOException, URISyntaxException {
        Path classes = Path.of(Weaver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path weave = classes.resolve("deco/core/weave");
        assertTrue(Files.isDirectory(weave), "the weaver's classes are read from " + weave);
        List<String> found = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.list(weave)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                if (OFFLINE.contains(name.split("\\$")[0])) {
                    continue;
                }
                scanned++;
                ClassModel model = ClassFile.of().parse(file);
                for (MethodModel method : model.methods()) {
                    for (CodeElement element : method.code().map(c -> c.elementList()).orElse(List.of())) {
                        if (element instanceof InvokeDynamicInstruction indy) {
                            String owner = indy.bootstrapMethod().owner().descriptorString();
                            owner = owner.substring(1, owner.length() - 1);
                            if (SLOW_BOOTSTRAPS.contains(owner)) {
                                found.add(name + "." + method.methodName() + " uses " + owner);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(scanned > 20, "only " + scanned + " weaver classes found");
        assertEquals(List.of(), found);
    }
}
