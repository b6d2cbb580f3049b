package dev.faaslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.store.Database;
import dev.faaslab.store.PostgresUrl;
import dev.faaslab.store.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("faaslab start --database")
class DatabaseOptionTest {

    private static final String SECTION = "### Keeping the state in PostgreSQL";

    @Test
    @DisplayName("refuses a URL that is not PostgreSQL's before starting anything, saying how to write one")
    void refusesAnotherUrl() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = FaasLabCommand.forArguments("start");
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(ExitCode.USAGE, commandLine.execute("start", "--port", "0", "--no-browser", "--database",
                "mysql://ada@localhost/faaslab"));
        assertEquals("faaslab start: --database: 'mysql://ada@localhost/faaslab' is not a PostgreSQL URL (FaaS Lab keeps"
                + " its state in its own H2 files, or in PostgreSQL): write postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE,"
                + " for example postgresql://faaslab@localhost:5432/faaslab", err.toString().strip());
    }

    @Test
    @DisplayName("works as the README shows: its createdb makes a database that its start command's URL opens")
    void readmeExample(@TempDir Path data) throws Exception {
        List<String> commands = readmeCommands();
        assertEquals(2, commands.size(), "the README's example is two commands: " + commands);
        TestPostgres server = TestPostgres.get();
        server.execute("DROP DATABASE IF EXISTS faaslab");

        List<String> createdb = Arrays.asList(commands.get(0).split(" "));
        assertEquals("createdb", createdb.getFirst());
        Process created = server.program("createdb", createdb.subList(1, createdb.size()).toArray(String[]::new))
                .redirectErrorStream(true).start();
        assertTrue(created.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, created.exitValue(), () -> new String(readAll(created)));

        List<String> start = Arrays.asList(commands.get(1).split(" "));
        assertEquals(List.of("./faaslab", "start"), start.subList(0, 2));
        String[] arguments = start.subList(1, start.size()).toArray(String[]::new);
        CommandLine.ParseResult parsed = FaasLabCommand.forArguments(arguments).parseArgs(arguments);
        PostgresUrl url = PostgresUrl.parse(parsed.subcommand().matchedOptionValue("--database", ""));
        assertEquals(new PostgresUrl("faaslab", null, "localhost", 5432, "faaslab", ""), url);
        // The same database on the test server, which listens on a port of its own.
        PostgresUrl here = new PostgresUrl(url.user(), url.password(), "127.0.0.1", server.port(), url.database(), "");
        try (Database database = Database.open(data, here)) {
            assertEquals("postgresql://faaslab@127.0.0.1:" + server.port() + "/faaslab", database.location());
        }
    }

    /** The commands in the README section's code block. */
    private static List<String> readmeCommands() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf(SECTION);
        assertTrue(section >= 0, "the README has the section '" + SECTION + "'");
        int open = readme.indexOf("```\n", section) + 4;
        return readme.substring(open, readme.indexOf("```", open)).lines().map(String::strip).toList();
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
            return e.toString().getBytes();
        }
    }
}
