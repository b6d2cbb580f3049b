package dev.faaslab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faaslab}: the top-level command; each subcommand is its own class. */
@Command(name = "faaslab",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "FaaS Lab: learn serverless computing by running it.",
        subcommands = {StartCommand.class, InvokeCommand.class, SimulateCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
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

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new FaasLabCommand());
        commandLine.setExpandAtFiles(false); // "--event @file.json" is ours to read, as the AWS CLI does
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("faaslab: internal error: " + exception);
            exception.printStackTrace(cmd.getErr());
            return ExitCode.INTERNAL;
        });
        return commandLine;
    }
}
