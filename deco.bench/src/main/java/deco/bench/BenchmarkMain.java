package deco.bench;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The entry point of {@code benchmarks.jar}: JMH's own command line, with the project's JVM
 * flags ({@link JvmFlags}) appended to every fork so that no benchmark runs without them.
 *
 * {@snippet lang = "shell" :
 * java -jar deco.bench/target/benchmarks.jar CallOverhead -prof gc
 * }
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /**
     * Runs JMH.
     *
     * @param args JMH's command line ({@code -h} lists it)
     * @throws Exception whatever JMH throws
     */
    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        if (cli.shouldHelp()) {
            cli.showHelp();
            return;
        }
        List<String> append = new ArrayList<>(JvmFlags.load());
        if (cli.getJvmArgsAppend().hasValue()) {
            append.addAll(cli.getJvmArgsAppend().get());
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli)
                .jvmArgsAppend(append.toArray(String[]::new));
        Runner runner = new Runner(options.build());
        if (cli.shouldList()) {
            runner.list();
            return;
        }
        runner.run();
    }
}
