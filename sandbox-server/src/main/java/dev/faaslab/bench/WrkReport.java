package dev.faaslab.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run of {@code wrk --latency} reported, read from its text output.
 *
 * <p>wrk prints its latency percentiles from a histogram of microseconds, with a unit chosen per value
 * ({@code 850.00us}, {@code 2.42ms}, {@code 1.29s}, {@code 1.50m}); they are converted to milliseconds
 * here. wrk counts a response as an error only when its status is 400 or more ("Non-2xx or 3xx
 * responses") and prints socket errors (connect, read, write, timeout) only when there were some.
 *
 * @param requests          responses completed in the run, errors included
 * @param requestsPerSecond wrk's own figure: requests divided by the run's length
 * @param p50Ms             median latency
 * @param p99Ms             99th-percentile latency
 * @param statusErrors      responses with a status of 400 or more
 * @param socketErrors      connect, read, write and timeout errors together
 */
public record WrkReport(long requests, double requestsPerSecond, double p50Ms, double p99Ms, long statusErrors,
                        long socketErrors) {

    private static final Pattern REQUESTS = Pattern.compile("^\\s*(\\d+) requests in ", Pattern.MULTILINE);
    private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s*([0-9.]+)\\s*$", Pattern.MULTILINE);
    private static final Pattern PERCENTILE =
            Pattern.compile("^\\s*(\\d+)%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$", Pattern.MULTILINE);
    private static final Pattern STATUS_ERRORS =
            Pattern.compile("^\\s*Non-2xx or 3xx responses:\\s*(\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)\\s*$", Pattern.MULTILINE);

    /** Every error wrk saw: a benchmark of failing requests measures nothing worth reporting. */
    public long errors() {
        return statusErrors + socketErrors;
    }

    /**
     * Reads wrk's output.
     *
     * @throws IllegalArgumentException when it lacks the request count, the rate or the 50% and 99% lines
     *                                  (wrk was run without {@code --latency}, or failed)
     */
    public static WrkReport parse(String output) {
        Matcher requests = require(REQUESTS, output, "the request count");
        Matcher rate = require(RATE, output, "Requests/sec");
        double p50 = -1;
        double p99 = -1;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double ms = toMillis(Double.parseDouble(percentile.group(2)), percentile.group(3));
            switch (percentile.group(1)) {
                case "50" -> p50 = ms;
                case "99" -> p99 = ms;
                default -> { }
            }
        }
        if (p50 < 0 || p99 < 0) {
            throw new IllegalArgumentException("wrk's output has no 50% and 99% latencies (was it run with --latency?):\n"
                    + output);
        }
        long statusErrors = 0;
        Matcher status = STATUS_ERRORS.matcher(output);
        if (status.find()) {
            statusErrors = Long.parseLong(status.group(1));
        }
        long socketErrors = 0;
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(socket.group(group));
            }
        }
        return new WrkReport(Long.parseLong(requests.group(1)), Double.parseDouble(rate.group(1)), p50, p99,
                statusErrors, socketErrors);
    }

    private static Matcher require(Pattern pattern, String output, String what) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalArgumentException("wrk's output has no " + what + ":\n" + output);
        }
        return matcher;
    }

    private static double toMillis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }
}
