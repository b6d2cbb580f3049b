package dev.faaslab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("A traffic pattern")
class PatternTest {

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
                assertEquals(RPS, Pattern.STEADY.rate(t, DURATION, RPS), "the rate at " + t + " s is rps");
            }
            assertEquals(200, Pattern.STEADY.sentBy(DURATION, DURATION, RPS), CLOSE, "10 rps for 20 s is 200 requests");
            assertEquals(50, Pattern.STEADY.sentBy(5, DURATION, RPS), CLOSE, "50 are due after 5 s");
        }
    }

    @Nested
    @DisplayName("spike")
    class Spike {

        @Test
        @DisplayName("sends five times rps during the middle fifth of the run, and rps outside it")
        void fiveTimesInTheMiddleFifth() {
            assertEquals(RPS, Pattern.SPIKE.rate(0, DURATION, RPS), "rps at the start");
            assertEquals(RPS, Pattern.SPIKE.rate(7.9, DURATION, RPS), "rps just before the middle fifth (8 s to 12 s)");
            assertEquals(5 * RPS, Pattern.SPIKE.rate(8, DURATION, RPS), "5 × rps as the middle fifth begins");
            assertEquals(5 * RPS, Pattern.SPIKE.rate(10, DURATION, RPS), "5 × rps at mid-run");
            assertEquals(5 * RPS, Pattern.SPIKE.rate(11.9, DURATION, RPS), "5 × rps to the end of the middle fifth");
            assertEquals(RPS, Pattern.SPIKE.rate(12, DURATION, RPS), "rps again after it");
        }

        @Test
        @DisplayName("sends rps × duration plus four times rps for a fifth of the run")
        void total() {
            assertEquals(80, Pattern.SPIKE.sentBy(8, DURATION, RPS), CLOSE, "80 due when the spike begins");
            assertEquals(280, Pattern.SPIKE.sentBy(12, DURATION, RPS), CLOSE, "200 more during the 4 s spike");
            assertEquals(360, Pattern.SPIKE.sentBy(DURATION, DURATION, RPS), CLOSE, "200 + 4 × 10 × 4 = 360 in all");
        }
    }

    @Nested
    @DisplayName("sine")
    class Sine {

        @Test
        @DisplayName("starts and ends at 0 and peaks at rps in the middle")
        void oneWave() {
            assertEquals(0, Pattern.SINE.rate(0, DURATION, RPS), CLOSE, "0 at the start");
            assertEquals(RPS, Pattern.SINE.rate(DURATION / 2, DURATION, RPS), CLOSE, "rps at mid-run");
            assertEquals(0, Pattern.SINE.rate(DURATION, DURATION, RPS), CLOSE, "0 at the end");
            for (double t = 0; t <= DURATION; t += 0.25) {
                double rate = Pattern.SINE.rate(t, DURATION, RPS);
                assertTrue(rate >= 0 && rate <= RPS + CLOSE, "the rate at " + t + " s is between 0 and rps: " + rate);
            }
        }

        @Test
        @DisplayName("sends half of rps × duration, half of it by mid-run")
        void total() {
            assertEquals(100, Pattern.SINE.sentBy(DURATION, DURATION, RPS), CLOSE, "10 rps × 20 s / 2 = 100");
            assertEquals(50, Pattern.SINE.sentBy(DURATION / 2, DURATION, RPS), CLOSE, "the wave is symmetric");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Pattern.class, names = {"STEADY", "SPIKE", "SINE"})
    @DisplayName("a rate pattern's sends due never go down, and stop growing when the run ends")
    void sendsDueOnlyGrow(Pattern pattern) {
        double previous = 0;
        for (double t = 0; t <= DURATION + 5; t += 0.01) {
            double due = pattern.sentBy(t, DURATION, RPS);
            assertTrue(due >= previous - CLOSE, pattern.label() + ": due at " + t + " s (" + due + ") is not below "
                    + previous);
            previous = due;
        }
        assertEquals(pattern.sentBy(DURATION, DURATION, RPS), pattern.sentBy(DURATION + 5, DURATION, RPS), CLOSE,
                pattern.label() + " sends nothing after the run's end");
    }

    @Test
    @DisplayName("is named in lower case, and an unknown name is refused with the names to use")
    void names() {
        assertEquals(Pattern.SINE, Pattern.of("sine"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Pattern.of("zigzag"));
        assertEquals("the field 'pattern' must be steady, spike, sine or burst, not 'zigzag'", refused.getMessage());
    }
}
