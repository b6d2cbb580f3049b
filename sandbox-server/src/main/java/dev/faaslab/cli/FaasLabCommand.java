package dev.faaslab.cli;

import dev.faaslab.core.Version;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code faaslab}: the top-level command; each subcommand is its own class. */
@Command(name = "faaslab",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "FaaS Lab: learn serverless computing by running it.",
        footer = {"",
                "The launcher also runs:",
                "  test     the whole test suite (mvn verify)",
                "  grade    grade a function against an exercise (the grader module: ./faaslab grade --help)",
                "",
                "Run 'faaslab help COMMAND' for a command's options."})
public final class FaasLabCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The subcommands, in the order help lists them. Built on demand: picocli reads every option of every
     * command it is given by reflection, which took a third of {@code faaslab start}'s start-up when all
     * were built to run one.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("start", StartCommand::new);
        SUBCOMMANDS.put("invoke", InvokeCommand::new);
        SUBCOMMANDS.put("simulate", SimulateCommand::new);
        SUBCOMMANDS.put("bench", BenchCommand::new);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
    }

    /** The whole command tree (for help, and for tests that look at every command). */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS.keySet().toArray(String[]::new));
    }

    /**
     * The command line to run {@code args}: only the subcommand they name, when they name one (its own
     * help, errors and usage read the same as in the whole tree), else the whole tree.
     */
    public static CommandLine forArguments(String... args) {
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help")) {
            return commandLine(args[0]);
        }
        return commandLine();
    }

    private static CommandLine commandLine(String... subcommands) {
        CommandLine commandLine = new CommandLine(new FaasLabCommand());
        for (String name : subcommands) {
            commandLine.addSubcommand(name, SUBCOMMANDS.get(name).get());
        }
        commandLine.setExpandAtFiles(false); // "--event @file.json" is ours to read, as the AWS CLI does
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("faaslab: internal error: " + exception);
            exception.printStackTrace(cmd.getErr());
            return ExitCode.INTERNAL;
        });
        return commandLine;
    }
}
