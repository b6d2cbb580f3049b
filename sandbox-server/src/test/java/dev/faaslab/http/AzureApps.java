package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.time.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Azure Functions style's tests share: one server for a test class, its time a {@link ManualClock} (each
 * test deploys functions of its own), deploying a Function App, reading its log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AzureApps {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    ManualClock clock;
    TestServer server;

    /** The runtime the class's apps are written for: nodejs or python. */
    abstract String runtime();

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        clock = new ManualClock(QueueSteps.START);
        server = new TestServer(data, clock);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    /**
     * Deploys a Function App, with {@code handler} or the style's default (null), and a timeout of 30 s: a JVM's first
     * web Request, or first Python context, may take seconds on a loaded machine.
     */
    JsonNode deployApp(String name, String code, String handler) {
        ObjectNode body = TestServer.JSON.createObjectNode().put("runtime", runtime()).put("style", "azure-functions")
                .put("code", code).put("timeoutSeconds", 30);
        if (handler != null) {
            body.put("handler", handler);
        }
        return server.deploy(name, body.toString());
    }

    /** The function's log, one text. */
    String log(String function) {
        return String.join("\n", QueueSteps.logLines(server, function));
    }

    /** How often the log says the function {@code name} of the app {@code function} began an execution. */
    long executions(String function, String name) {
        return QueueSteps.logLines(server, function).stream()
                .filter(line -> line.contains("Executing 'Functions." + name + "'")).count();
    }

    /** A time as JavaScript's toISOString writes it. */
    static String iso(long epochMillis) {
        return ISO.format(Instant.ofEpochMilli(epochMillis));
    }
}
