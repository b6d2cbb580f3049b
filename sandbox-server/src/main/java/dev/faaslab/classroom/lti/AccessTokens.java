package dev.faaslab.classroom.lti;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.faaslab.time.Clock;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth 2 access tokens for LTI Advantage's services, by the client-credentials grant with a JWT client
 * assertion signed by the tool's key (1EdTech Security Framework, 4.1). A token is reused until shortly before
 * it expires; it lives in memory only, as a server that restarts can ask for a new one.
 */
final class AccessTokens {

    /** A token this close to its expiry is not used: a request sent with it might arrive too late. */
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A token and the clock reading after which it is not used. */
    private record Cached(String token, long usableUntilNanos) {
    }

    /** Why no token came, as the score's result says it. */
    static final class Failure extends Exception {
        final transient PassbackResult result;

        Failure(PassbackResult result) {
            super(result.toString(), null, false, false);
            this.result = result;
        }
    }

    private final ToolKeys keys;
    private final HttpClient http;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    AccessTokens(ToolKeys keys, HttpClient http, Clock clock) {
        this.keys = keys;
        this.http = http;
        this.clock = clock;
    }

    /** A token for {@code scope} from the platform's token endpoint, cached or new. */
    String token(LtiPlatform platform, String scope) throws Failure {
        String key = platform.issuer() + " " + platform.clientId() + " " + scope;
        Cached cached = cache.get(key);
        if (cached != null && clock.nanoTime() < cached.usableUntilNanos()) {
            return cached.token();
        }
        Cached fresh = request(platform, scope);
        cache.put(key, fresh);
        return fresh.token();
    }

    /** Forgets the platform's token for {@code scope}, which it refused. */
    void forget(LtiPlatform platform, String scope) {
        cache.remove(platform.issuer() + " " + platform.clientId() + " " + scope);
    }

    private Cached request(LtiPlatform platform, String scope) throws Failure {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion(platform));
        form.put("scope", scope);
        HttpRequest request = HttpRequest.newBuilder(platform.tokenUrl()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LoginInitiation.encode(form))).build();
        long sentAt = clock.nanoTime();
        HttpResponse<String> response = ScorePassback.send(http, request, "the token endpoint " + platform.tokenUrl());
        if (response.statusCode() != 200) {
            throw new Failure(ScorePassback.failed(response, "the token endpoint " + platform.tokenUrl()
                    + " refused an access token for " + scope));
        }
        try {
            JsonNode body = dev.faaslab.core.Json.MAPPER.readTree(response.body());
            String token = body.path("access_token").asText(null);
            if (token == null) {
                throw new IOException("no access_token");
            }
            long lifetime = body.path("expires_in").asLong(3600);
            long usable = Math.max(0, Duration.ofSeconds(lifetime).minus(MARGIN).toNanos());
            return new Cached(token, sentAt + usable);
        } catch (IOException e) {
            throw new Failure(new PassbackResult.Refused(200, ScorePassback.excerpt(response.body()), "the token"
                    + " endpoint " + platform.tokenUrl() + " answered without an access token (" + e.getMessage() + ")"));
        }
    }

    /** The client assertion: who the tool is (iss, sub), for which endpoint (aud), once (jti), briefly (exp). */
    private String assertion(LtiPlatform platform) {
        Instant now = Instant.ofEpochMilli(clock.epochMillis());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(platform.clientId())
                .subject(platform.clientId())
                .audience(platform.tokenUrl().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(RandomTokens.next())
                .build();
        return DeepLinkingResponse.sign(keys.signingKey(), claims);
    }

}
