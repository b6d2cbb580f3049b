package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.classroom.lti.LtiPlatform;
import dev.faaslab.classroom.lti.LtiTool;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/lti/platforms}: the LMSs FaaS Lab takes launches from, registered by an instructor with what the LMS's
 * tool settings show (issuer, client id, deployment ids, and its login, token and keyset URLs), and the tool's own
 * URLs to give the LMS. Instructors only (the classroom gate checks).
 */
final class LtiPlatformsApi {

    private static final Set<String> FIELDS = Set.of("issuer", "clientId", "deploymentIds", "authLoginUrl", "tokenUrl",
            "jwksUrl");

    private final LtiTool tool;

    LtiPlatformsApi(LtiTool tool) {
        this.tool = tool;
    }

    List<Route> routes() {
        return List.of(new Route("GET", "/api/lti/platforms", this::toolHandler),
                new Route("POST", "/api/lti/platforms", this::registerHandler));
    }

    /** What an LMS's administrator copies into its tool settings. */
    record ToolUrls(URI loginUrl, URI launchUrl, URI deepLinkUrl, URI jwksUrl) {
    }

    private LtiTool tool() {
        if (tool == null) {
            throw ClassroomApi.off();
        }
        return tool;
    }

    private void toolHandler(Exchange exchange) {
        var endpoints = tool().endpoints();
        exchange.json(200, Map.of("tool", new ToolUrls(endpoints.login(), endpoints.launch(), endpoints.deepLink(),
                endpoints.jwks())));
    }

    private void registerHandler(Exchange exchange) throws Exception {
        LtiTool lti = tool();
        JsonNode body = exchange.jsonBody();
        JsonFields.onlyFields(body, FIELDS, "{\"issuer\":\"https://moodle.example\",\"clientId\":\"abc\","
                + "\"deploymentIds\":[\"1\"],\"authLoginUrl\":\"…\",\"tokenUrl\":\"…\",\"jwksUrl\":\"…\"}");
        Set<String> deployments = new LinkedHashSet<>();
        if (!body.path("deploymentIds").isArray() || body.path("deploymentIds").isEmpty()) {
            throw ApiException.badField("deploymentIds", "'deploymentIds' lists the LMS's deployment ids of the tool,"
                    + " as [\"1\"]");
        }
        body.path("deploymentIds").forEach(id -> deployments.add(id.asText()));
        LtiPlatform platform;
        try {
            platform = new LtiPlatform(JsonFields.text(body, "issuer"), JsonFields.text(body, "clientId"), deployments,
                    url(body, "authLoginUrl"), url(body, "tokenUrl"), url(body, "jwksUrl"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        lti.platforms().register(platform);
        exchange.json(201, Map.of("issuer", platform.issuer(), "clientId", platform.clientId()));
    }

    private static URI url(JsonNode body, String field) {
        String text = JsonFields.text(body, field);
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new java.net.URISyntaxException(text, "not an http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw ApiException.badField(field, "'" + field + "' must be the http(s) URL the LMS shows, not " + text);
        }
    }
}
