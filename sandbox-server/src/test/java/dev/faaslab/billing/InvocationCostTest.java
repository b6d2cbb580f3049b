package dev.faaslab.billing;

import static dev.faaslab.billing.Prices.AWS_LAMBDA_ARM_US_EAST_1;
import static dev.faaslab.billing.Prices.AWS_LAMBDA_X86_US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Prices worked out by hand from Lambda's list prices (x86, us-east-1) in the comments. */
@DisplayName("One invocation's cost")
class InvocationCostTest {

    @Nested
    @DisplayName("on an on-demand instance")
    class OnDemand {

        @Test
        void isTheRequestPlusTheGbSecondsOfTheSmallestInvocation() {
            // request:  $0.20 / 1,000,000                       = $0.0000002
            // duration: 128/1024 GB × 0.001 s = 0.000125 GB-s
            //           0.000125 × $0.0000166667                = $0.00000000208333750
            // total                                             = $0.00000020208333750
            //           → 12 places, half up                    = $0.000000202083
            assertEquals(new BigDecimal("0.000000202083"), InvocationCost.of(AWS_LAMBDA_X86_US_EAST_1, 1, 128, false));
        }

        @Test
        void roundsHalfUpToTwelvePlaces() {
            // 1 GB × 0.001 s = 0.001 GB-s × $0.0000166667 = $0.0000000166667
            // + $0.0000002 = $0.0000002166667 → $0.000000216667 (the 13th digit, 7, rounds up)
            assertEquals(new BigDecimal("0.000000216667"), InvocationCost.of(AWS_LAMBDA_X86_US_EAST_1, 1, 1024, false));
        }

        @Test
        void isAboutAMicroDollarForATypicalApiCall() {
            // 512 MB × 100 ms = 0.5 × 0.1 = 0.05 GB-s × $0.0000166667 = $0.000000833335
            // + $0.0000002 = $0.000001033335
            assertEquals(new BigDecimal("0.000001033335"), InvocationCost.of(AWS_LAMBDA_X86_US_EAST_1, 100, 512, false));
        }

        @Test
        void isCheaperOnArm() {
            // 512 MB × 100 ms = 0.05 GB-s × $0.0000133334 = $0.00000066667; + $0.0000002 = $0.00000086667
            assertEquals(new BigDecimal("0.000000866670"), InvocationCost.of(AWS_LAMBDA_ARM_US_EAST_1, 100, 512, false));
        }

        @Test
        void includesTheInitDurationTheRuntimeBilledOnAColdStart() {
            // A cold start billed 250 ms init + 50 ms handler = 300 ms at 1024 MB:
            // 0.3 GB-s × $0.0000166667 = $0.00000500001; + $0.0000002 = $0.00000520001
            assertEquals(new BigDecimal("0.000005200010"), InvocationCost.of(AWS_LAMBDA_X86_US_EAST_1, 300, 1024, false));
        }
    }

    @Nested
    @DisplayName("on a provisioned instance")
    class OnProvisioned {

        @Test
        void usesTheLowerProvisionedDurationPrice() {
            // 1024 MB × 100 ms = 0.1 GB-s × $0.0000097222 = $0.00000097222
            // + $0.0000002 = $0.00000117222
            assertEquals(new BigDecimal("0.000001172220"), InvocationCost.of(AWS_LAMBDA_X86_US_EAST_1, 100, 1024, true));
        }
    }

    @Nested
    @DisplayName("refuses")
    class Refuses {

        @Test
        void aNegativeDuration() {
            var error = assertThrows(IllegalArgumentException.class,
                    () -> InvocationCost.of(AWS_LAMBDA_X86_US_EAST_1, -1, 128, false));
            assertEquals("billedMs must be 0 or more, not -1", error.getMessage());
        }

        @Test
        void zeroMemory() {
            var error = assertThrows(IllegalArgumentException.class,
                    () -> InvocationCost.of(AWS_LAMBDA_X86_US_EAST_1, 1, 0, false));
            assertEquals("memoryMb must be positive, not 0", error.getMessage());
        }
    }
}
