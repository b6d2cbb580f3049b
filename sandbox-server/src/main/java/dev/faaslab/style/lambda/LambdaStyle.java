package dev.faaslab.style.lambda;

import dev.faaslab.events.http.HttpApiEvent;
import dev.faaslab.events.http.HttpApiEventFields;
import dev.faaslab.events.http.HttpApiResponse;
import dev.faaslab.events.http.HttpHeader;
import dev.faaslab.events.http.HttpRequestData;
import dev.faaslab.events.http.HttpResponseData;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.HandlerStyle;
import dev.faaslab.runtime.HttpReply;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.Payloads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lambda's handler contract: a JSON event is the handler's event as it is; an HTTP request becomes API
 * Gateway's HTTP API (2.0) event, and the handler's answer goes back as API Gateway maps it.
 *
 * <p>A JavaScript guest gets the HTTP event as plain arguments, from which {@code lambda.js} builds the object
 * with one object literal: parsing the event's JSON was a third of the cost of a request through the trigger.
 * Values carry bodies of up to {@link #MAX_BODY_CHARS} characters, so that the event is always under
 * Lambda's 6 MB whatever its escaping; larger ones, and requests whose text holds the separator, go as
 * JSON, and are checked. Either way the handler gets the same object, fields in the same order.
 */
public final class LambdaStyle implements HandlerStyle {

    public static final LambdaStyle INSTANCE = new LambdaStyle();

    static final int MAX_BODY_CHARS = 512 * 1024;
    /** Separates the entries of a list or map passed to the guest as one string; no HTTP text holds it. */
    static final char SEPARATOR = '\0';

    private final String javaScript = read("lambda.js");
    private final String python = read("lambda.py");

    private LambdaStyle() {
    }

    @Override
    public String name() {
        return "aws-lambda";
    }

    @Override
    public String title() {
        return "AWS Lambda";
    }

    /** Lambda has no bindings: its handlers reach tables, buckets and queues through an SDK (here, the faaslab module). */
    @Override
    public java.util.Optional<String> refusal(dev.faaslab.runtime.FunctionConfig config) {
        return config.bindings().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("bindings are"
                + " Cloudflare Workers' (style cloudflare-workers): an AWS Lambda function reaches tables, buckets and"
                + " queues through the faaslab module (import { table } from 'faaslab')");
    }

    @Override
    public String javaScript() {
        return javaScript;
    }

    @Override
    public String python() {
        return python;
    }

    /** The event's JSON text alone, or null followed by an HTTP event's values (lambda.js's httpEvent reads them). */
    @Override
    public Object[] input(Event event) {
        return switch (event) {
            case Event.Json(String json) -> new Object[] {json};
            case Event.Http http -> {
                HttpApiEventFields fields = fields(http);
                if (canCarry(fields)) {
                    yield values(fields);
                }
                String json = HttpApiEvent.toJson(fields);
                Payloads.checkEvent(json);
                yield new Object[] {json};
            }
        };
    }

    /** The event's JSON, which a Python handler receives parsed. */
    @Override
    public String pythonInput(Event event) {
        return switch (event) {
            case Event.Json(String json) -> json;
            case Event.Http http -> HttpApiEvent.toJson(fields(http));
        };
    }

    @Override
    public void check(Event event) {
        // Only a body too large to travel as values can take the event over 6 MB.
        if (event instanceof Event.Http http && (http.body().length + 2L) / 3 * 4 > MAX_BODY_CHARS) {
            HttpApiEventFields fields = fields(http);
            if (!canCarry(fields)) {
                Payloads.checkEvent(HttpApiEvent.toJson(fields));
            }
        }
    }

    @Override
    public HttpReply response(Outcome outcome) {
        HttpResponseData mapped = outcome instanceof Outcome.Success(String json)
                ? HttpApiResponse.fromResult(json)
                : HttpApiResponse.functionError();
        List<Event.Header> headers = new ArrayList<>(mapped.headers().size());
        for (HttpHeader header : mapped.headers()) {
            headers.add(new Event.Header(header.name(), header.value()));
        }
        return new HttpReply(mapped.status(), headers, mapped.cookies(), mapped.body());
    }

    /** API Gateway's mapping of the request. */
    public static HttpApiEventFields fields(Event.Http http) {
        List<HttpHeader> headers = new ArrayList<>(http.headers().size());
        for (Event.Header header : http.headers()) {
            headers.add(new HttpHeader(header.name(), header.value()));
        }
        return HttpApiEvent.fields(new HttpRequestData(http.method(), http.path(), http.rawQuery(), headers,
                http.body(), http.sourceIp(), http.host(), http.requestId(), http.timeEpochMillis()));
    }

    /** Whether the event can go to a JavaScript guest as values rather than JSON. */
    static boolean canCarry(HttpApiEventFields fields) {
        if (fields.body() != null && fields.body().length() > MAX_BODY_CHARS) {
            return false;
        }
        // A decoded query (%00) or a cookie could hold the separator; such requests go as JSON.
        if (fields.cookies() != null && fields.cookies().stream().anyMatch(LambdaStyle::holdsSeparator)) {
            return false;
        }
        for (Map<String, String> map : List.of(fields.headers(), fields.query())) {
            for (Map.Entry<String, String> entry : map.entrySet()) {
                if (holdsSeparator(entry.getKey()) || holdsSeparator(entry.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A null in the JSON's place, then the arguments {@code lambda.js}'s httpEvent takes, in its order. */
    private static Object[] values(HttpApiEventFields f) {
        return new Object[] {null, f.method(), f.rawPath(), f.rawQueryString(),
                f.cookies() == null ? null : String.join(String.valueOf(SEPARATOR), f.cookies()), joined(f.headers()),
                joined(f.query()), f.domainName(), f.domainPrefix(), f.sourceIp(), f.userAgent(), f.requestId(), f.time(),
                f.timeEpochMillis(), f.body(), f.isBase64Encoded()};
    }

    /** Joins a map's keys and values, alternately, with {@link #SEPARATOR}. */
    private static String joined(Map<String, String> map) {
        StringBuilder out = new StringBuilder(map.size() * 32);
        for (Map.Entry<String, String> entry : map.entrySet()) {
            if (!out.isEmpty()) {
                out.append(SEPARATOR);
            }
            out.append(entry.getKey()).append(SEPARATOR).append(entry.getValue());
        }
        return out.toString();
    }

    private static boolean holdsSeparator(String text) {
        return text.indexOf(SEPARATOR) >= 0;
    }

    private static String read(String resource) {
        try (InputStream in = LambdaStyle.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the style resource " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
