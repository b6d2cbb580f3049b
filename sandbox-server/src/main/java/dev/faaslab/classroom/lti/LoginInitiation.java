package dev.faaslab.classroom.lti;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The first step of a launch, OIDC's third-party initiated login: the platform names the user and the link;
 * the tool answers with a redirect to the platform's authorization endpoint carrying a fresh state and nonce,
 * which come back with the id_token.
 */
public final class LoginInitiation {

    private final LtiPlatforms platforms;
    private final LoginStates states;
    private final ToolEndpoints endpoints;

    LoginInitiation(LtiPlatforms platforms, LoginStates states, ToolEndpoints endpoints) {
        this.platforms = platforms;
        this.states = states;
        this.endpoints = endpoints;
    }

    /**
     * The URI to redirect the browser to.
     *
     * @throws LtiRejection when a parameter is missing or the platform is not registered
     */
    public URI redirect(LoginRequest request) {
        require("iss", request.issuer());
        require("login_hint", request.loginHint());
        require("target_link_uri", request.targetLinkUri());
        LtiPlatform platform = platform(request);
        LoginStates.Pending pending = states.begin(platform.issuer(), platform.clientId(), request.targetLinkUri());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("scope", "openid");
        query.put("response_type", "id_token");
        query.put("response_mode", "form_post");
        query.put("prompt", "none");
        query.put("client_id", platform.clientId());
        query.put("redirect_uri", endpoints.launch().toString());
        query.put("login_hint", request.loginHint());
        if (request.ltiMessageHint() != null) {
            query.put("lti_message_hint", request.ltiMessageHint());
        }
        query.put("state", pending.state());
        query.put("nonce", pending.nonce());
        String auth = platform.authLoginUrl().toString();
        return URI.create(auth + (auth.contains("?") ? "&" : "?") + encode(query));
    }

    private LtiPlatform platform(LoginRequest request) {
        if (request.clientId() != null && !request.clientId().isBlank()) {
            return platforms.find(request.issuer(), request.clientId()).orElseThrow(() -> new LtiRejection(
                    LtiRejection.Reason.UNKNOWN_PLATFORM, "FaaS Lab has no registration for client id "
                    + request.clientId() + " at " + request.issuer() + ": register the platform with the client id"
                    + " it shows in its tool settings"));
        }
        List<LtiPlatform> registered = platforms.findByIssuer(request.issuer());
        if (registered.size() == 1) {
            return registered.getFirst();
        }
        throw new LtiRejection(LtiRejection.Reason.UNKNOWN_PLATFORM, registered.isEmpty()
                ? "FaaS Lab has no registration for the platform " + request.issuer() + ": register it first"
                : "the platform " + request.issuer() + " registered FaaS Lab " + registered.size() + " times, and"
                        + " its login did not say which client id it is for: have the platform send client_id");
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new LtiRejection(LtiRejection.Reason.MISSING_PARAMETER, "the login initiation has no " + name
                    + ": the platform must send iss, login_hint and target_link_uri to /lti/login");
        }
    }

    static String encode(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
