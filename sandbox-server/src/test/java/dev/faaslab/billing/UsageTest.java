package dev.faaslab.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Usage")
class UsageTest {

    @Nested
    @DisplayName("converts MB·ms to GB-seconds")
    class Conversion {

        @Test
        void exactlyWithAGigabyteOf1024Megabytes() {
            // 128 MB × 1 ms = 128 MB·ms = 128 / 1,024,000 GB-s = 0.000125 GB-s
            assertEquals(new BigDecimal("0.000125"), UsageSnapshot.gbSeconds(128));
            // 1 MB·ms = 1 / 1,024,000 = 0.0000009765625 GB-s: no rounding, however odd the figure
            assertEquals(new BigDecimal("0.0000009765625"), UsageSnapshot.gbSeconds(1));
        }
    }

    @Nested
    @DisplayName("keeps apart")
    class KeepsApart {

        @Test
        void onDemandProvisionedDurationAndProvisionedConfiguredTime() {
            Usage usage = new Usage();
            usage.record(100, 512, false);      // 51,200 MB·ms = 0.05 GB-s on demand
            usage.record(200, 1024, true);      // 204,800 MB·ms = 0.2 GB-s on a provisioned instance
            usage.recordProvisionedConfigured(1024, 10, 3_600_000); // 10 × 1 GB × 3,600 s = 36,000 GB-s
            UsageSnapshot snapshot = usage.snapshot();
            assertEquals(2, snapshot.requests(), "both invocations are requests");
            assertEquals(new BigDecimal("0.05"), snapshot.onDemandGbSeconds());
            assertEquals(new BigDecimal("0.2"), snapshot.provisionedDurationGbSeconds());
            assertEquals(0, new BigDecimal("36000").compareTo(snapshot.provisionedConfiguredGbSeconds()));
        }
    }

    @Nested
    @DisplayName("recorded from many threads at once")
    class Concurrently {

        @Test
        void sumsExactly() throws Exception {
            // 8 threads × 100,000 records at 128 MB; record j bills 1 + j % 10 ms, provisioned when j % 4 == 0.
            // Per thread: Σ(1 + j % 10) = 100,000 × 5.5 = 550,000 ms.
            //   Provisioned (j % 4 == 0): every 20 j's, j % 10 runs 0, 4, 8, 2, 6 → 20 + 5 × 1 = 25 ms;
            //   5,000 such blocks → 125,000 ms; on demand the other 425,000 ms.
            // 8 threads: provisioned 1,000,000 ms × 128 MB = 128,000,000 MB·ms = 125 GB-s;
            //            on demand   3,400,000 ms × 128 MB = 435,200,000 MB·ms = 425 GB-s.
            Usage usage = new Usage();
            int threads = 8;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int j = 0; j < 100_000; j++) {
                            usage.record(1 + j % 10, 128, j % 4 == 0);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            }
            UsageSnapshot snapshot = usage.snapshot();
            assertEquals(800_000, snapshot.requests());
            assertEquals(0, new BigDecimal("425").compareTo(snapshot.onDemandGbSeconds()), snapshot.toString());
            assertEquals(0, new BigDecimal("125").compareTo(snapshot.provisionedDurationGbSeconds()), snapshot.toString());
            assertEquals(0, BigDecimal.ZERO.compareTo(snapshot.provisionedConfiguredGbSeconds()));
        }
    }

    @Nested
    @DisplayName("refuses")
    class Refuses {

        @Test
        void aNegativeBilledDuration() {
            var error = assertThrows(IllegalArgumentException.class, () -> new Usage().record(-5, 128, false));
            assertEquals("billedMs must be 0 or more, not -5", error.getMessage());
        }

        @Test
        void memoryThatIsNotPositive() {
            var error = assertThrows(IllegalArgumentException.class, () -> new Usage().record(1, -128, false));
            assertEquals("memoryMb must be positive, not -128", error.getMessage());
        }

        @Test
        void aNegativeNumberOfProvisionedInstances() {
            var error = assertThrows(IllegalArgumentException.class,
                    () -> new Usage().recordProvisionedConfigured(1024, -1, 1000));
            assertEquals("instances must be 0 or more, not -1", error.getMessage());
        }
    }
}
