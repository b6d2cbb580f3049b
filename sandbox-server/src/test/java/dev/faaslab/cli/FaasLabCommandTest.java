package dev.faaslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@DisplayName("The faaslab command line")
class FaasLabCommandTest {

    private static final List<String> EVERY_COMMAND = List.of("start", "invoke", "simulate", "bench", "help");

    @Test
    @DisplayName("builds only the command it is asked to run")
    void buildsOnlyTheCommandToRun() {
        assertEquals(List.of("start"), List.copyOf(FaasLabCommand.forArguments("start", "--port", "0")
                .getSubcommands().keySet()));
        assertEquals(List.of("bench"), List.copyOf(FaasLabCommand.forArguments("bench", "http", "--json")
                .getSubcommands().keySet()));
    }

    @Test
    @DisplayName("builds every command for help, no command, or a name it does not know")
    void buildsEveryCommandOtherwise() {
        for (String[] args : List.of(new String[0], new String[] {"help", "start"}, new String[] {"strat"},
                new String[] {"--version"})) {
            assertEquals(EVERY_COMMAND, List.copyOf(FaasLabCommand.forArguments(args).getSubcommands().keySet()),
                    String.join(" ", args));
        }
    }

    @Test
    @DisplayName("prints a command's help as the whole tree prints it")
    void printsTheSameHelp() {
        for (String command : List.of("start", "invoke", "simulate", "bench")) {
            String alone = run(FaasLabCommand.forArguments(command, "--help"), command, "--help");
            assertTrue(alone.startsWith("Usage: faaslab " + command), alone);
            assertEquals(run(FaasLabCommand.commandLine(), command, "--help"), alone);
        }
    }

    @Test
    @DisplayName("suggests the command a mistyped name was meant to be")
    void suggestsTheRightName() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = FaasLabCommand.forArguments("strat");
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(2, commandLine.execute("strat"));
        assertTrue(err.toString().contains("start"), err.toString());
    }

    @Test
    @DisplayName("refuses an --allowed-hosts entry that is not a host name, before starting anything")
    void refusesABadAllowedHost() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = FaasLabCommand.forArguments("start");
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(2, commandLine.execute("start", "--port", "0", "--no-browser", "--allowed-hosts",
                "faaslab.school.lan,http://pc7/"));
        assertTrue(err.toString().contains("--allowed-hosts: 'http://pc7/' is not a host name"), err.toString());
    }

    private static String run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.execute(args);
        return out.toString();
    }
}
