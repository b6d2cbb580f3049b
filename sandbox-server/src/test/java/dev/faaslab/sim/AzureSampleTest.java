package dev.faaslab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The bundled {@code azure-sample.csv} is synthetic: made up by {@link #generate()} below, in the format of
 * the Azure Functions 2019 dataset, because the real one cannot be downloaded here. Every hash starts with
 * {@code synthetic}. To change it, change the generator and run this test with
 * {@code -Dfaaslab.regenerate=true} from the sandbox-server directory.
 */
@DisplayName("The bundled Azure trace sample")
class AzureSampleTest {

    static final Path SOURCE = Path.of("src/main/resources/dev/faaslab/sim", AzureTrace.SAMPLE);

    /** A day of four made-up functions with the shapes "Serverless in the Wild" describes. */
    static String generate() {
        SplittableRandom random = new SplittableRandom(2019);
        StringBuilder csv = new StringBuilder("HashOwner,HashApp,HashFunction,Trigger");
        for (int m = 1; m <= 1440; m++) {
            csv.append(',').append(m);
        }
        csv.append('\n');
        int[] http = new int[1440];
        int[] timer = new int[1440];
        int[] queue = new int[1440];
        int[] rare = new int[1440];
        for (int m = 0; m < 1440; m++) {
            // A web API with a day's rhythm: about 4 a minute at 3 a.m., 36 at 3 p.m.
            http[m] = poisson(random, 20 * (1 + 0.8 * Math.sin(2 * Math.PI * (m - 540) / 1440.0)));
            // A timer every 5 minutes: the regular idle gaps the hybrid keep-alive learns.
            timer[m] = m % 5 == 0 ? 1 : 0;
            // A queue consumer: quiet, then a 10-minute burst every 2 hours.
            queue[m] = m % 120 < 10 ? poisson(random, 60) : 0;
        }
        // A rarely used function: 12 invocations at random minutes, as 45% of apps are invoked at most hourly.
        for (int i = 0; i < 12; i++) {
            rare[random.nextInt(1440)]++;
        }
        row(csv, "1", "http-diurnal", "http", http);
        row(csv, "1", "timer-5min", "timer", timer);
        row(csv, "2", "queue-bursty", "queue", queue);
        row(csv, "3", "http-rare", "http", rare);
        return csv.toString();
    }

    private static void row(StringBuilder csv, String owner, String function, String trigger, int[] counts) {
        csv.append("synthetic-owner-").append(owner).append(",synthetic-app-").append(owner)
                .append(",synthetic-").append(function).append(',').append(trigger);
        for (int count : counts) {
            csv.append(',').append(count);
        }
        csv.append('\n');
    }

    /** Knuth's method: fine for the small means here. */
    private static int poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    @Test
    @DisplayName("is exactly what its generator makes")
    void matchesItsGenerator() throws IOException {
        String expected = generate();
        if (Boolean.getBoolean("faaslab.regenerate")) {
            Files.writeString(SOURCE, expected);
        }
        try (InputStream in = AzureTrace.class.getResourceAsStream(AzureTrace.SAMPLE)) {
            String bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(expected, bundled, "azure-sample.csv differs from AzureSampleTest.generate(): run this test"
                    + " with -Dfaaslab.regenerate=true to rewrite it");
        }
    }

    @Test
    @DisplayName("reads as four synthetic functions with a day of minutes each")
    void readsAsFourFunctions() {
        AzureTrace trace = AzureTrace.sample();
        assertEquals(4, trace.functions().size());
        for (AzureTrace.Function function : trace.functions()) {
            assertEquals(1440, function.countsPerMinute().length, function.function());
            assertTrue(function.function().startsWith("synthetic-"), "hashes say the data is made up");
        }
        assertEquals(288, trace.function("synthetic-timer-5min").traffic().total(), "one every 5 minutes for a day");
    }
}
