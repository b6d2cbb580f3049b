package dev.faaslab.events.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** API Gateway's {@code requestContext.time}: {@code 23/Nov/2026:10:15:30 +0000}, always UTC. */
final class RequestTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss '+0000'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The last second formatted: at tens of thousands of requests a second, most share it. */
    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String text) {
    }

    private RequestTime() {
    }

    static String format(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        Second cached = last;
        if (cached.epochSecond() == epochSecond) {
            return cached.text();
        }
        String text = FORMAT.format(Instant.ofEpochSecond(epochSecond));
        last = new Second(epochSecond, text);
        return text;
    }
}
