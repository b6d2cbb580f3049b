package dev.faaslab.billing;

import static dev.faaslab.billing.Prices.AWS_LAMBDA_X86_US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Bills worked out by hand from Lambda's list prices (x86, us-east-1) in the comments. */
@DisplayName("A month's bill")
class BillTest {

    private static final Prices X86 = AWS_LAMBDA_X86_US_EAST_1;

    /** A million invocations at 512 MB × 100 ms. */
    private static UsageSnapshot aMillionApiCalls() {
        Usage usage = new Usage();
        for (int i = 0; i < 1_000_000; i++) {
            usage.record(100, 512, false);
        }
        return usage.snapshot();
    }

    private static BigDecimal usd(String amount) {
        return Usd.of(new BigDecimal(amount));
    }

    @Nested
    @DisplayName("without the free tier")
    class WithoutFreeTier {

        @Test
        void chargesRequestsAndGbSecondsAtListPrice() {
            // 1,000,000 × 512 MB × 100 ms = 1,000,000 × 0.05 GB-s = 50,000 GB-s
            // requests: 1,000,000 × $0.20 / 1M = $0.20
            // compute:  50,000 × $0.0000166667  = $0.833335
            // total                             = $1.033335
            Bill bill = Bill.of(X86, aMillionApiCalls(), false);
            assertEquals(usd("0.20"), bill.requestsCost());
            assertEquals(usd("0.833335"), bill.computeCost());
            assertEquals(usd("0"), bill.provisionedCost());
            assertEquals(usd("0"), bill.freeTierCredit());
            assertEquals(usd("1.033335"), bill.total());
        }

        @Test
        void isTheSumOfItsInvocationsListPrices() {
            // Each invocation: $0.000001033335 (see InvocationCostTest) × 1,000,000 = $1.033335
            BigDecimal one = InvocationCost.of(X86, 100, 512, false);
            assertEquals(Bill.of(X86, aMillionApiCalls(), false).total(), one.multiply(BigDecimal.valueOf(1_000_000)));
        }
    }

    @Nested
    @DisplayName("with the free tier")
    class WithFreeTier {

        @Test
        void comesToNothingForASmallMonth() {
            // 1,000,000 requests ≤ 1,000,000 free; 50,000 GB-s ≤ 400,000 free: everything is covered.
            Bill bill = Bill.of(X86, aMillionApiCalls(), true);
            assertEquals(usd("-1.033335"), bill.freeTierCredit());
            assertEquals(usd("0"), bill.total());
        }

        @Test
        void coversOnlyTheAllowanceOfALargeMonth() {
            // 3,000,000 invocations at 1 GB × 1 s = 3,000,000 GB-s
            // requests: 3,000,000 × $0.0000002              = $0.60
            // compute:  3,000,000 × $0.0000166667           = $50.0001
            // credit:   1,000,000 × $0.0000002              = $0.20
            //           + 400,000 × $0.0000166667           = $6.66668   → −$6.86668
            // total: (3M − 1M) × $0.20/1M = $0.40 + (3,000,000 − 400,000) × $0.0000166667 = $43.33342
            //        = $43.73342
            UsageSnapshot usage = UsageSnapshot.of(3_000_000, 3_000_000L * 1024 * 1000, 0, 0);
            Bill bill = Bill.of(X86, usage, true);
            assertEquals(usd("0.60"), bill.requestsCost());
            assertEquals(usd("50.0001"), bill.computeCost());
            assertEquals(usd("-6.86668"), bill.freeTierCredit());
            assertEquals(usd("43.73342"), bill.total());
        }

        @Test
        void coversRequestsEvenWhenTheGbSecondsRunOver() {
            // 50 invocations at 10,240 MB × 900 s = 50 × 10 GB × 900 s = 450,000 GB-s
            // requests: 50 × $0.0000002 = $0.00001, all within the free 1,000,000
            // compute:  (450,000 − 400,000) × $0.0000166667 = 50,000 × $0.0000166667 = $0.833335 to pay
            Usage usage = new Usage();
            for (int i = 0; i < 50; i++) {
                usage.record(900_000, 10_240, false);
            }
            Bill bill = Bill.of(X86, usage.snapshot(), true);
            assertEquals(usd("0.00001"), bill.requestsCost());
            assertEquals(usd("0.833335"), bill.total());
        }

