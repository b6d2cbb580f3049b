package dev.faaslab.platform.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules the live platform and the simulator both follow, beside the keep-alive and the token bucket. */
@DisplayName("The platform's reuse and concurrency rules")
class ReuseAndLimitTest {

    @Nested
    @DisplayName("The next request")
    class NextRequest {

        @Test
        @DisplayName("takes a provisioned idle instance first, then the most recent on-demand one, else starts one cold")
        void order() {
            assertEquals(Reuse.PROVISIONED, Reuse.choose(true, true));
            assertEquals(Reuse.PROVISIONED, Reuse.choose(true, false));
            assertEquals(Reuse.MOST_RECENT, Reuse.choose(false, true));
            assertEquals(Reuse.COLD_START, Reuse.choose(false, false));
        }
    }

    @Nested
    @DisplayName("The concurrency limit")
    class Limit {

        @Test
        @DisplayName("of a function with reserved concurrency is the reservation, and 0 admits nothing")
        void reserved() {
            ConcurrencyLimit limit = ConcurrencyLimit.of(3, 100, 50);
            assertTrue(limit.admits(2));
            assertFalse(limit.admits(3), "the fourth request in flight is throttled");
            assertFalse(ConcurrencyLimit.of(0, 100, 0).admits(0), "a reservation of 0 switches the function off");
        }

        @Test
        @DisplayName("of functions without one is what the account's limit leaves after every reservation")
        void unreserved() {
            ConcurrencyLimit limit = ConcurrencyLimit.of(null, 100, 30);
            assertEquals(70, limit.ceiling());
            assertTrue(limit.admits(69));
            assertFalse(limit.admits(70));
        }
    }
}
