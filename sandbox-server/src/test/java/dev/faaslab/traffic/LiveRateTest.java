package dev.faaslab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.core.TrafficPattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("A traffic pattern")
class LiveRateTest {

    static final double DURATION = 20;
    static final int RPS = 10;
    static final double CLOSE = 1e-9;

    @Nested
    @DisplayName("steady")
    class Steady {

        @Test
        @DisplayName("sends rps all the way through, rps × duration in all")
        void constant() {
            for (double t = 0; t < DURATION; t += 0.5) {
                assertEquals(RPS, LiveRate.rate(TrafficPattern.STEADY, t, DURATION, RPS), "the rate at " + t + " s is rps");
            }
            assertEquals(200, LiveRate.sentBy(TrafficPattern.STEADY, DURATION, DURATION, RPS), CLOSE, "10 rps for 20 s is 200 requests");
            assertEquals(50, LiveRate.sentBy(TrafficPattern.STEADY, 5, DURATION, RPS), CLOSE, "50 are due after 5 s");
        }
    }

    @Nested
    @DisplayName("spike")
    class Spike {

        @Test
        @DisplayName("sends five times rps during the middle fifth of the run, and rps outside it")
        void fiveTimesInTheMiddleFifth() {
            assertEquals(RPS, LiveRate.rate(TrafficPattern.SPIKE, 0, DURATION, RPS), "rps at the start");
            assertEquals(RPS, LiveRate.rate(TrafficPattern.SPIKE, 7.9, DURATION, RPS), "rps just before the middle fifth (8 s to 12 s)");
            assertEquals(5 * RPS, LiveRate.rate(TrafficPattern.SPIKE, 8, DURATION, RPS), "5 × rps as the middle fifth begins");
            assertEquals(5 * RPS, LiveRate.rate(TrafficPattern.SPIKE, 10, DURATION, RPS), "5 × rps at mid-run");
            assertEquals(5 * RPS, LiveRate.rate(TrafficPattern.SPIKE, 11.9, DURATION, RPS), "5 × rps to the end of the middle fifth");
            assertEquals(RPS, LiveRate.rate(TrafficPattern.SPIKE, 12, DURATION, RPS), "rps again after it");
        }

        @Test
        @DisplayName("sends rps × duration plus four times rps for a fifth of the run")
        void total() {
            assertEquals(80, LiveRate.sentBy(TrafficPattern.SPIKE, 8, DURATION, RPS), CLOSE, "80 due when the spike begins");
            assertEquals(280, LiveRate.sentBy(TrafficPattern.SPIKE, 12, DURATION, RPS), CLOSE, "200 more during the 4 s spike");
            assertEquals(360, LiveRate.sentBy(TrafficPattern.SPIKE, DURATION, DURATION, RPS), CLOSE, "200 + 4 × 10 × 4 = 360 in all");
        }
    }

    @Nested
    @DisplayName("sine")
    class Sine {

        @Test
        @DisplayName("starts and ends at 0 and peaks at rps in the middle")
        void oneWave() {
            assertEquals(0, LiveRate.rate(TrafficPattern.SINE, 0, DURATION, RPS), CLOSE, "0 at the start");
            assertEquals(RPS, LiveRate.rate(TrafficPattern.SINE, DURATION / 2, DURATION, RPS), CLOSE, "rps at mid-run");
            assertEquals(0, LiveRate.rate(TrafficPattern.SINE, DURATION, DURATION, RPS), CLOSE, "0 at the end");
            for (double t = 0; t <= DURATION; t += 0.25) {
                double rate = LiveRate.rate(TrafficPattern.SINE, t, DURATION, RPS);
                assertTrue(rate >= 0 && rate <= RPS + CLOSE, "the rate at " + t + " s is between 0 and rps: " + rate);
            }
        }

        @Test
        @DisplayName("sends half of rps × duration, half of it by mid-run")
        void total() {
            assertEquals(100, LiveRate.sentBy(TrafficPattern.SINE, DURATION, DURATION, RPS), CLOSE, "10 rps × 20 s / 2 = 100");
            assertEquals(50, LiveRate.sentBy(TrafficPattern.SINE, DURATION / 2, DURATION, RPS), CLOSE, "the wave is symmetric");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TrafficPattern.class, names = {"STEADY", "SPIKE", "SINE"})
    @DisplayName("a rate pattern's sends due never go down, and stop growing when the run ends")
    void sendsDueOnlyGrow(TrafficPattern pattern) {
        double previous = 0;
        for (double t = 0; t <= DURATION + 5; t += 0.01) {
            double due = LiveRate.sentBy(pattern, t, DURATION, RPS);
            assertTrue(due >= previous - CLOSE, pattern.label() + ": due at " + t + " s (" + due + ") is not below "
                    + previous);
            previous = due;
        }
        assertEquals(LiveRate.sentBy(pattern, DURATION, DURATION, RPS), LiveRate.sentBy(pattern, DURATION + 5, DURATION, RPS), CLOSE,
                pattern.label() + " sends nothing after the run's end");
    }

    @Test
    @DisplayName("is one of the live generator's shared patterns, and another is refused with the names to use")
    void names() {
        assertEquals(TrafficPattern.SINE, TrafficPattern.of("sine", TrafficPattern.Engine.LIVE));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TrafficPattern.of("zigzag", TrafficPattern.Engine.LIVE));
        assertEquals("must be steady, spike, sine or burst, not 'zigzag'", refused.getMessage());
    }
}
