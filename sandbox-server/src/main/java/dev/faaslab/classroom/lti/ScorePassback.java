package dev.faaslab.classroom.lti;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Posts a score to the platform's gradebook, as Assignment and Grade Services' score service takes it: an
 * access token for the score scope, then the score as {@code application/vnd.ims.lis.v1.score+json} to the
 * line item's {@code /scores}. Use {@link PendingScores#submit} rather than this directly, so that a score the
 * platform could not take now is kept and sent later.
 */
public final class ScorePassback {

    public static final String SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int EXCERPT = 300;
    /** ISO 8601 with the offset written out, as AGS's examples show it. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    private final LtiPlatforms platforms;
    private final AccessTokens tokens;
    private final HttpClient http;

    ScorePassback(LtiPlatforms platforms, AccessTokens tokens, HttpClient http) {
        this.platforms = platforms;
        this.tokens = tokens;
        this.http = http;
    }

    /** Sends the score once; never throws for what the platform or the network did, but says it in the result. */
    public PassbackResult post(Score score) {
        var platform = platforms.find(score.issuer(), score.clientId());
        if (platform.isEmpty()) {
            return new PassbackResult.Refused(0, "", "the platform " + score.issuer() + " with client id "
                    + score.clientId() + " is no longer registered, so the score cannot be sent");
        }
        try {
            HttpResponse<String> response = send(score, tokens.token(platform.get(), SCORE_SCOPE));
            if (response.statusCode() == 401) {
                // The platform may have revoked the cached token before its expiry: one more try with a new one.
                tokens.forget(platform.get(), SCORE_SCOPE);
                response = send(score, tokens.token(platform.get(), SCORE_SCOPE));
            }
            if (response.statusCode() / 100 == 2) {
                return new PassbackResult.Posted(response.statusCode());
            }
            return failed(response, "the platform refused the score for " + score.userId() + " at "
                    + scoresUrl(score.lineItem()));
        } catch (AccessTokens.Failure e) {
            return e.result;
        }
    }

    private HttpResponse<String> send(Score score, String token) throws AccessTokens.Failure {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("userId", score.userId());
        body.put("scoreGiven", score.scoreGiven());
        body.put("scoreMaximum", score.scoreMaximum());
        body.put("activityProgress", score.activityProgress().label());
        body.put("gradingProgress", "FullyGraded");
        body.put("timestamp", TIMESTAMP.format(score.timestamp()));
        URI scores = scoresUrl(score.lineItem());
        HttpRequest request = HttpRequest.newBuilder(scores).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", SCORE_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return send(http, request, "the score endpoint " + scores);
    }

    /** The line item's scores endpoint: {@code /scores} appended to its path, before any query. */
    static URI scoresUrl(URI lineItem) {
        String text = lineItem.toString();
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            text = text.substring(0, fragment);
        }
        int query = text.indexOf('?');
        String path = query < 0 ? text : text.substring(0, query);
        String rest = query < 0 ? "" : text.substring(query);
        return URI.create((path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/scores" + rest);
    }

    /** Sends a request; a network failure becomes a retryable result. */
    static HttpResponse<String> send(HttpClient http, HttpRequest request, String what) throws AccessTokens.Failure {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AccessTokens.Failure(new PassbackResult.Unavailable(what + " could not be reached ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); the score is kept and sent again later"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccessTokens.Failure(new PassbackResult.Unavailable("interrupted while calling " + what));
        }
    }

    /** A platform's failing answer: 5xx and 429 are worth another try, other statuses not. */
    static PassbackResult failed(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        String excerpt = excerpt(response.body());
        String message = what + ": it answered " + status + (excerpt.isEmpty() ? "" : " (" + excerpt + ")");
        return status >= 500 || status == 429 ? new PassbackResult.Unavailable(message)
                : new PassbackResult.Refused(status, excerpt, message);
    }

    static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
    }
}
