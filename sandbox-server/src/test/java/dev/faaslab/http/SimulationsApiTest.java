package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.billing.Prices;
import dev.faaslab.platform.policy.KeepAlivePolicy;
import dev.faaslab.sim.PowerTuning;
import dev.faaslab.sim.ServiceTime;
import dev.faaslab.sim.SimModel;
import dev.faaslab.sim.Simulation;
import dev.faaslab.sim.Traffic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The simulator over real HTTP")
class SimulationsApiTest {

    /** The README's example of ./faaslab simulate, in the API's words. */
    static final String README_EXAMPLE = "{\"arrivalRate\":5,\"warmMeanSeconds\":0.2,\"coldMeanSeconds\":1,"
            + "\"keepAliveSeconds\":60,\"maxConcurrency\":3,\"durationSeconds\":3600,\"seed\":9,\"seriesPoints\":60}";

    @TempDir
    static Path data;

    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(data);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static JsonNode simulate(String body) {
        TestServer.Reply reply = server.post("/api/simulations", body);
        assertEquals(200, reply.status(), "the run is accepted: " + reply.body());
        OpenApiTest.assertDescribed(reply, "post", "/api/simulations");
        return reply.json();
    }

    static JsonNode refusal(String path, String body) {
        TestServer.Reply reply = server.post(path, body);
        assertEquals(400, reply.status(), body + " is refused: " + reply.body());
        OpenApiTest.assertDescribed(reply, "post", path);
        return reply.json().path("error");
    }

    @Nested
    @DisplayName("a run")
    class Run {

        @Test
        @DisplayName("answers the documented figures, with the very numbers the library gives for the same model and seed")
        void agreesWithTheLibrary() throws Exception {
            JsonNode reply = simulate(README_EXAMPLE);

            SimModel model = SimModel.defaults().withTraffic(new Traffic.Poisson(5))
                    .withService(ServiceTime.exponential(0.2), ServiceTime.exponential(1))
                    .withKeepAlive(() -> KeepAlivePolicy.fixed(Duration.ofSeconds(60)))
                    .withLimits(3, 0, null).withRun(3600, 9, 60);
            JsonNode library = TestServer.json(TestServer.JSON.writeValueAsString(new Simulation(model).run()));
            library.properties().forEach(field -> assertEquals(field.getValue(), reply.get(field.getKey()),
                    "the reply's " + field.getKey() + " is the library's"));
            List<String> fields = new ArrayList<>(QueueTriggerTest.fieldNames(library));
            fields.addAll(List.of("durationSeconds", "meanArrivalRate", "billsByRate"));
            assertEquals(fields, QueueTriggerTest.fieldNames(reply), "the library's fields in its order, then the run's");
            assertEquals(17_604, reply.path("requests").asLong(), "the README's example: 17,604 requests arrived");
            assertEquals(60, reply.path("series").size(), "as many series points as asked for");
            assertEquals(3600, reply.path("durationSeconds").asDouble(), "the run's duration is echoed");
            assertEquals(5, reply.path("meanArrivalRate").asDouble(), 1e-9, "a steady run's mean rate is its rate");
        }

        @Test
        @DisplayName("gives the same answer for the same seed twice, and another for another seed")
        void isReproducible() {
            String spiky = "{\"pattern\":\"spike\",\"arrivalRate\":2,\"peakRate\":40,\"spikeLengthSeconds\":300,"
                    + "\"durationSeconds\":7200,\"keepAlivePolicy\":\"hybrid\",\"seed\":%d}";
            JsonNode first = simulate(spiky.formatted(4));
            assertEquals(first, simulate(spiky.formatted(4)), "the same settings and seed give the same reply");
            assertNotEquals(first.path("requests"), simulate(spiky.formatted(5)).path("requests"),
                    "another seed draws other arrivals");
        }

        @Test
        @DisplayName("keeps its time series to the points asked for, 200 by default")
        void boundsTheSeries() {
            assertEquals(200, simulate("{\"durationSeconds\":86400}").path("series").size(), "200 points by default");
            assertEquals(500, simulate("{\"durationSeconds\":600,\"seriesPoints\":500}").path("series").size(),
                    "500 points at most");
        }