        @Test
        void neverCoversProvisionedConcurrency() {
            // 10 instances × 1 GB × 1 hour configured = 10 × 3,600 = 36,000 GB-s × $0.0000041667 = $0.1500012
            // 100,000 invocations on them at 1 GB × 200 ms = 20,000 GB-s × $0.0000097222       = $0.194444
            // requests: 100,000 × $0.0000002 = $0.02, which the free tier covers.
            // total without the free tier: $0.02 + $0.1500012 + $0.194444 = $0.3644452
            //       with it:                       $0.1500012 + $0.194444 = $0.3444452
            Usage usage = new Usage();
            usage.recordProvisionedConfigured(1024, 10, 3_600_000);
            for (int i = 0; i < 100_000; i++) {
                usage.record(200, 1024, true);
            }
            Bill paid = Bill.of(X86, usage.snapshot(), false);
            assertEquals(usd("0.02"), paid.requestsCost());
            assertEquals(usd("0"), paid.computeCost());
            assertEquals(usd("0.3444452"), paid.provisionedCost());
            assertEquals(usd("0.3644452"), paid.total());

            Bill free = Bill.of(X86, usage.snapshot(), true);
            assertEquals(usd("-0.02"), free.freeTierCredit());
            assertEquals(usd("0.3444452"), free.total());
        }
    }

    @Nested
    @DisplayName("for several functions together")
    class Together {

        @Test
        void appliesOneFreeTierToTheirCombinedUsage() {
            // Two functions of 2,000,000 GB-s each, 1,000,000 requests each:
            // apart, each fits the request allowance; together 2,000,000 requests, 1,000,000 of them paid: $0.20
            // compute: (4,000,000 − 400,000) × $0.0000166667 = $60.00012; total $60.20012
            UsageSnapshot one = UsageSnapshot.of(1_000_000, 2_000_000L * 1024 * 1000, 0, 0);
            Bill bill = Bill.of(X86, one.plus(one).plus(UsageSnapshot.NONE), true);
            assertEquals(usd("60.20012"), bill.total());
        }
    }

    @Nested
    @DisplayName("shows its amounts")
    class Shows {

        @Test
        void inMicroDollarsAtLeast() {
            assertEquals("$0.000021", Usd.format(new BigDecimal("0.000021")));
            assertEquals("$43.733420", Usd.format(new BigDecimal("43.73342")));
            assertEquals("-$6.866680", Usd.format(new BigDecimal("-6.86668")));
            assertEquals("$0.000000", Usd.format(BigDecimal.ZERO));
        }

        @Test
        void withMoreDecimalsWhenTheyMatter() {
            // One 128 MB × 1 ms invocation: $0.000000202083 would show as $0.000000 at six places.
            assertEquals("$0.000000202083", Usd.format(InvocationCost.of(X86, 1, 128, false)));
        }

        @Test
        void asAStatementWithATotal() {
            Bill bill = Bill.of(X86, aMillionApiCalls(), false);
            String statement = bill.format();
            assertTrue(statement.contains("Requests") && statement.contains("$0.200000"), statement);
            assertTrue(statement.lines().toList().getLast().matches("Total\\s+\\$1\\.033335"), statement);
            assertEquals("Bill $1.033335 (requests $0.200000, compute $0.833335, provisioned $0.000000,"
                    + " free tier $0.000000)", bill.toString());
        }
    }

    @Nested
    @DisplayName("refuses")
    class Refuses {

        @Test
        void aTotalThatIsNotTheSumOfItsLines() {
            var error = assertThrows(IllegalArgumentException.class, () -> new Bill(BigDecimal.ONE, BigDecimal.ONE,
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE));
            assertTrue(error.getMessage().startsWith("total 1.000000000000 is not the sum of the lines"), error.getMessage());
        }

        @Test
        void aPositiveFreeTierCredit() {
            var error = assertThrows(IllegalArgumentException.class, () -> new Bill(BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE));
            assertTrue(error.getMessage().startsWith("freeTierCredit must be 0 or negative"), error.getMessage());
        }
    }
}
