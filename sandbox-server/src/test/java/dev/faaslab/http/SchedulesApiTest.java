package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The schedules API")
class SchedulesApiTest {

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(data);
        server.deployJs("target", "export const handler = async (event) => event;", "");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String body(String expression) {
        return "{\"expression\":\"" + expression + "\",\"function\":\"target\"}";
    }

    @Test
    @DisplayName("creates a schedule (201), shows its next five fire times, updates it (200) keeping what is left out, and deletes it")
    void crud() {
        TestServer.Reply created = server.put("/api/schedules/noon", body("cron(0 12 * * ? *)"));
        assertEquals(201, created.status(), created.body());
        JsonNode schedule = created.json();
        assertEquals("arn:aws:events:us-east-1:000000000000:rule/noon", schedule.get("arn").asText());
        assertEquals("$LATEST", schedule.get("qualifier").asText());
        assertTrue(schedule.get("enabled").asBoolean());
        assertEquals(5, schedule.get("nextFireTimes").size());
        for (JsonNode time : schedule.get("nextFireTimes")) {
            assertTrue(time.asText().endsWith("T12:00:00Z"), "every day at noon UTC: " + time);
        }
        assertEquals(schedule.get("nextFireTimes").get(0), schedule.get("nextFireAt"));
        assertEquals(0, schedule.get("notes").size());
        assertEquals(List.of("name", "arn", "expression", "function", "qualifier", "enabled", "input", "createdAt",
                "updatedAt", "lastFiredAt", "nextFireAt", "nextFireTimes", "notes"), QueueTriggerTest.fieldNames(schedule));
        assertTrue(schedule.get("input").isNull() && schedule.get("lastFiredAt").isNull(), "null, not absent: " + schedule);

        TestServer.Reply updated = server.put("/api/schedules/noon", "{\"enabled\":false,\"input\":{\"job\":\"report\"}}");
        assertEquals(200, updated.status(), updated.body());
        assertEquals("cron(0 12 * * ? *)", updated.json().get("expression").asText(), "kept");
        assertEquals("{\"job\":\"report\"}", updated.json().get("input").toString());
        assertTrue(updated.json().get("nextFireAt").isNull(), "a disabled schedule does not fire");
        assertEquals(0, updated.json().get("nextFireTimes").size());

        assertEquals(List.of("schedules"), QueueTriggerTest.fieldNames(server.get("/api/schedules").json()));
        JsonNode listed = server.get("/api/schedules").json().get("schedules");
        assertEquals("noon", listed.get(0).get("name").asText());
        assertEquals(204, server.delete("/api/schedules/noon").status());
        assertEquals(404, server.get("/api/schedules/noon").status());
        assertEquals(404, server.delete("/api/schedules/noon").status());
    }

    @Test
    @DisplayName("labels rates in seconds as FaaS Lab's allowance, and fires them on time (real clock)")
    void secondsAllowance() {
        server.deployJs("ticked", "let n = 0; export const handler = async (event) => { n++; console.log('TICK', event['detail-type']); };", "");
        TestServer.Reply created = server.put("/api/schedules/fast", "{\"expression\":\"rate(5 seconds)\",\"function\":\"ticked\"}");
        assertEquals(201, created.status(), created.body());
        assertTrue(created.json().get("notes").get(0).asText().contains("FaaS Lab allowance"), created.body());
        Instant first = Instant.parse(created.json().get("nextFireTimes").get(0).asText());
        Instant second = Instant.parse(created.json().get("nextFireTimes").get(1).asText());
        assertEquals(Duration.ofSeconds(5), Duration.between(first, second));
        Await.until("the schedule to fire", Duration.ofSeconds(60), () ->
                server.get("/api/functions/ticked/logs?limit=100").body().contains("TICK Scheduled Event"));
        assertEquals(204, server.delete("/api/schedules/fast").status());
    }

    @ParameterizedTest(name = "refuses {0} with 400: …{1}…")
    @CsvSource(delimiter = '|', value = {
            "{\"expression\":\"cron(0 12 * * ? )\",\"function\":\"target\"}   | has 5 fields",
            "{\"expression\":\"cron(0 12 * * * *)\",\"function\":\"target\"}  | use '?' in one of them",
            "{\"expression\":\"cron(61 12 * * ? *)\",\"function\":\"target\"} | the Minutes field '61' is not valid",
            "{\"expression\":\"rate(1 minutes)\",\"function\":\"target\"}     | takes the singular unit",
            "{\"expression\":\"rate(2 seconds)\",\"function\":\"target\"}     | from rate(5 seconds) up",
            "{\"expression\":\"rate(5 minutes)\",\"function\":\"nobody\"}     | the schedule's target does not exist",
            "{\"expression\":\"rate(5 minutes)\",\"function\":\"target\",\"qualifier\":\"9\"} | has no version 9",
            "{\"expression\":\"rate(5 minutes)\"}                             | needs an expression and a function",
            "{\"expression\":\"rate(5 minutes)\",\"function\":\"target\",\"cron\":1} | unknown field 'cron'",
            "{\"expression\":\"rate(5 minutes)\",\"function\":\"target\",\"enabled\":\"yes\"} | 'enabled' must be true or false",
            "[]                                                             | must be a JSON object",
    })
    void refuses(String body, String fragment) {
        TestServer.Reply reply = server.put("/api/schedules/refused", body);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.json().path("error").path("message").asText().contains(fragment), reply.body());
        assertEquals(404, server.get("/api/schedules/refused").status(), "nothing was created");
    }

    @Test
    @DisplayName("refuses a name EventBridge would not take")
    void badName() {
        TestServer.Reply reply = server.put("/api/schedules/no%20spaces", body("rate(5 minutes)"));
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.body().contains("must be 1 to 64 letters, digits, dots, hyphens or underscores"), reply.body());
    }
}
