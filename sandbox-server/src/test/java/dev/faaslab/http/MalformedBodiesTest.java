package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every resource's body is read by one reader, so the same mistake gets the same answer everywhere: a 400
 * {@code BadRequest} whose {@code field} names the field at fault, for a wrong type, an unknown field, a missing
 * field, and a value the resource's own checks refuse.
 */
class MalformedBodiesTest {

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(data);
        server.put("/api/buckets/photos", "");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest(name = "{0} {1} {2} names {3}")
    @CsvSource(delimiter = '|', textBlock = """
            PUT  | /api/functions/f                  | {"runtime":"nodejs","code":"x","memoryMb":"lots"}                         | memoryMb
            PUT  | /api/functions/f                  | {"runtime":"nodejs","code":"x","colour":1}                                | colour
            PUT  | /api/functions/f                  | {"runtime":"cobol","code":"x"}                                            | runtime
            PUT  | /api/functions/f                  | {"code":"x"}                                                              | runtime
            PUT  | /api/functions/f                  | {"runtime":"nodejs","code":"export const handler = async () => 1;","memoryMb":1} | memoryMb
            PUT  | /api/functions/f                  | {"runtime":"nodejs","code":"export const handler = async () => 1;","handler":"index."} | handler
            PUT  | /api/functions/f                  | {"runtime":"nodejs","code":"export const handler = async () => 1;","maximumRetryAttempts":7} | maximumRetryAttempts
            PUT  | /api/billing                      | {"freeTier":"yes"}                                                        | freeTier
            PUT  | /api/billing                      | {"prices":{"name":7}}                                                     | prices
            PUT  | /api/tables/t                     | {"partitionKey":7}                                                        | partitionKey
            PUT  | /api/tables/t                     | {}                                                                        | partitionKey
            PUT  | /api/tables/t                     | {"partitionKey":"id","partitionKeyType":"date"}                           | partitionKeyType
            POST | /api/buckets/photos/subscriptions | {"function":"f","events":"ObjectCreated:*"}                               | events
            POST | /api/buckets/photos/subscriptions | {"function":7}                                                            | function
            PUT  | /api/queues/q                     | {"visibilityTimeoutSeconds":"long"}                                       | visibilityTimeoutSeconds
            PUT  | /api/queues/q                     | {"visibilityTimeoutSeconds":99999999}                                     | visibilityTimeoutSeconds
            POST | /api/queues/q/messages            | {"body":5}                                                                | body
            POST | /api/event-source-mappings        | {"queue":"q","function":"f","batchSize":"ten"}                            | batchSize
            POST | /api/event-source-mappings        | {"queue":"q","function":"f","functionResponseTypes":"ReportBatchItemFailures"} | functionResponseTypes
            POST | /api/event-source-mappings        | {"queue":"q","function":"f","functionResponseTypes":["Nope"]}           | functionResponseTypes
            POST | /api/event-source-mappings        | {"queue":"q","function":"f","scalingConfig":5}                            | scalingConfig
            POST | /api/event-source-mappings        | {"queue":"q","function":"f","scalingConfig":{"maximumConcurrency":1}}     | scalingConfig
            POST | /api/event-source-mappings        | {"queue":"q","function":"f","scalingConfig":{"maxConcurrency":5}}         | scalingConfig
            PUT  | /api/tables/t/stream              | {"streamViewType":"SIDEWAYS"}                                             | streamViewType
            POST | /api/stream-mappings              | {"table":"t","function":"f","startingPosition":"AT_TIMESTAMP"}            | startingPosition
            POST | /api/stream-mappings              | {"table":"t","function":"f","startingPosition":"LATEST","batchSize":0}    | batchSize
            POST | /api/stream-mappings              | {"table":"t","function":"f","startingPosition":"LATEST","functionResponseTypes":"ReportBatchItemFailures"} | functionResponseTypes
            PUT  | /api/schedules/s                  | {"expression":"cron(61 12 * * ? *)","function":"f"}                       | expression
            PUT  | /api/schedules/s                  | {"expression":"rate(5 minutes)","function":"f","enabled":"yes"}           | enabled
            PUT  | /api/schedules/s                  | {"expression":"rate(5 minutes)"}                                          | function
            POST | /api/simulations                  | {"arrivalRate":"many"}                                                    | arrivalRate
            POST | /api/simulations/power-tuning     | {"baseDurationSeconds":1,"weight":2}                                      | weight
            POST | /api/traffic                      | {"function":"f","pattern":"zigzag","rps":1,"durationSeconds":1}           | pattern
            POST | /api/traffic                      | {"function":"f","pattern":"steady","rps":0,"durationSeconds":1}           | rps
            """)
    void aMalformedBodyNamesItsField(String method, String path, String body, String field) {
        TestServer.Reply reply = method.equals("PUT") ? server.put(path, body) : server.post(path, body);
        assertEquals(400, reply.status(), reply.body());
        JsonNode error = reply.json().get("error");
        assertEquals("BadRequest", error.get("code").textValue(), reply.body());
        assertEquals(field, error.path("field").textValue(), reply.body());
        assertTrue(error.get("message").textValue().length() > 20, "and says what is wrong: " + reply.body());
    }
}
