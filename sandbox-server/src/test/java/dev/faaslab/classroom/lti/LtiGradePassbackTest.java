package dev.faaslab.classroom.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A learner's score")
class LtiGradePassbackTest {

    /** One tool, one platform and one learner's launch for the whole class. */
    static LtiFixture lti;
    static LtiLaunch launch;
    int scoresBefore;

    @BeforeAll
    static void launch(@TempDir Path data) throws Exception {
        lti = new LtiFixture(data);
        launch = lti.launched();
    }

    @BeforeEach
    void count() {
        scoresBefore = lti.platform.scores.size();
    }

    @AfterAll
    static void stop() throws Exception {
        lti.close();
    }

    static Score eightOfTen() {
        return Score.of(launch, 8, 10, Score.ActivityProgress.COMPLETED, Instant.ofEpochMilli(lti.clock.epochMillis()));
    }

    @Nested
    @DisplayName("when the platform is up")
    class WhenUp {

        @Test
        @DisplayName("posts to the line item's scores with a token from the client-credentials grant, as AGS's score type")
        void posts() throws Exception {
            PassbackResult result = lti.tool.pendingScores().submit(eightOfTen());

            assertInstanceOf(PassbackResult.Posted.class, result);
            assertEquals(scoresBefore + 1, lti.platform.scores.size());
            TestLtiPlatform.RecordedScore recorded = lti.platform.scores.getLast();
            assertEquals("/lineitems/7/lineitem/scores", recorded.lineItem());
            assertEquals("application/vnd.ims.lis.v1.score+json", recorded.contentType());
            JsonNode score = recorded.score();
            assertEquals("user-42", score.path("userId").asText());
            assertEquals(8.0, score.path("scoreGiven").asDouble());
            assertEquals(10.0, score.path("scoreMaximum").asDouble());
            assertEquals("Completed", score.path("activityProgress").asText());
            assertEquals("FullyGraded", score.path("gradingProgress").asText());
            assertEquals(Instant.ofEpochMilli(lti.clock.epochMillis()),
                    OffsetDateTime.parse(score.path("timestamp").asText()).toInstant());
            assertTrue(score.path("timestamp").asText().endsWith("+00:00"), "the timestamp has its offset");
            assertEquals(0, lti.tool.pendingScores().waiting());
        }

        @Test
        @DisplayName("reuses the access token until shortly before it expires")
        void reusesTheToken() {
            lti.clock.advance(Duration.ofHours(2)); // past any token an earlier test left
            int issued = lti.platform.tokensIssued.get();
            lti.tool.pendingScores().submit(eightOfTen());
            lti.tool.pendingScores().submit(eightOfTen());
            assertEquals(issued + 1, lti.platform.tokensIssued.get(), "one token for two scores");

            lti.clock.advance(Duration.ofMinutes(59)); // the platform's tokens last an hour
            lti.tool.pendingScores().submit(eightOfTen());

            assertEquals(issued + 2, lti.platform.tokensIssued.get(), "a new token a minute before the old one expires");
            assertEquals(scoresBefore + 3, lti.platform.scores.size());
        }

        @Test
        @DisplayName("is refused, with the platform's status and reason, when the line item is not the platform's")
        void refused() {
            Score score = eightOfTen();
            Score elsewhere = new Score(score.issuer(), score.clientId(), lti.platform.url("/nowhere"),
                    score.userId(), 8, 10, Score.ActivityProgress.SUBMITTED, score.timestamp());

            PassbackResult result = lti.tool.pendingScores().submit(elsewhere);

            PassbackResult.Refused refused = assertInstanceOf(PassbackResult.Refused.class, result);
            assertEquals(404, refused.status());
            assertTrue(refused.message().contains("answered 404 (no such endpoint"), refused.message());
            assertEquals(0, lti.tool.pendingScores().waiting(), "a refused score is not retried");
            assertEquals(refused.message(), lti.tool.pendingScores().refusals().getLast(), "but kept with the reason");
        }
    }

    @Nested
    @DisplayName("when the platform is down")
    class WhenDown {

        @Test
        @DisplayName("waits, retryable, and a later retry posts it exactly once")
        void waitsAndIsRetried() throws Exception {
            lti.platform.goDown();

            PassbackResult result = lti.tool.pendingScores().submit(eightOfTen());

            assertInstanceOf(PassbackResult.Unavailable.class, result);
            assertTrue(result.retryable(), "a network failure is retryable");
            assertEquals(1, lti.tool.pendingScores().waiting());

            lti.platform.comeBack();
            assertEquals(new PendingScores.RetryRound(0, 0, 0), lti.tool.pendingScores().retryDue(),
                    "not before its wait is over");
            lti.clock.advance(PendingScores.FIRST_WAIT);
            assertEquals(new PendingScores.RetryRound(1, 0, 0), lti.tool.pendingScores().retryDue());
            assertEquals(new PendingScores.RetryRound(0, 0, 0), lti.tool.pendingScores().retryDue());
            lti.clock.advance(Duration.ofHours(2));
            lti.tool.pendingScores().retryDue();

            assertEquals(scoresBefore + 1, lti.platform.scores.size(), "posted once");
            assertEquals(0, lti.tool.pendingScores().waiting());
        }
    }

    @Test
    @DisplayName("goes to the line item's /scores, before its query")
    void scoresUrl() {
        assertEquals(URI.create("https://lms.example/li/7/scores?type_id=3"),
                ScorePassback.scoresUrl(URI.create("https://lms.example/li/7?type_id=3")));
        assertEquals(URI.create("https://lms.example/li/7/scores"),
                ScorePassback.scoresUrl(URI.create("https://lms.example/li/7/")));
    }
}
