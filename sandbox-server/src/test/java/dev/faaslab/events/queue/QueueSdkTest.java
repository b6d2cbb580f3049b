package dev.faaslab.events.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.sdk.SdkException;
import dev.faaslab.store.Database;
import dev.faaslab.store.JdbcQueueStore;
import dev.faaslab.time.ManualClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.faaslab.store.TestDatabase;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;

@DisplayName("The SDK's queue")
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class QueueSdkTest {

    /** The store contract suite: each test runs on H2 and on PostgreSQL. */
    @Parameter
    TestDatabase engine;

    static final ObjectMapper JSON = new ObjectMapper();
    static final WorkspaceId ADA = new WorkspaceId("ada");
    static final WorkspaceId GRACE = new WorkspaceId("grace");

    Database database;
    QueueService queues;
    QueueSdk sdk;

    @BeforeEach
    void open(@TempDir Path data) {
        database = engine.open(data);
        queues = new QueueService(new JdbcQueueStore(database.dataSource()), new ManualClock(0));
        sdk = new QueueSdk(queues);
        queues.put(ADA, "orders", QueueAttributes.DEFAULT);
    }

    @AfterEach
    void close() {
        database.close();
    }

    JsonNode call(WorkspaceId workspace, String operation, String args) throws Exception {
        return sdk.call(workspace, operation, JSON.readTree(args));
    }

    @Test
    @DisplayName("sends a message and answers its id and MD5")
    void send() throws Exception {
        JsonNode sent = call(ADA, "send", "{\"queue\":\"orders\",\"body\":\"hello\"}");
        assertEquals("5d41402abc4b2a76b9719d911017c592", sent.path("md5OfBody").asText());
        assertEquals(sent.path("messageId").asText(),
                queues.receive(ADA, "orders", 1, null).getFirst().messageId());
    }

    @Test
    @DisplayName("sends a batch, failing only its bad entries")
    void sendBatch() throws Exception {
        JsonNode result = call(ADA, "sendBatch", "{\"queue\":\"orders\",\"entries\":[{\"id\":\"a\",\"body\":\"one\"},"
                + "{\"id\":\"b\",\"body\":\"two\",\"delaySeconds\":901}]}");
        assertEquals("a", result.path("successful").get(0).path("id").asText(), result.toString());
        assertEquals("b", result.path("failed").get(0).path("id").asText());
        assertEquals("ValidationException", result.path("failed").get(0).path("code").asText());
    }

    @Test
    @DisplayName("reaches only its own workspace's queues: QueueDoesNotExist elsewhere")
    void scopedToTheWorkspace() {
        SdkException refused = assertThrows(SdkException.class,
                () -> call(GRACE, "send", "{\"queue\":\"orders\",\"body\":\"hello\"}"));
        assertEquals("QueueDoesNotExist", refused.code());
    }

    @Test
    @DisplayName("refuses bad arguments as ValidationException, saying what to do")
    void validation() {
        for (String[] bad : new String[][] {{"send", "{\"queue\":\"orders\",\"body\":{\"a\":1}}"},
                {"send", "{\"queue\":\"orders\",\"body\":\"" + "x".repeat(QueueService.MAX_MESSAGE_BYTES + 1) + "\"}"},
                {"send", "{\"queue\":\"orders\",\"body\":\"x\",\"colour\":1}"}, {"receive", "{}"},
                {"sendBatch", "{\"queue\":\"orders\",\"entries\":[]}"}}) {
            SdkException refused = assertThrows(SdkException.class, () -> call(ADA, bad[0], bad[1]), bad[0]);
            assertEquals("ValidationException", refused.code(), refused.getMessage());
            assertTrue(refused.getMessage().length() > 20, "a message that says what happened: " + refused.getMessage());
        }
    }
}
