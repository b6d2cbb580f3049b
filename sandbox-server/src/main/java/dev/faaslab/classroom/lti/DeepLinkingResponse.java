package dev.faaslab.classroom.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.faaslab.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a deep-linking request with the instructor's choice: an {@code LtiDeepLinkingResponse} JWT signed
 * with the tool's key, holding the chosen items as LTI resource links and the request's data, unchanged.
 */
public final class DeepLinkingResponse {

    static final String CONTENT_ITEMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";
    static final String DATA = "https://purl.imsglobal.org/spec/lti-dl/claim/data";
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final DeepLinkSessions sessions;
    private final ToolKeys keys;
    private final Clock clock;

    DeepLinkingResponse(DeepLinkSessions sessions, ToolKeys keys, Clock clock) {
        this.sessions = sessions;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The form that returns {@code items} to the platform, for the deep-linking request the launch handler was
     * given {@code sessionId} for.
     *
     * @throws LtiRejection when the request is unknown, answered already or expired
     */
    public DeepLinkForm respond(String sessionId, List<DeepLinkItem> items) {
        DeepLinkSessions.Session session = sessions.take(sessionId);
        Instant now = Instant.ofEpochMilli(clock.epochMillis());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(session.clientId())
                .audience(session.issuer())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(RandomTokens.next())
                .claim("nonce", RandomTokens.next())
                .claim(LaunchValidator.LTI + "message_type", "LtiDeepLinkingResponse")
                .claim(LaunchValidator.LTI + "version", "1.3.0")
                .claim(LaunchValidator.LTI + "deployment_id", session.deploymentId())
                .claim(CONTENT_ITEMS, contentItems(items));
        if (session.data() != null) {
            claims.claim(DATA, session.data());
        }
        return new DeepLinkForm(session.returnUrl(), sign(keys.signingKey(), claims.build()));
    }

    private static List<Object> contentItems(List<DeepLinkItem> items) {
        List<Object> content = new ArrayList<>();
        for (DeepLinkItem item : items) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("type", "ltiResourceLink");
            link.put("title", item.title());
            link.put("url", item.url().toString());
            if (item.text() != null) {
                link.put("text", item.text());
            }
            if (item.lineItem() != null) {
                Map<String, Object> lineItem = new LinkedHashMap<>();
                lineItem.put("scoreMaximum", item.lineItem().scoreMaximum());
                if (item.lineItem().label() != null) {
                    lineItem.put("label", item.lineItem().label());
                }
                if (item.lineItem().resourceId() != null) {
                    lineItem.put("resourceId", item.lineItem().resourceId());
                }
                link.put("lineItem", lineItem);
            }
            content.add(link);
        }
        return content;
    }

    /** Signs claims with the tool's key, RS256, naming the key so that the platform finds it in /lti/jwks. */
    static String sign(RSAKey key, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("the tool's key " + key.getKeyID() + " cannot sign", e);
        }
        return jwt.serialize();
    }
}
