package dev.faaslab.classroom.lti;

import java.net.URI;

/**
 * Where the tool answers, as the platform's registration names them: the server's public address followed
 * by {@code /lti/login}, {@code /lti/launch}, {@code /lti/jwks} and {@code /lti/deep-link}.
 *
 * @param base the server's address as browsers and platforms reach it, such as {@code https://faaslab.example.edu}
 */
public record ToolEndpoints(URI base) {

    public ToolEndpoints {
        String text = base.toString();
        if (text.endsWith("/")) {
            base = URI.create(text.substring(0, text.length() - 1));
        }
    }

    public URI login() {
        return resolve("/lti/login");
    }

    /** The redirect URI the platform posts id_tokens to. */
    public URI launch() {
        return resolve("/lti/launch");
    }

    public URI jwks() {
        return resolve("/lti/jwks");
    }

    public URI deepLink() {
        return resolve("/lti/deep-link");
    }

    /** A path of this server as an absolute URL: a lesson's launch URL in a deep-linking item. */
    public URI resolve(String path) {
        return URI.create(base + (path.startsWith("/") ? path : "/" + path));
    }
}
