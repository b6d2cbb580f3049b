package dev.faaslab.platform.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A keep-alive policy")
class KeepAlivePolicyTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    @DisplayName("none reclaims an instance the moment it goes idle")
    void noneReclaimsAtOnce() {
        assertTrue(KeepAlivePolicy.none().expired(5, 5), "idle for 0 ns is already past a keep-alive of 0");
    }

    @Test
    @DisplayName("fixed reclaims an instance once it has been idle for exactly the keep-alive, not before")
    void fixedReclaimsAtTheKeepAlive() {
        KeepAlivePolicy tenMinutes = KeepAlivePolicy.fixed(Duration.ofMinutes(10));
        assertFalse(tenMinutes.expired(0, 10 * MINUTE - 1), "one nanosecond short of 10 minutes is still warm");
        assertTrue(tenMinutes.expired(0, 10 * MINUTE), "10 minutes idle is reclaimed, as the live sweep does");
    }

    @Test
    @DisplayName("forever never reclaims")
    void foreverNeverReclaims() {
        assertFalse(KeepAlivePolicy.forever().expired(0, Long.MAX_VALUE / 2));
    }

    @Nested
    @DisplayName("the hybrid histogram")
    class Hybrid {

        @Test
        @DisplayName("keeps a fixed 4 hours until it has seen enough idle times")
        void fallsBackUntilRepresentative() {
            HybridHistogramPolicy policy = new HybridHistogramPolicy();
            for (int i = 0; i < HybridHistogramPolicy.MIN_SAMPLES - 1; i++) {
                policy.idleTimeObserved(5 * MINUTE + 1);
            }
            assertFalse(policy.representative(), "nine idle times are not a histogram yet");
            assertEquals(0, policy.prewarmNanos());
            assertEquals(240 * MINUTE, policy.keepUntilNanos());
        }

        @Test
        @DisplayName("with regular 5-minute gaps pre-warms at 90% of 5 minutes and keeps until 110% of 6")
        void learnsRegularGaps() {
            HybridHistogramPolicy policy = new HybridHistogramPolicy();
            for (int i = 0; i < 20; i++) {
                policy.idleTimeObserved(5 * MINUTE + 1);
            }
            assertTrue(policy.representative(), "20 idle times all in one bin are a sharp histogram");
            assertEquals((long) (5 * MINUTE * 0.9), policy.prewarmNanos(), "the head bin's lower edge less 10%");
            assertEquals((long) (6 * MINUTE * 1.1), policy.keepUntilNanos(), "the tail bin's upper edge plus 10%");
        }

        @Test
        @DisplayName("falls back to 4 hours when most idle times are beyond its range")
        void fallsBackForLongGaps() {
            HybridHistogramPolicy policy = new HybridHistogramPolicy();
            for (int i = 0; i < 20; i++) {
                policy.idleTimeObserved(5 * 60 * MINUTE);
            }
            assertFalse(policy.representative());
            assertEquals(240 * MINUTE, policy.keepUntilNanos());
        }
    }
}
