package dev.faaslab.style.netlify;

import dev.faaslab.core.Json;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.HttpReply;
import dev.faaslab.runtime.Language;
import dev.faaslab.style.provider.ProviderReply;
import dev.faaslab.style.provider.ProviderStyle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Netlify Functions' handler contract (docs.netlify.com/build/functions/get-started and /api): a module's default
 * export {@code async (req, context) => new Response(…)}, routed by {@code export const config = { path }} (its
 * parameters in {@code context.params}), or, for Lambda compatibility, an export named {@code handler} given Netlify's
 * event ({@code httpMethod}, {@code path}, {@code rawUrl}, {@code queryStringParameters} …) and answering
 * {@code { statusCode, headers, body, isBase64Encoded }}. {@code /fn/{name}} is the site's root. The handler setting's
 * function part ({@code default} or {@code handler}) names the form tried first; the default handler
 * {@code index.default} is Netlify's {@code netlify/functions/hello/index.mjs}.
 *
 * <p>Limits (docs.netlify.com/build/functions/configuration, 2026): a synchronous function runs for at most 60 s, not
 * configurable (older docs said 10 s, raised to 26 s on request), which is this style's longest timeout; a buffered
 * request or response is at most 6 MB. Background (15 min) and streamed responses are not run here.
 */
public final class NetlifyStyle extends ProviderStyle {

    public static final NetlifyStyle INSTANCE = new NetlifyStyle();

    private static final Pattern DEFAULT_EXPORT =
            Pattern.compile("export\\s+default\\b|export\\s*\\{[^}]*\\bas\\s+default\\b");
    private static final Pattern HANDLER_EXPORT = Pattern.compile("export\\s+(const|let|var|(async\\s+)?function\\*?)\\s+handler\\b"
            + "|export\\s*\\{[^}]*\\bhandler\\b[^}]*}|\\bexports\\.handler\\s*=|module\\.exports\\s*=");

    private NetlifyStyle() {
        super("netlify.js", null);
    }

    @Override
    public String name() {
        return "netlify";
    }

    @Override
    public String title() {
        return "Netlify Functions";
    }

    @Override
    public String defaultHandler(Language language) {
        return "index.default";
    }

    @Override
    protected long maxRequestBytes() {
        return 6L * 1024 * 1024;
    }

    @Override
    protected Duration maxTimeout() {
        return Duration.ofSeconds(60);
    }

    /** Netlify runs functions in JavaScript, TypeScript and Go: it has no Python runtime. */
    @Override
    protected boolean runs(Language language) {
        return language == Language.NODEJS;
    }

    @Override
    public Optional<String> refusal(FunctionConfig config) {
        if (config.language() == Language.PYTHON) {
            return Optional.of("Netlify Functions has no Python runtime (Netlify runs functions written in JavaScript,"
                    + " TypeScript or Go): write this function in JavaScript, or choose another style (aws-lambda runs Python)");
        }
        String part = config.handler().function();
        if (!part.equals("default") && !part.equals("handler")) {
            return Optional.of("Netlify Functions (style netlify) calls a module's default export or its export named"
                    + " handler, so the handler is " + config.handler().module() + ".default or "
                    + config.handler().module() + ".handler, not " + config.handler());
        }
        return super.refusal(config);
    }

    @Override
    protected Optional<String> missing(FunctionConfig config) {
        String code = config.code();
        if (DEFAULT_EXPORT.matcher(code).find() || HANDLER_EXPORT.matcher(code).find()) {
            return Optional.empty();
        }
        return Optional.of("a default export (export default async (req, context) => new Response(\"Hello\")) or, for"
                + " Lambda compatibility, an export named handler (export const handler = async (event, context) =>"
                + " ({ statusCode: 200, body: \"Hello\" })), and " + config.fileName() + " has neither");
    }

    /**
     * Netlify's answer for a function that threw, timed out or answered nothing usable: a 502 whose body is the
     * error as {@code {"errorType","errorMessage","trace"}}. Sources: a deployed function's 502 quoted in
     * github.com/redwoodjs/graphql/issues/6149 (2022); browsers get the same JSON inside the "This function has
     * crashed" page (github.com/ericwbailey/a11y-webring.club/issues/202, and netlify/cli's
     * src/lib/templates/function-error.html, which reads that JSON). Here every client gets the JSON.
     */
    @Override
    protected HttpReply failed(FunctionError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorType", error == null ? "Runtime.InvalidResponse" : error.errorType());
        body.put("errorMessage", error == null ? "the function answered something that is not an HTTP response"
                : error.errorMessage());
        body.put("trace", error == null ? List.of() : error.trace());
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return ProviderReply.of(502, "application/json", json);
    }

    /**
     * Netlify's runtime variables, URL, SITE_NAME and SITE_ID (the only read-only ones functions see at runtime,
     * docs.netlify.com/build/functions/environment-variables; NETLIFY, CONTEXT and DEPLOY_URL are build-time only),
     * beside the function's own and those AWS Lambda's runtime sets (AWS_REGION, AWS_LAMBDA_FUNCTION_NAME …), since
     * Netlify Functions run on Lambda. URL is FaaS Lab's default address for the site's root.
     */
    @Override
    public Map<String, String> variables(FunctionConfig config, Map<String, String> lambdas) {
        Map<String, String> all = new LinkedHashMap<>(lambdas);
        all.put("URL", "http://localhost:8080/fn/" + config.name());
        all.put("SITE_NAME", config.name());
        all.put("SITE_ID", UUID.nameUUIDFromBytes(("netlify:" + config.name()).getBytes(StandardCharsets.UTF_8)).toString());
        return Map.copyOf(all);
    }
}