        @Test
        @DisplayName("draws the break-even chart from its cost per request: the two bills meet at the break-even rate")
        void drawsTheBreakEvenChart() {
            JsonNode reply = simulate("{\"arrivalRate\":2,\"memoryMb\":512,\"serverUsdPerHour\":0.05,\"durationSeconds\":3600}");
            JsonNode cost = reply.path("cost");
            double perRequest = cost.path("costPerRequestUsd").asDouble();
            double breakEven = cost.path("breakEvenRequestsPerSecond").asDouble();
            double server = cost.path("serverUsd").asDouble();
            assertEquals(0.05, server, 1e-12, "an hour of a $0.05 server");
            assertEquals(server, breakEven * 3600 * perRequest + cost.path("provisionedUsd").asDouble(), 1e-9,
                    "at the break-even rate the serverless bill is the server's");

            JsonNode bills = reply.path("billsByRate");
            assertEquals(SimulationsApi.BILL_POINTS, bills.size(), "13 points: " + bills);
            assertEquals(0, bills.get(0).path("requestsPerSecond").asDouble(), "the chart starts at no traffic");
            JsonNode middle = bills.get(SimulationsApi.BILL_POINTS / 2);
            assertEquals(breakEven, middle.path("requestsPerSecond").asDouble(), 1e-9,
                    "the middle point is the break-even rate (the run's own rate is below it)");
            assertEquals(middle.path("serverUsd").asDouble(), middle.path("serverlessUsd").asDouble(), 1e-9,
                    "where the two bills are equal");
            JsonNode last = bills.get(SimulationsApi.BILL_POINTS - 1);
            assertEquals(2 * breakEven, last.path("requestsPerSecond").asDouble(), 1e-9, "up to twice the break-even");
            assertEquals(2 * server, last.path("serverlessUsd").asDouble(), 1e-9, "where serverless costs twice as much");
        }
    }

    @Nested
    @DisplayName("with service times measured in the live sandbox")
    class Measured {

        @Test
        @DisplayName("resamples the durations a function really took: the mean response lies within them")
        void resamplesAFunctionsDurations() {
            server.deployJs("measured", "export const handler = async () => { const t = Date.now(); while (Date.now() - t < 20) {} return 1; };", "");
            for (int i = 0; i < 6; i++) {
                assertEquals(200, server.post("/api/functions/measured/invoke", "{}").status());
            }
            List<Double> warm = new ArrayList<>();
            for (JsonNode line : server.get("/api/functions/measured/logs").json().path("lines")) {
                String text = line.path("text").asText();
                if (text.startsWith("REPORT") && !text.contains("Init Duration")) {
                    warm.add(Double.parseDouble(text.replaceAll(".*\\tDuration: ([0-9.]+) ms.*", "$1")));
                }
            }
            assertEquals(5, warm.size(), "five warm invocations after one cold start");
            JsonNode reply = simulate("{\"arrivalRate\":1,\"keepAlivePolicy\":\"forever\",\"durationSeconds\":3600,"
                    + "\"measuredFrom\":\"measured\"}");
            double meanMs = reply.path("responseTime").path("meanSeconds").asDouble() * 1000;
            double min = warm.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = warm.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            // One cold start among thousands of warm requests: the mean is the warm durations' mean, give or take.
            assertTrue(meanMs >= min * 0.95 && meanMs <= max * 1.05, "mean " + meanMs + " ms within the measured "
                    + min + " to " + max + " ms");
        }

        @Test
        @DisplayName("refuses an unknown function with 404, and one never warm with 400 naming the field")
        void refusesWhatCannotBeMeasured() {
            TestServer.Reply unknown = server.post("/api/simulations", "{\"measuredFrom\":\"nobody\"}");
            assertEquals(404, unknown.status(), unknown.body());
            OpenApiTest.assertDescribed(unknown, "post", "/api/simulations");
            assertEquals("measuredFrom", unknown.json().path("error").path("field").asText(), "the page marks the field");
            server.deployJs("never-warm", "export const handler = async () => 1;", "");
            JsonNode error = refusal("/api/simulations", "{\"measuredFrom\":\"never-warm\"}");
            assertEquals("measuredFrom", error.path("field").asText());
            assertTrue(error.path("message").asText().contains("invoke it a few times"), error.toString());
        }
    }

    @Test
    @DisplayName("takes the rate as rps, the live generator's name for it, or by its old name arrivalRate")
    void takesTheSharedRateName() {
        String rest = ",\"pattern\":\"spike\",\"peakRate\":20,\"durationSeconds\":600,\"seed\":4}";
        JsonNode byNewName = simulate("{\"rps\":2" + rest);
        assertEquals(byNewName, simulate("{\"arrivalRate\":2" + rest));
        assertNotEquals(byNewName, simulate("{\"rps\":3" + rest), "the rate is read, not left at its default");
    }

