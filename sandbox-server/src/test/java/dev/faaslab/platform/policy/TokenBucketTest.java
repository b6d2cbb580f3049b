package dev.faaslab.platform.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A token bucket")
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    @DisplayName("gives its whole burst at once, then nothing until it refills")
    void burstThenEmpty() {
        TokenBucket bucket = new TokenBucket(3, 10 * SECOND, 0);
        int taken = 0;
        while (bucket.tryTake(0)) {
            taken++;
        }
        assertEquals(3, taken, "a full bucket of 3");
        assertFalse(bucket.tryTake(0));
    }

    @Test
    @DisplayName("refills continuously: one token per interval/burst, never beyond the burst")
    void refillsContinuously() {
        TokenBucket bucket = new TokenBucket(10, 10 * SECOND, 0);
        for (int i = 0; i < 10; i++) {
            bucket.tryTake(0);
        }
        assertFalse(bucket.tryTake(SECOND - 1), "just short of one second: not a whole token yet");
        assertTrue(bucket.tryTake(2 * SECOND), "two seconds refill two tokens (one was almost there)");
        int taken = 0;
        while (bucket.tryTake(1000 * SECOND)) {
            taken++;
        }
        assertEquals(10, taken, "a long pause refills only up to the burst");
    }
}
