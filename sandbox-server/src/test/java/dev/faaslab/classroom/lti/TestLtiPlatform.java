package dev.faaslab.classroom.lti;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.faaslab.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.MultiMap;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * A learning platform as LTI 1.3 and LTI Advantage describe it, on a real Jetty server: its JWKS, its OIDC
 * authorization endpoint (which checks the tool's login redirect and answers with the form that posts a signed
 * id_token back), its token endpoint (which verifies the tool's client assertion against the tool's JWKS,
 * fetched over HTTP) and a line item's scores endpoint (which checks the token, the type and the score, and
 * records it). What it refuses it answers with 400 and the reason, which the tests then see.
 */
final class TestLtiPlatform implements AutoCloseable {

    static final String CLIENT_ID = "faaslab-client";
    static final String DEPLOYMENT_ID = "deployment-1";
    static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

    /** A score as the platform recorded it, with the token and type it came with. */
    record RecordedScore(String lineItem, String contentType, String token, JsonNode score) {
    }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<RSAKey> keys = new CopyOnWriteArrayList<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Set<String> assertionIds = ConcurrentHashMap.newKeySet();
    final List<RecordedScore> scores = new CopyOnWriteArrayList<>();
    final AtomicInteger jwksFetches = new AtomicInteger();
    final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile URI toolLaunchUrl;
    private volatile URI toolJwksUrl;
    private volatile Consumer<JWTClaimsSet.Builder> nextClaims = claims -> { };
    private volatile RSAKey nextSigningKey;
    private int port;

