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
 * URLs to give the LMS, beside the LMSs registered so far. Instructors only (the classroom gate checks).
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

    /** A registration as the dashboard lists it: its deployments sorted, so that the list reads the same each time. */
    record PlatformView(String issuer, String clientId, List<String> deploymentIds, URI authLoginUrl, URI tokenUrl,
                        URI jwksUrl) {
        static PlatformView of(LtiPlatform platform) {
            return new PlatformView(platform.issuer(), platform.clientId(), platform.deploymentIds().stream().sorted()
                    .toList(), platform.authLoginUrl(), platform.tokenUrl(), platform.jwksUrl());
        }
    }

    private void toolHandler(Exchange exchange) {
        LtiTool lti = tool();
        var endpoints = lti.endpoints();
        exchange.json(200, Map.of("tool", new ToolUrls(endpoints.login(), endpoints.launch(), endpoints.deepLink(),
                endpoints.jwks()), "platforms", lti.platforms().all().stream().map(PlatformView::of).toList()));
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
        body.path("deploymentIds").forEach(id -> deployments.add(id.asText().strip()));
        if (deployments.contains("")) {
            throw ApiException.badField("deploymentIds", "'deploymentIds' holds an empty id: each is the LMS's"
                    + " deployment id of the tool, as [\"1\"]");
        }
        LtiPlatform platform;
        try {
            platform = new LtiPlatform(required(body, "issuer"), required(body, "clientId"), deployments,
                    url(body, "authLoginUrl"), url(body, "tokenUrl"), url(body, "jwksUrl"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        lti.platforms().register(platform);
        exchange.json(201, Map.of("issuer", platform.issuer(), "clientId", platform.clientId()));
    }

    /** A field the LMS shows, named in the refusal so that a form shows it beside its field. */
    private static String required(JsonNode body, String field) {
        String text = JsonFields.text(body, field).strip();
        if (text.isEmpty()) {
            throw ApiException.badField(field, "'" + field + "' is empty: copy it from the LMS's tool settings");
        }
        return text;
    }

    private static URI url(JsonNode body, String field) {
        String text = required(body, field);
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                throw new java.net.URISyntaxException(text, "not an http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw ApiException.badField(field, "'" + field + "' must be the http(s) URL the LMS shows, not " + text);
        }
    }
}
