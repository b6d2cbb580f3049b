package dev.faaslab.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.faaslab.http.RequestBodies;
import dev.faaslab.http.RequestBodies.Answer;
import dev.faaslab.http.RequestBodies.Route;
import java.util.Arrays;

/**
 * A JSON body sent to the REST API is read by its route's reader: it is accepted, or refused with a 4xx
 * and a message, never answered with a 500 (what the router sends for anything a reader did not mean to
 * throw).
 *
 * <p>An input's first byte picks the route ({@code '0'} the first of {@link Route}'s, {@code '1'} the next …),
 * so that a seed file reads as the digit and the body: {@code 4{"expression":"rate(5 minutes)",…}}.
 */
class RestApiBodyFuzzTest {

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"\"runtime\":\"nodejs\"", "\"runtime\":\"python\"", "\"code\":", "\"handler\":\"index.handler\"",
            "\"memoryMb\":", "\"timeoutSeconds\":", "\"environment\":{", "\"reservedConcurrency\":", "\"revision\":",
            "\"provisionedConcurrency\":", "\"keepAliveSeconds\":", "\"retryDelays\":\"demonstration\"",
            "\"maximumRetryAttempts\":", "\"maximumEventAgeSeconds\":", "\"onFailure\":", "\"arrivalRate\":",
            "\"pattern\":\"spike\"", "\"pattern\":\"steady\"", "\"durationSeconds\":", "\"peakRate\":", "\"service\":",
            "\"keepAlivePolicy\":", "\"maxConcurrency\":", "\"provisioned\":", "\"scalingBurst\":", "\"seed\":",
            "\"seriesPoints\":", "\"prices\":\"arm\"", "\"measuredFrom\":", "\"rps\":", "\"burst\":", "\"headers\":{",
            "\"expression\":\"rate(5 minutes)\"", "\"expression\":\"cron(0 12 * * ? *)\"", "\"function\":\"f\"",
            "\"enabled\":", "\"input\":", "\"qualifier\":", "\"deadLetterQueue\":", "\"maxReceiveCount\":",
            "\"id\":", "\"body\":", "\"delaySeconds\":", "1e400", "-0", "9223372036854775808", "null"})
    void anyBodyIsReadOrRefusedWithA4xxAndAMessage(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Route route = Route.values()[Math.floorMod(input[0] - '0', Route.values().length)];
        Answer answer = RequestBodies.read(route, Arrays.copyOfRange(input, 1, input.length));

        assertTrue(answer.status() == 0 || (answer.status() >= 400 && answer.status() < 500),
                () -> route + " answered " + answer);
        if (answer.status() != 0) {
            assertFalse(answer.message() == null || answer.message().isBlank(), () -> route + " answered " + answer);
        }
    }
}
