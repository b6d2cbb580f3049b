package dev.faaslab.traffic;

import dev.faaslab.core.InvalidInputException;
import dev.faaslab.core.TrafficPattern.Engine;
import dev.faaslab.core.TrafficPattern;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a traffic run sends: which function, in which pattern, and the request each send makes to the
 * function's HTTP trigger ({@code /fn/{function}{path}?{query}}). Checked when made, so that a run never
 * starts with a plan it cannot carry out; each refusal names the field, its range and what to try.
 *
 * @param rps             base requests per second (1–{@value #MAX_RPS}); null for a burst
 * @param durationSeconds how long the rate patterns send (1–{@value #MAX_DURATION_SECONDS}); null for a burst
 * @param burst           how many requests a burst sends at once (1–{@value #MAX_BURST}); null for the rate patterns
 * @param body            the request body, or null for none
 */
public record TrafficPlan(String function, TrafficPattern pattern, Integer rps, Integer durationSeconds, Integer burst,
                          String method, String path, String query, String body, Map<String, String> headers) {

    public static final int MAX_RPS = 200;
    public static final int MAX_DURATION_SECONDS = 300;
    public static final int DEFAULT_DURATION_SECONDS = 10;
    public static final int MAX_BURST = 200;
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public TrafficPlan {
        if (function == null || function.isBlank()) {
            throw new InvalidInputException("function", "the field 'function' is needed: the name of a function in this"
                    + " workspace, such as {\"function\":\"hello\",\"pattern\":\"steady\",\"rps\":10}");
        }
        if (pattern == null) {
            throw new InvalidInputException("pattern", "the field 'pattern' is needed: " + TrafficPattern.names(Engine.LIVE));
        }
        if (!pattern.in(Engine.LIVE)) {
            throw new InvalidInputException("pattern", "the field 'pattern' must be " + TrafficPattern.names(Engine.LIVE)
                    + ", not '" + pattern.label() + "'");
        }
        if (rps != null && (rps < 1 || rps > MAX_RPS)) {
            throw new InvalidInputException("rps", "the field 'rps' must be between 1 and " + MAX_RPS
                    + " requests per second, not " + rps + ": for a sudden crowd try the spike pattern, which sends "
                    + LiveRate.SPIKE_FACTOR + " × rps during the middle fifth of the run");
        }
        if (durationSeconds != null && (durationSeconds < 1 || durationSeconds > MAX_DURATION_SECONDS)) {
            throw new InvalidInputException("durationSeconds", "the field 'durationSeconds' must be between 1 and "
                    + MAX_DURATION_SECONDS + " seconds, not " + durationSeconds
                    + ": a few seconds are enough to watch instances scale; DELETE /api/traffic stops a run early");
        }
        if (burst != null && (burst < 1 || burst > MAX_BURST)) {
            throw new InvalidInputException("burst", "the field 'burst' must be between 1 and " + MAX_BURST
                    + " concurrent requests, not " + burst + ": the workspace runs 100 requests at once at most,"
                    + " so a larger burst shows throttling as well as any could");
        }
        if (LiveRate.hasRate(pattern)) {
            if (rps == null) {
                throw new InvalidInputException("rps", "the " + pattern.label() + " pattern needs the field 'rps',"
                        + " requests per second from 1 to " + MAX_RPS + ", such as {\"function\":\"" + function
                        + "\",\"pattern\":\"" + pattern.label() + "\",\"rps\":10}");
            }
            durationSeconds = durationSeconds == null ? DEFAULT_DURATION_SECONDS : durationSeconds;
            burst = null; // a rate pattern sends no burst
        } else {
            if (burst == null) {
                throw new InvalidInputException("burst", "the burst pattern needs the field 'burst', how many requests to"
                        + " send at once (1 to " + MAX_BURST + "), such as {\"function\":\"" + function
                        + "\",\"pattern\":\"burst\",\"burst\":20}");
            }
            rps = null; // a burst has no rate and no duration: it ends when every request has its answer
            durationSeconds = null;
        }
        method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new InvalidInputException("method", "the field 'method' must be one of " + String.join(", ", METHODS)
                    + ", not '" + method + "'");
        }
        path = path == null ? "/" : path;
        if (!path.startsWith("/")) {
            throw new InvalidInputException("path", "the field 'path' must start with '/', such as \"/orders/7\", not '"
                    + path + "'");
        }
        if (path.contains("?") || path.contains("#")) {
            throw new InvalidInputException("path", "the field 'path' holds a '?' or '#': put the query, without its '?',"
                    + " in the field 'query', such as {\"path\":\"/search\",\"query\":\"q=ada\"}");
        }
        query = query == null || query.isEmpty() ? null : query;
        if (query != null && (query.startsWith("?") || query.contains("#"))) {
            throw new InvalidInputException("query", "the field 'query' is what follows the '?', without it and without"
                    + " a '#', such as \"name=Ada&lang=en\", not '" + query + "'");
        }
        try {
            URI.create("http://localhost" + path + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("the fields 'path' and 'query' must make a valid URL (" + e.getMessage()
                    + "): write a space as %20 and other special characters percent-encoded");
        }
        if (body != null && body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new InvalidInputException("body", "the field 'body' is " + body.getBytes(StandardCharsets.UTF_8).length
                    + " bytes, over the traffic generator's " + MAX_BODY_BYTES
                    + ": a small body shows scaling just as well (the HTTP trigger itself takes up to 6 MB)");
        }
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            try {
                // The HTTP client refuses names it sets itself (Host, Content-Length, Connection …) and malformed ones.
                HttpRequest.newBuilder().header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("the header '" + header.getKey() + "' in the field 'headers' cannot"
                        + " be sent: the generator sets Host, Content-Length and Connection itself, and a header's"
                        + " name is letters, digits and '-', its value one line of text");
            }
        }
    }
}
