package dev.faaslab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.platform.policy.HybridHistogramPolicy;
import dev.faaslab.platform.policy.KeepAlivePolicy;
import java.time.Duration;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulator against closed forms: every tolerance is a few standard errors of the run's estimate. */
@DisplayName("The simulator")
class SimulationTest {

    private static SimResult run(SimModel model) {
        return new Simulation(model).run();
    }

    private static SimModel model(Traffic traffic, ServiceTime warm, ServiceTime cold, KeepAlivePolicy keepAlive,
                                  int maxConcurrency, double seconds) {
        return SimModel.defaults().withTraffic(traffic).withService(warm, cold).withKeepAlive(() -> keepAlive)
                .withLimits(maxConcurrency, 0, null).withRun(seconds, 7, 60);
    }

    /** Erlang's B formula: the share of arrivals that find all {@code servers} busy, at offered load {@code load}. */
    static double erlangB(int servers, double load) {
        double b = 1;
        for (int k = 1; k <= servers; k++) {
            b = load * b / (k + load * b);
        }
        return b;
    }

    @Test
    @DisplayName("obeys Little's law: average running instances = arrival rate × mean service time")
    void littlesLaw() {
        SimResult result = run(model(new Traffic.Poisson(50), ServiceTime.exponential(0.2), ServiceTime.exponential(0.2),
                KeepAlivePolicy.fixed(Duration.ofMinutes(10)), 1000, 20_000));
        assertEquals(10.0, result.averageRunning(), 0.3, "50/s × 0.2 s = 10 running on average");
        assertEquals(0, result.rejections(), "1,000 allowed in flight: none rejected");
        assertEquals(result.averageRunning() + result.averageIdle(), result.averageInstances(), 1e-9,
                "instances are running or idle");
    }

    @Nested
    @DisplayName("with requests exactly evenly spaced")
    class Regular {

        @Test
        @DisplayName("makes every request cold when they are further apart than the keep-alive")
        void allColdBeyondKeepAlive() {
            SimResult result = run(model(new Traffic.Regular(20), ServiceTime.deterministic(0.1),
                    ServiceTime.deterministic(0.1), KeepAlivePolicy.fixed(Duration.ofSeconds(10)), 10, 2000));
            assertEquals(99, result.requests(), "one every 20 s for 2,000 s, the first at 20 s");
            assertEquals(result.requests(), result.coldStarts(), "19.9 s idle is past a 10 s keep-alive: all cold");
            assertEquals(99, result.instancesReclaimed(), "each instance is reclaimed 10 s after its request");
            assertEquals(10.1, result.instanceLifeSpanSeconds(), 1e-6, "0.1 s busy then 10 s idle");
        }

        @Test
        @DisplayName("makes only the first request cold when they are closer than the keep-alive")
        void onlyFirstColdWithinKeepAlive() {
            SimResult result = run(model(new Traffic.Regular(5), ServiceTime.deterministic(0.1),
                    ServiceTime.deterministic(0.1), KeepAlivePolicy.fixed(Duration.ofSeconds(10)), 10, 2000));
            assertEquals(1, result.coldStarts(), "4.9 s idle is within a 10 s keep-alive");
            assertEquals((2000 - 5) / 2000.0, result.averageInstances(), 1e-9, "one instance, loaded from the first request at 5 s to the end at 2,000 s");
        }
    }

    @ParameterizedTest(name = "Poisson at {0}/s, keep-alive {1} s: P(cold) = e^(-λT)")
    @CsvSource({"1, 1", "1, 2", "0.5, 1", "2, 0.25"})
    @DisplayName("with Poisson arrivals, negligible service and one instance, P(cold start) = e^(-λT)")
    void poissonColdStarts(double rate, double keepAliveSeconds) {
        SimResult result = run(model(new Traffic.Poisson(rate), ServiceTime.deterministic(1e-6),
                ServiceTime.deterministic(1e-6), KeepAlivePolicy.fixed(Duration.ofMillis(Math.round(keepAliveSeconds * 1000))),
                1, 200_000 / rate));
        double expected = Math.exp(-rate * keepAliveSeconds);
        double standardError = Math.sqrt(expected * (1 - expected) / result.served());
        assertEquals(expected, result.coldStartProbability(), 5 * standardError + 1e-4,
                "the gap before a request is exponential: it exceeds T with probability e^(-λT)");
    }

    @Nested
    @DisplayName("with a concurrency limit of c and no queue, rejects as Erlang's B formula says")
    class ErlangB {

        static final int SERVERS = 5;

        private void check(double load, ServiceTime service, KeepAlivePolicy keepAlive, String what) {
            SimResult result = run(model(new Traffic.Poisson(load), service, service, keepAlive, SERVERS, 200_000 / load));
            double expected = erlangB(SERVERS, load);
            assertEquals(expected, result.rejectionProbability(), 0.05 * expected + 0.002,
                    what + ": B(" + SERVERS + ", " + load + ") = " + expected);
        }

        @ParameterizedTest(name = "load {0} Erlangs")
        @CsvSource({"1", "4", "8"})
        @DisplayName("with no keep-alive (every request cold), exponential service")
        void noKeepAliveExponential(double load) {
            check(load, ServiceTime.exponential(1), KeepAlivePolicy.none(), "keep-alive none, exponential");
        }

        @ParameterizedTest(name = "load {0} Erlangs")
        @CsvSource({"1", "4", "8"})
        @DisplayName("with no keep-alive, deterministic service: the same, since Erlang B does not depend on the distribution")
        void noKeepAliveDeterministic(double load) {
            check(load, ServiceTime.deterministic(1), KeepAlivePolicy.none(), "keep-alive none, deterministic");
        }