    @Nested
    @DisplayName("refuses with 400, naming the field")
    class Refusals {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "{\"colour\":\"blue\"}                     | colour",
                "{\"arrivalRate\":-1}                      | arrivalRate",
                "{\"arrivalRate\":\"fast\"}                | arrivalRate",
                "{\"rps\":-1}                              | rps",
                "{\"rps\":1,\"arrivalRate\":1}             | rps",
                "{\"pattern\":\"sine\"}                    | pattern",
                "{\"pattern\":\"bursty\"}                  | pattern",
                "{\"warmMeanSeconds\":0}                   | warmMeanSeconds",
                "{\"keepAlivePolicy\":\"sometimes\"}       | keepAlivePolicy",
                "{\"keepAliveSeconds\":-5}                 | keepAliveSeconds",
                "{\"maxConcurrency\":0}                    | maxConcurrency",
                "{\"maxConcurrency\":1000000}              | maxConcurrency",
                "{\"maxConcurrency\":2,\"provisioned\":3}  | provisioned",
                "{\"memoryMb\":64}                         | memoryMb",
                "{\"memoryMb\":256.5}                      | memoryMb",
                "{\"seriesPoints\":501}                    | seriesPoints",
                "{\"pattern\":\"diurnal\",\"amplitude\":2} | amplitude",
                "{\"prices\":\"sparc\"}                    | prices",
                "{\"serverUsdPerHour\":-0.01}              | serverUsdPerHour",
                "{\"durationSeconds\":0}                   | durationSeconds",
        })
        void namesTheField(String body, String field) {
            JsonNode error = refusal("/api/simulations", body);
            assertEquals("BadRequest", error.path("code").asText(), error.toString());
            assertEquals(field, error.path("field").asText(), "the refusal names " + field + ": " + error);
            assertTrue(error.path("message").asText().contains(field), "the message names " + field + ": " + error);
        }

        @Test
        @DisplayName("a run of more than 50 million requests, saying what to try")
        void tooLargeARun() {
            JsonNode error = refusal("/api/simulations", "{\"arrivalRate\":1000,\"durationSeconds\":86400}");
            assertEquals("durationSeconds", error.path("field").asText(), error.toString());
            assertTrue(error.path("message").asText().contains("86,400,000 requests"), error.toString());
            assertTrue(error.path("message").asText().contains("shorten durationSeconds or lower the rate"), error.toString());

            JsonNode spike = refusal("/api/simulations", "{\"pattern\":\"spike\",\"arrivalRate\":1,\"peakRate\":10000,"
                    + "\"spikeLengthSeconds\":1,\"durationSeconds\":86400}");
            assertTrue(spike.path("message").asText().contains("at the busiest"),
                    "a spike costs its peak rate throughout, and the message says so: " + spike);
        }

        @Test
        @DisplayName("a body that is not a JSON object")
        void notAnObject() {
            JsonNode error = refusal("/api/simulations", "[1,2]");
            assertTrue(error.path("message").asText().contains("JSON object"), error.toString());
        }
    }

    @Nested
    @DisplayName("power tuning")
    class PowerTuningRuns {

        @Test
        @DisplayName("answers each memory size's duration and cost, and the picks the library makes")
        void picksAsTheLibrary() throws Exception {
            TestServer.Reply reply = server.post("/api/simulations/power-tuning", "{\"baseDurationSeconds\":0.5}");
            assertEquals(200, reply.status(), reply.body());
            OpenApiTest.assertDescribed(reply, "post", "/api/simulations/power-tuning");
            JsonNode library = TestServer.json(TestServer.JSON.writeValueAsString(PowerTuning.tune(0.5,
                    PowerTuning.DEFAULT_SIZES, Prices.AWS_LAMBDA_X86_US_EAST_1, PowerTuning.DEFAULT_WEIGHT)));
            assertEquals(library, reply.json(), "the reply is the library's result");
            assertEquals(PowerTuning.DEFAULT_SIZES.size(), reply.json().path("sizes").size(), "the default sizes");
            assertEquals(1769, reply.json().path("fastest").path("memoryMb").asInt(),
                    "one vCPU is as fast as a single thread gets, and the cheaper of the fastest");
        }

        @Test
        @DisplayName("tries the sizes asked for, with the weight asked for")
        void sizesAndWeight() {
            JsonNode reply = server.post("/api/simulations/power-tuning",
                    "{\"baseDurationSeconds\":1,\"memorySizes\":[128,1024,3008],\"weight\":1,\"prices\":\"arm\"}").json();
            assertEquals(List.of(128, 1024, 3008), reply.path("sizes").findValues("memoryMb").stream()
                    .map(JsonNode::asInt).toList(), reply.toString());
            assertEquals(reply.path("cheapest"), reply.path("balanced"), "weight 1 balances on cost alone");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "{}                                                | baseDurationSeconds",
                "{\"baseDurationSeconds\":0}                       | baseDurationSeconds",
                "{\"baseDurationSeconds\":1,\"weight\":1.5}        | weight",
                "{\"baseDurationSeconds\":1,\"memorySizes\":[64]}  | memorySizes",
                "{\"baseDurationSeconds\":1,\"memorySizes\":[]}    | memorySizes",
                "{\"baseDurationSeconds\":1,\"speed\":\"max\"}     | speed",
        })
        void namesTheField(String body, String field) {
            JsonNode error = refusal("/api/simulations/power-tuning", body);
            assertEquals(field, error.path("field").asText(), "the refusal names " + field + ": " + error);
        }
    }

    @Test
    @DisplayName("documents exactly the fields it accepts, and refuses others")
    void documentsItsFields() {
        Map.of("SimulationRequest", SimulationsApi.FIELDS, "PowerTuningRequest", SimulationsApi.POWER_FIELDS)
                .forEach((name, fields) -> {
                    JsonNode schema = OpenApiTest.DOCUMENT.at("/components/schemas/" + name);
                    Set<String> documented = new TreeSet<>();
                    schema.path("properties").fieldNames().forEachRemaining(documented::add);
                    assertEquals(new TreeSet<>(fields), documented, name + " lists exactly the fields accepted");
                    assertFalse(schema.path("additionalProperties").asBoolean(true), name + " refuses others");
                });
    }
}
