package dev.faaslab.classroom.lti;

import static dev.faaslab.classroom.lti.LtiRejection.Reason;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.faaslab.time.Clock;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The second step of a launch: the id_token the platform form-posts with the state. Checks, in order, the
 * state, the signature against the platform's published keys, issuer, audience, lifetime, nonce and the LTI
 * claims, and reads the {@link LtiLaunch}. The first check that fails is the rejection.
 */
public final class LaunchValidator {

    /** Clocks of platform and tool may disagree this much. */
    static final Duration SKEW = Duration.ofSeconds(60);

    static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    static final String DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";

    private final LtiPlatforms platforms;
    private final LoginStates states;
    private final UsedNonces nonces;
    private final PlatformKeys keys;
    private final Clock clock;

    LaunchValidator(LtiPlatforms platforms, LoginStates states, UsedNonces nonces, PlatformKeys keys, Clock clock) {
        this.platforms = platforms;
        this.states = states;
        this.nonces = nonces;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Verifies a launch.
     *
     * @param idToken the {@code id_token} form field
     * @param state   the {@code state} form field
     * @throws LtiRejection naming the first check that failed
     */
    public LtiLaunch validate(String idToken, String state) {
        LoginStates.Pending login = states.take(state);
        if (idToken == null || idToken.isBlank()) {
            throw new LtiRejection(Reason.MISSING_PARAMETER, "the launch has no id_token: the platform must post it"
                    + " with the state to /lti/launch");
        }
        LtiPlatform platform = platforms.find(login.issuer(), login.clientId()).orElseThrow(() -> new LtiRejection(
                Reason.UNKNOWN_PLATFORM, "the platform " + login.issuer() + " was unregistered during the login"));
        JWTClaimsSet claims = verifiedClaims(idToken, platform);
        checkIssuerAndAudience(claims, platform);
        Instant expires = checkLifetime(claims);
        checkNonce(claims, login, expires);
        return read(claims, platform, login);
    }

    private JWTClaimsSet verifiedClaims(String idToken, LtiPlatform platform) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(idToken);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new LtiRejection(Reason.MALFORMED_TOKEN, "the id_token is not a signed JWT (" + e.getMessage()
                    + "): the platform must send the id_token it issued, unchanged");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new LtiRejection(Reason.MALFORMED_TOKEN, "the id_token is signed with "
                    + jwt.getHeader().getAlgorithm() + ", but LTI 1.3 requires RS256");
        }
        List<JWK> candidates;
        try {
            candidates = keys.matching(platform.jwksUrl(), jwt.getHeader());
        } catch (RateLimitReachedException e) {
            throw new LtiRejection(Reason.BAD_SIGNATURE, "the id_token's signature does not verify: the platform's"
                    + " keys at " + platform.jwksUrl() + ", fetched moments ago, have no RS256 key with key id "
                    + jwt.getHeader().getKeyID() + ". Check the registration's public keyset URL");
        } catch (KeySourceException e) {
            throw new LtiRejection(Reason.KEYS_UNAVAILABLE, "the platform's public keys could not be fetched from "
                    + platform.jwksUrl() + " (" + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                    + "): check the registration's public keyset URL,"
                    + " and that the platform is up");
        }
        if (candidates.isEmpty()) {
            throw new LtiRejection(Reason.BAD_SIGNATURE, "the id_token's signature does not verify: the platform's"
                    + " keys at " + platform.jwksUrl() + " have no RS256 key with key id "
                    + jwt.getHeader().getKeyID() + ". Check the registration's public keyset URL");
        }
        for (JWK candidate : candidates) {
            try {
                if (candidate instanceof RSAKey rsa && jwt.verify(new RSASSAVerifier(rsa))) {
                    return claims;
                }
            } catch (JOSEException e) {
                // an unusable key (too short, say): try the next
            }
        }
        throw new LtiRejection(Reason.BAD_SIGNATURE, "the id_token's signature does not verify with the key "
                + jwt.getHeader().getKeyID() + " published at " + platform.jwksUrl()
                + ": the token was altered, or signed with another key");
    }

    private static void checkIssuerAndAudience(JWTClaimsSet claims, LtiPlatform platform) {
        if (!platform.issuer().equals(claims.getIssuer())) {
            throw new LtiRejection(Reason.WRONG_ISSUER, "the id_token's issuer is " + claims.getIssuer()
                    + ", but the login began with " + platform.issuer());
        }
        List<String> audience = claims.getAudience();
        if (!audience.contains(platform.clientId())) {
            throw new LtiRejection(Reason.WRONG_AUDIENCE, "the id_token is for " + audience + ", not for FaaS Lab's"
                    + " client id " + platform.clientId() + ": check the client id in the registration");
        }
        Object azp = claims.getClaim("azp");
        if ((audience.size() > 1 || azp != null) && !platform.clientId().equals(azp)) {
            throw new LtiRejection(Reason.WRONG_AUDIENCE, "the id_token names several audiences, and its authorized"
                    + " party (azp) is " + azp + ", not FaaS Lab's client id " + platform.clientId());
        }
    }

    private Instant checkLifetime(JWTClaimsSet claims) {
        Instant now = Instant.ofEpochMilli(clock.epochMillis());
        if (claims.getExpirationTime() == null || claims.getIssueTime() == null) {
            throw new LtiRejection(Reason.MISSING_CLAIM, "the id_token has no " + (claims.getExpirationTime() == null
                    ? "exp" : "iat") + " claim, which OpenID Connect requires");
        }
        Instant expires = claims.getExpirationTime().toInstant();
        if (expires.plus(SKEW).isBefore(now)) {
            throw new LtiRejection(Reason.EXPIRED_TOKEN, "the id_token expired at " + expires + " (it is " + now
                    + "): start the activity again from the course; if it keeps happening, the platform's clock is off");
        }
        Instant issued = claims.getIssueTime().toInstant();
        if (issued.minus(SKEW).isAfter(now)) {
            throw new LtiRejection(Reason.EXPIRED_TOKEN, "the id_token was issued at " + issued + ", in the future (it"
                    + " is " + now + "): the platform's clock or the tool's is off");
        }
        return expires.plus(SKEW);
    }

    private void checkNonce(JWTClaimsSet claims, LoginStates.Pending login, Instant until) {
        String nonce = string(claims, "nonce");
        if (nonce == null) {
            throw new LtiRejection(Reason.MISSING_CLAIM, "the id_token has no nonce: the platform must copy the"
                    + " login's nonce into it");
        }
        if (nonces.used(login.issuer(), nonce)) {
            throw replayed();
        }
        if (!nonce.equals(login.nonce())) {
            throw new LtiRejection(Reason.WRONG_NONCE, "the id_token's nonce is not the one its login sent: the token"
                    + " belongs to another login");
        }
        if (!nonces.use(login.issuer(), nonce, until)) {
            throw replayed();
        }
    }

    private static LtiRejection replayed() {
        return new LtiRejection(Reason.REPLAYED_NONCE, "the id_token's nonce was already used: a launch cannot be"
                + " replayed, so start the activity again from the course");
    }

    private static LtiLaunch read(JWTClaimsSet claims, LtiPlatform platform, LoginStates.Pending login) {
        String version = string(claims, LTI + "version");
        if (!"1.3.0".equals(version)) {
            throw new LtiRejection(Reason.UNSUPPORTED_MESSAGE, "the launch is LTI version " + version + ", but FaaS"
                    + " Lab speaks LTI 1.3.0: register it in the platform as an LTI 1.3 tool");
        }
        String typeClaim = string(claims, LTI + "message_type");
        MessageType type = MessageType.fromClaim(typeClaim);
        if (type == null) {
            throw new LtiRejection(Reason.UNSUPPORTED_MESSAGE, "the launch's message type is " + typeClaim + "; FaaS"
                    + " Lab handles LtiResourceLinkRequest and LtiDeepLinkingRequest");
        }
        String deployment = required(claims, LTI + "deployment_id");
        if (!platform.deploymentIds().contains(deployment)) {
            throw new LtiRejection(Reason.UNKNOWN_DEPLOYMENT, "the deployment " + deployment + " of " + platform.issuer()
                    + " is not registered: add its deployment id to the platform's registration in FaaS Lab");
        }
        String subject = required(claims, "sub");
        List<String> roleUris = strings(claims, LTI + "roles");
        Map<String, Object> contextClaim = object(claims, LTI + "context");
        Optional<LtiLaunch.Context> context = Optional.ofNullable(contextClaim).map(c -> new LtiLaunch.Context(
                text(c, "id"), text(c, "title"), text(c, "label")));
        Map<String, Object> linkClaim = object(claims, LTI + "resource_link");
        if (type == MessageType.RESOURCE_LINK && (linkClaim == null || text(linkClaim, "id") == null)) {
            throw new LtiRejection(Reason.MISSING_CLAIM, "the resource link launch has no resource_link id, which"
                    + " LTI 1.3 requires");
        }
        Optional<LtiLaunch.ResourceLink> link = Optional.ofNullable(linkClaim).map(l -> new LtiLaunch.ResourceLink(
                text(l, "id"), text(l, "title")));
        String target = string(claims, LTI + "target_link_uri");
        return new LtiLaunch(platform.issuer(), platform.clientId(), deployment, type, subject, string(claims, "name"),
                string(claims, "given_name"), string(claims, "family_name"), string(claims, "email"),
                LtiRole.of(roleUris), roleUris, context, link, custom(claims), target == null ? login.targetLink() : target,
                gradeService(claims), deepLinking(claims, type));
    }

    private static Optional<LtiLaunch.GradeService> gradeService(JWTClaimsSet claims) {
        Map<String, Object> endpoint = object(claims, AGS_ENDPOINT);
        if (endpoint == null) {
            return Optional.empty();
        }
        List<String> scopes = new ArrayList<>();
        if (endpoint.get("scope") instanceof List<?> list) {
            list.forEach(scope -> scopes.add(String.valueOf(scope)));
        }
        return Optional.of(new LtiLaunch.GradeService(scopes, uri(endpoint, "lineitems"), uri(endpoint, "lineitem")));
    }

    private static Optional<LtiLaunch.DeepLinking> deepLinking(JWTClaimsSet claims, MessageType type) {
        Map<String, Object> settings = object(claims, DEEP_LINKING_SETTINGS);
        if (settings == null || uri(settings, "deep_link_return_url") == null) {
            if (type == MessageType.DEEP_LINKING) {
                throw new LtiRejection(Reason.MISSING_CLAIM, "the deep linking request has no deep_link_return_url"
                        + " in its deep_linking_settings claim, so the tool could not send the chosen items back");
            }
            return Optional.empty();
        }
        List<String> accept = new ArrayList<>();
        if (settings.get("accept_types") instanceof List<?> list) {
            list.forEach(kind -> accept.add(String.valueOf(kind)));
        }
        return Optional.of(new LtiLaunch.DeepLinking(uri(settings, "deep_link_return_url"), accept,
                Boolean.TRUE.equals(settings.get("accept_multiple")), text(settings, "data")));
    }

    private static Map<String, String> custom(JWTClaimsSet claims) {
        Map<String, Object> custom = object(claims, LTI + "custom");
        Map<String, String> values = new LinkedHashMap<>();
        if (custom != null) {
            custom.forEach((key, value) -> values.put(key, String.valueOf(value)));
        }
        return values;
    }

    private static String required(JWTClaimsSet claims, String name) {
        String value = string(claims, name);
        if (value == null || value.isBlank()) {
            throw new LtiRejection(Reason.MISSING_CLAIM, "the id_token has no " + name + " claim, which LTI 1.3"
                    + " requires");
        }
        return value;
    }

    private static String string(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value == null ? null : String.valueOf(value);
    }

    private static List<String> strings(JWTClaimsSet claims, String name) {
        if (!(claims.getClaim(name) instanceof List<?> list)) {
            throw new LtiRejection(Reason.MISSING_CLAIM, "the id_token's " + name + " claim is missing or not a list,"
                    + " which LTI 1.3 requires (it may be empty)");
        }
        return list.stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        if (value != null && !(value instanceof Map)) {
            throw new LtiRejection(Reason.MISSING_CLAIM, "the id_token's " + name + " claim is not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static String text(Map<String, Object> object, String name) {
        Object value = object.get(name);
        return value == null ? null : String.valueOf(value);
    }

    private static URI uri(Map<String, Object> object, String name) {
        String value = text(object, name);
        try {
            return value == null ? null : URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new LtiRejection(Reason.MISSING_CLAIM, "the id_token's " + name + " is not a URL: " + value);
        }
    }
}