        @ParameterizedTest(name = "load {0} Erlangs")
        @CsvSource({"1", "4", "8"})
        @DisplayName("with an endless keep-alive, exponential service")
        void foreverExponential(double load) {
            check(load, ServiceTime.exponential(1), KeepAlivePolicy.forever(), "keep-alive forever, exponential");
        }

        @ParameterizedTest(name = "load {0} Erlangs")
        @CsvSource({"1", "4", "8"})
        @DisplayName("with an endless keep-alive, deterministic service")
        void foreverDeterministic(double load) {
            check(load, ServiceTime.deterministic(1), KeepAlivePolicy.forever(), "keep-alive forever, deterministic");
        }

        @Test
        @DisplayName("and with no keep-alive every served request is a cold start")
        void noKeepAliveIsAllCold() {
            SimResult result = run(model(new Traffic.Poisson(4), ServiceTime.exponential(1), ServiceTime.exponential(1),
                    KeepAlivePolicy.none(), SERVERS, 10_000));
            assertEquals(1.0, result.coldStartProbability());
            assertEquals(0.0, result.averageIdle(), 1e-12, "nothing is ever idle");
        }
    }

    @Test
    @DisplayName("gives the same result for the same seed, and another for another seed")
    void sameSeedSameResult() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SimModel model = SimModel.defaults().withTraffic(new Traffic.Poisson(20)).withRun(3600, 42, 60);
        String first = json.writeValueAsString(run(model));
        assertEquals(first, json.writeValueAsString(run(model)), "seed 42 twice");
        assertNotEquals(first, json.writeValueAsString(run(model.withRun(3600, 43, 60))), "seeds 42 and 43");
    }

    @Test
    @DisplayName("replays a trace: each minute's requests arrive in that minute, and they add up to the file's total")
    void replaysTraceCounts() {
        AzureTrace.Function function = AzureTrace.sample().function("synthetic-http-diurnal");
        SimResult result = run(SimModel.defaults().withTraffic(function.traffic()).withRun(86_400, 3, 1440));
        assertEquals(function.traffic().total(), result.requests(), "every request in the file, none more");
        for (int m = 0; m < 1440; m++) {
            assertEquals(function.countsPerMinute()[m], result.series().get(m).arrivals(), "minute " + (m + 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"diurnal", "spike", "on-off"})
    @DisplayName("draws patterned traffic whose count matches the pattern's integral")
    void patternedTrafficMatchesItsRate(String name) {
        DoubleFunction<RatePattern> pattern = seconds -> switch (name) {
            case "diurnal" -> new RatePattern.Diurnal(10, 0.8, seconds);
            case "spike" -> new RatePattern.Spike(5, 50, seconds / 2, seconds / 10);
            default -> new RatePattern.OnOff(20, 60, 240);
        };
        double seconds = 20_000;
        Traffic traffic = new Traffic.Patterned(pattern.apply(seconds));
        double expected = traffic.meanRate(seconds) * seconds;
        SimResult result = run(SimModel.defaults().withTraffic(traffic).withRun(seconds, 5, 60));
        assertEquals(expected, result.requests(), 5 * Math.sqrt(expected), "a Poisson count within 5 standard deviations");
    }

    @Nested
    @DisplayName("for a function invoked every 5 minutes")
    class HybridKeepAlive {

        private SimResult with(KeepAlivePolicy keepAlive) {
            return run(model(new Traffic.Regular(300), ServiceTime.deterministic(0.1), ServiceTime.deterministic(0.1),
                    keepAlive, 10, 2 * 86_400));
        }

        @Test
        @DisplayName("the hybrid histogram policy has far fewer cold starts than no keep-alive")
        void fewerColdStartsThanNone() {
            SimResult hybrid = with(new HybridHistogramPolicy());
            SimResult none = with(KeepAlivePolicy.none());
            assertEquals(1.0, none.coldStartProbability(), "without keep-alive every request is cold");
            assertTrue(hybrid.coldStartProbability() < 0.01,
                    "the hybrid policy learns the 5-minute gap and pre-warms before it: " + hybrid.coldStartProbability());
        }

        @Test
        @DisplayName("and keeps less memory idle than a fixed 4-hour keep-alive")
        void lessIdleThanFourHours() {
            SimResult hybrid = with(new HybridHistogramPolicy());
            SimResult fourHours = with(KeepAlivePolicy.fixed(Duration.ofHours(4)));
            assertEquals(1, fourHours.coldStarts(), "4 hours keeps the one instance warm throughout");
            assertTrue(hybrid.averageIdle() < fourHours.averageIdle() / 2,
                    "pre-warmed only for the last part of each gap: " + hybrid.averageIdle() + " idle instances on"
                            + " average against " + fourHours.averageIdle());
        }
    }

    @Test
    @DisplayName("bills served requests and their GB-seconds, and finds the break-even rate where the bill equals the server")
    void billsAndBreaksEven() {
        SimModel model = SimModel.defaults().withTraffic(new Traffic.Poisson(10))
                .withService(ServiceTime.deterministic(0.1), ServiceTime.deterministic(0.1)).withRun(3600, 1, 60);
        SimResult result = run(model);
        CostComparison cost = result.cost();
        double perRequest = 0.2e-6 + 0.1 * 128 / 1024.0 * 0.0000166667;
        assertEquals(perRequest, cost.costPerRequestUsd(), 1e-12, "$0.20 per million plus 0.1 s at 128 MB");
        assertEquals(0.0104, cost.serverUsd(), 1e-12, "an hour of the default server");
        assertEquals(0.0104 / 3600 / perRequest, cost.breakEvenRequestsPerSecond(), 1e-6);
        assertEquals(result.served() * perRequest, cost.serverlessUsd(), 1e-9);
    }
}