    TestLtiPlatform() throws Exception {
        keys.add(newKey());
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                route(request, response, callback);
                return true;
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    String issuer() {
        return "http://127.0.0.1:" + port;
    }

    URI url(String path) {
        return URI.create(issuer() + path);
    }

    /** The line item of the course's exercise, with a query, as Moodle's have. */
    URI lineItem() {
        return url("/lineitems/7/lineitem?type_id=3");
    }

    /** The registration an administrator would copy into FaaS Lab. */
    LtiPlatform registration() {
        return new LtiPlatform(issuer(), CLIENT_ID, Set.of(DEPLOYMENT_ID), url("/auth"), url("/token"), url("/jwks"));
    }

    /** Tells the platform where the tool is, as its tool registration would. */
    void registerTool(URI launchUrl, URI jwksUrl) {
        this.toolLaunchUrl = launchUrl;
        this.toolJwksUrl = jwksUrl;
    }

    /** Changes the claims of the next id_tokens (they start as a learner's resource link launch). */
    void nextLaunch(Consumer<JWTClaimsSet.Builder> claims) {
        this.nextClaims = claims;
    }

    /** Signs the next id_tokens with a key it does not publish. */
    void signWith(RSAKey key) {
        this.nextSigningKey = key;
    }

    /** Back to a learner's launch, signed with the published key. */
    void reset() {
        nextClaims = claims -> { };
        nextSigningKey = null;
    }

    /** Starts signing with a new key, publishing it beside the old one. */
    void rotateKey() throws JOSEException {
        keys.addFirst(newKey());
    }

    /** Stops answering: connections are refused. */
    void goDown() throws Exception {
        connector.stop();
    }

    void comeBack() throws Exception {
        connector.setPort(port);
        connector.start();
    }

    static RSAKey newKey() throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString().substring(0, 8)).generate();
    }

    private void route(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        try {
            if (path.equals("/jwks") && request.getMethod().equals("GET")) {
                jwksFetches.incrementAndGet();
                List<JWK> published = new ArrayList<>(keys.stream().map(RSAKey::toPublicJWK).toList());
                send(response, callback, 200, "application/json", new JWKSet(published).toString());
            } else if (path.equals("/auth")) {
                authorize(request, response, callback);
            } else if (path.equals("/token") && request.getMethod().equals("POST")) {
                token(request, response, callback);
            } else if (path.matches("/lineitems/[^/]+/lineitem/scores") && request.getMethod().equals("POST")) {
                score(request, response, callback);
            } else {
                send(response, callback, 404, "text/plain", "no such endpoint: " + request.getMethod() + " " + path);
            }
        } catch (Refusal refusal) {
            send(response, callback, refusal.status, "application/json",
                    Json.MAPPER.createObjectNode().put("error", refusal.getMessage()).toString());
        }
    }

    /** OIDC's authorization endpoint, answering a login with the form that posts the id_token to the tool. */
    private void authorize(Request request, Response response, Callback callback) throws Exception {
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        expect(query, "scope", "openid");
        expect(query, "response_type", "id_token");
        expect(query, "response_mode", "form_post");
        expect(query, "prompt", "none");
        expect(query, "client_id", CLIENT_ID);
        expect(query, "redirect_uri", String.valueOf(toolLaunchUrl));
        expect(query, "login_hint", "user-42");
        expect(query, "lti_message_hint", "link-9");
        String state = present(query, "state");
        String nonce = present(query, "nonce");
        String idToken = idToken(nonce);
        String page = """
                <form id="launch" method="post" action="%s">
                <input type="hidden" name="id_token" value="%s">
                <input type="hidden" name="state" value="%s">
                </form><script>document.getElementById('launch').submit();</script>
                """.formatted(toolLaunchUrl, idToken, state);
        send(response, callback, 200, "text/html", page);
    }

    /** An id_token for a learner's resource link launch in the course, changed by {@link #nextLaunch}. */
    private String idToken(String nonce) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("user-42")
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", nonce)
                .claim("name", "Ada Lovelace")
                .claim("given_name", "Ada")
                .claim(LTI + "message_type", "LtiResourceLinkRequest")
                .claim(LTI + "version", "1.3.0")
                .claim(LTI + "deployment_id", DEPLOYMENT_ID)
                .claim(LTI + "target_link_uri", "https://faaslab.example/lessons/cold-starts")
                .claim(LTI + "roles", List.of(LEARNER))
                .claim(LTI + "context", Map.of("id", "course-101", "title", "Serverless 101", "label", "SL101"))
                .claim(LTI + "resource_link", Map.of("id", "link-9", "title", "Cold starts"))
                .claim(LTI + "custom", Map.of("lesson", "cold-starts"))
                .claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", Map.of(
                        "scope", List.of("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                                ScorePassback.SCORE_SCOPE),
                        "lineitems", url("/lineitems?type_id=3").toString(),
                        "lineitem", lineItem().toString()));
        nextClaims.accept(claims);
        RSAKey key = nextSigningKey != null ? nextSigningKey : keys.getFirst();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The client-credentials grant with a JWT client assertion (1EdTech Security Framework, 4.1). */
    private void token(Request request, Response response, Callback callback) throws Exception {
        MultiMap<String> form = form(request);
        expect(form.getValue("grant_type"), "grant_type", "client_credentials");
        expect(form.getValue("client_assertion_type"), "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        expect(form.getValue("scope"), "scope", ScorePassback.SCORE_SCOPE);
        JWTClaimsSet assertion = verifyToolJwt(form.getValue("client_assertion"));
        expect(assertion.getIssuer(), "the assertion's iss", CLIENT_ID);
        expect(assertion.getSubject(), "the assertion's sub", CLIENT_ID);
        expect(String.valueOf(assertion.getAudience()), "the assertion's aud", List.of(url("/token").toString()).toString());
        if (assertion.getExpirationTime() == null || assertion.getExpirationTime().toInstant().isBefore(Instant.now())) {
            throw new Refusal(400, "the client assertion has expired or has no exp");
        }
        if (assertion.getJWTID() == null || !assertionIds.add(assertion.getJWTID())) {
            throw new Refusal(400, "the client assertion's jti is missing or was used already");
        }
        String token = UUID.randomUUID().toString();
        tokens.put(token, form.getValue("scope"));
        tokensIssued.incrementAndGet();
        send(response, callback, 200, "application/json", Json.MAPPER.createObjectNode().put("access_token", token)
                .put("token_type", "Bearer").put("expires_in", 3600).put("scope", form.getValue("scope")).toString());
    }

    /** Verifies a JWT the tool signed against the tool's JWKS, fetched over HTTP as a platform does. */
    JWTClaimsSet verifyToolJwt(String jwt) throws Exception {
        SignedJWT signed = SignedJWT.parse(jwt);
        HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(toolJwksUrl).build(),
                HttpResponse.BodyHandlers.ofString());
        JWK key = JWKSet.parse(jwks.body()).getKeyByKeyId(signed.getHeader().getKeyID());
        if (key == null || !signed.verify(new RSASSAVerifier(key.toRSAKey()))) {
            throw new Refusal(401, "the tool's JWT does not verify against " + toolJwksUrl);
        }
        return signed.getJWTClaimsSet();
    }

    /** AGS's score service for a line item. */
    private void score(Request request, Response response, Callback callback) throws Exception {
        String authorization = String.valueOf(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        String token = authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        if (token == null || !ScorePassback.SCORE_SCOPE.equals(tokens.get(token))) {
            throw new Refusal(401, "no valid bearer token for the score scope");
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        expect(type, "Content-Type", "application/vnd.ims.lis.v1.score+json");
        expect(Request.extractQueryParameters(request, StandardCharsets.UTF_8).getValue("type_id"), "the query's type_id",
                "3");
        JsonNode score = Json.MAPPER.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
        expect(score.path("gradingProgress").asText(), "gradingProgress", "FullyGraded");
        for (String number : List.of("scoreGiven", "scoreMaximum")) {
            if (!score.path(number).isNumber()) {
                throw new Refusal(400, number + " is not a number");
            }
        }
        if (!Set.of("Initialized", "Started", "InProgress", "Submitted", "Completed")
                .contains(score.path("activityProgress").asText())) {
            throw new Refusal(400, "activityProgress is not one of AGS's");
        }
        if (score.path("userId").asText().isEmpty()) {
            throw new Refusal(400, "userId is missing");
        }
        OffsetDateTime.parse(score.path("timestamp").asText());
        scores.add(new RecordedScore(request.getHttpURI().getPath(), type, token, score));
        send(response, callback, 200, "application/json", "{}");
    }

    private static MultiMap<String> form(Request request) throws IOException {
        MultiMap<String> fields = new MultiMap<>();
        UrlEncoded.decodeTo(Content.Source.asString(request, StandardCharsets.UTF_8), fields, StandardCharsets.UTF_8);
        return fields;
    }

    private static void expect(Fields query, String name, String expected) {
        expect(query.getValue(name), name, expected);
    }

    private static void expect(String actual, String what, String expected) {
        if (!expected.equals(actual)) {
            throw new Refusal(400, what + " should be " + expected + ", not " + actual);
        }
    }

    private static String present(Fields query, String name) {
        String value = query.getValue(name);
        if (value == null || value.isBlank()) {
            throw new Refusal(400, name + " is missing");
        }
        return value;
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + ";charset=utf-8");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** A request the platform refuses, with the status it answers. */
    static final class Refusal extends RuntimeException {
        final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
