package dev.faaslab.classroom;

import java.time.Duration;

/**
 * A session just started: {@code cookie} is what the browser keeps (signed, and set HttpOnly and SameSite by the
 * server), for {@code lasts}.
 */
public record SignedIn(Principal principal, String cookie, Duration lasts) {
}
