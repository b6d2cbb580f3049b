package dev.faaslab.http;

import dev.faaslab.platform.Throttle;
import java.util.Map;

/** A throttle as each face of the server shows it. */
final class Throttles {

    private Throttles() {
    }

    /** The REST API's error shape, with Lambda's reason code. */
    static ApiException apiException(Throttle throttle) {
        return new ApiException(429, "TooManyRequestsException", throttle.message(),
                Map.of("reason", throttle.reason().name()));
    }
}
