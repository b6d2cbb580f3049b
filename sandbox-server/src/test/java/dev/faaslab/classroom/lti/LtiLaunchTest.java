package dev.faaslab.classroom.lti;

import static dev.faaslab.classroom.lti.TestLtiPlatform.LTI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("An LTI 1.3 launch from a platform")
class LtiLaunchTest {

    /** One tool and one platform for the whole class: each test starts a launch of its own. */
    static LtiFixture lti;

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        lti = new LtiFixture(data);
    }

    @AfterEach
    void reset() {
        lti.platform.reset();
    }

    @AfterAll
    static void stop() throws Exception {
        lti.close();
    }

    @Nested
    @DisplayName("by a learner")
    class ByALearner {

        @Test
        @DisplayName("signs them in as a LEARNER, with the course, the link and the gradebook's line item")
        void succeeds() throws Exception {
            HttpResponse<String> response = lti.launch();

            assertEquals(302, response.statusCode(), response.body());
            assertEquals("https://faaslab.example/lessons/cold-starts", response.headers().firstValue("Location").orElse(null));
            assertEquals("faaslab_session=s1; HttpOnly", response.headers().firstValue("Set-Cookie").orElse(null));
            LtiLaunch launch = lti.launches.getLast();
            assertEquals(MessageType.RESOURCE_LINK, launch.messageType());
            assertEquals(Set.of(LtiRole.LEARNER), launch.roles());
            assertEquals("user-42", launch.subject());
            assertEquals("Ada Lovelace", launch.name());
            assertEquals("Ada", launch.givenName());
            assertEquals(lti.platform.issuer(), launch.issuer());
            assertEquals(TestLtiPlatform.CLIENT_ID, launch.clientId());
            assertEquals(TestLtiPlatform.DEPLOYMENT_ID, launch.deploymentId());
            assertEquals(new LtiLaunch.Context("course-101", "Serverless 101", "SL101"), launch.context().orElseThrow());
            assertEquals(new LtiLaunch.ResourceLink("link-9", "Cold starts"), launch.resourceLink().orElseThrow());
            assertEquals("cold-starts", launch.custom().get("lesson"));
            LtiLaunch.GradeService ags = launch.gradeService().orElseThrow();
            assertEquals(lti.platform.lineItem(), ags.lineItem());
            assertEquals(lti.platform.url("/lineitems?type_id=3"), ags.lineItems());
            assertTrue(ags.canPostScores(), "the AGS claim grants the score scope: " + ags.scopes());
        }
    }

    @Nested
    @DisplayName("begun by the platform")
    class Begun {

        @Test
        @DisplayName("redirects a login posted as a form to the platform's authorization endpoint with state and nonce")
        void postedLogin() throws Exception {
            HttpResponse<String> redirect = lti.postForm(lti.tool.endpoints().login(), java.util.Map.of(
                    "iss", lti.platform.issuer(), "login_hint", "user-42", "target_link_uri", "https://faaslab.example/x",
                    "client_id", TestLtiPlatform.CLIENT_ID));

            assertEquals(302, redirect.statusCode(), redirect.body());
            String location = redirect.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(lti.platform.url("/auth?scope=openid&response_type=id_token"
                    + "&response_mode=form_post&prompt=none&client_id=faaslab-client&redirect_uri=").toString()), location);
            assertTrue(location.contains("&state=") && location.contains("&nonce="), location);
        }

        @Test
        @DisplayName("refuses a login from a platform that is not registered")
        void unknownPlatform() throws Exception {
            HttpResponse<String> refused = lti.postForm(lti.tool.endpoints().login(), java.util.Map.of(
                    "iss", "https://lms.unknown.example", "login_hint", "user-42", "target_link_uri", "https://x"));

            IsRefused.assertRefused(refused, 400, "UNKNOWN_PLATFORM", "no registration for the platform");
        }
    }

    @Nested
    @DisplayName("by an instructor")
    class ByAnInstructor {

        @Test
        @DisplayName("maps the Instructor membership role to INSTRUCTOR")
        void isAnInstructor() throws Exception {
            lti.platform.nextLaunch(claims -> claims.claim(LTI + "roles", List.of(TestLtiPlatform.INSTRUCTOR,
                    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty")));

            LtiLaunch launch = lti.launched();

            assertEquals(Set.of(LtiRole.INSTRUCTOR), launch.roles());
            assertTrue(launch.isInstructor());
        }
    }

    @Nested
    @DisplayName("is refused")
    class IsRefused {

        @Test
        @DisplayName("when the id_token's signature is not the published key's, though it names its key id")
        void wrongSignature() throws Exception {
            String publishedKid = SignedJWT.parse(lti.login().idToken()).getHeader().getKeyID();
            lti.platform.signWith(new RSAKeyGenerator(2048).keyID(publishedKid).generate());

            assertRefused(lti.launch(), 401, "BAD_SIGNATURE", "signature does not verify with the key " + publishedKid);
        }

        @Test
        @DisplayName("when the id_token is signed with a key the platform does not publish")
        void unpublishedKey() throws Exception {
            lti.platform.signWith(TestLtiPlatform.newKey());

            assertRefused(lti.launch(), 401, "BAD_SIGNATURE", "have no RS256 key with key id");
        }

        @Test
        @DisplayName("when the id_token is for another tool's client id")
        void wrongAudience() throws Exception {
            lti.platform.nextLaunch(claims -> claims.audience("another-tool"));

            assertRefused(lti.launch(), 401, "WRONG_AUDIENCE", "not for FaaS Lab's client id");
        }

        @Test
        @DisplayName("when the id_token names several audiences and another tool as its authorized party")
        void wrongAuthorizedParty() throws Exception {
            lti.platform.nextLaunch(claims -> claims.audience(List.of(TestLtiPlatform.CLIENT_ID, "another-tool"))
                    .claim("azp", "another-tool"));

            assertRefused(lti.launch(), 401, "WRONG_AUDIENCE", "authorized party");
        }

        @Test
        @DisplayName("when the id_token has expired")
        void expired() throws Exception {
            Instant past = Instant.now().minus(Duration.ofMinutes(20));
            lti.platform.nextLaunch(claims -> claims.issueTime(Date.from(past))
                    .expirationTime(Date.from(past.plus(Duration.ofMinutes(5)))));

            assertRefused(lti.launch(), 401, "EXPIRED_TOKEN", "the id_token expired at");
        }

        @Test
        @DisplayName("when a used id_token comes back with a new login's state")
        void replayedNonce() throws Exception {
            LtiFixture.LaunchForm first = lti.login();
            assertEquals(302, lti.post(first.action(), first.idToken(), first.state()).statusCode());
            LtiFixture.LaunchForm second = lti.login();

            HttpResponse<String> replay = lti.post(second.action(), first.idToken(), second.state());

            assertRefused(replay, 401, "REPLAYED_NONCE", "the id_token's nonce was already used");
        }

        @Test
        @DisplayName("when the id_token carries another login's nonce")
        void anotherLoginsNonce() throws Exception {
            LtiFixture.LaunchForm first = lti.login();
            LtiFixture.LaunchForm second = lti.login();

            assertRefused(lti.post(second.action(), first.idToken(), second.state()), 401, "WRONG_NONCE",
                    "not the one its login sent");
        }

        @Test
        @DisplayName("when the state was never handed out")
        void unknownState() throws Exception {
            LtiFixture.LaunchForm form = lti.login();

            assertRefused(lti.post(form.action(), form.idToken(), "made-up-state"), 400, "UNKNOWN_STATE",
                    "unknown or was already used");
        }

        @Test
        @DisplayName("when the state was used by an earlier launch")
        void reusedState() throws Exception {
            LtiFixture.LaunchForm form = lti.login();
            assertEquals(302, lti.post(form.action(), form.idToken(), form.state()).statusCode());

            assertRefused(lti.post(form.action(), form.idToken(), form.state()), 400, "UNKNOWN_STATE",
                    "was already used");
        }

        @Test
        @DisplayName("when the login began more than ten minutes ago")
        void expiredState(@TempDir Path data) throws Exception {
            // A tool of its own, whose clock may run ahead of the shared one's platform.
            try (LtiFixture late = new LtiFixture(data)) {
                LtiFixture.LaunchForm form = late.login();
                late.clock.advance(Duration.ofMinutes(11));

                assertRefused(late.post(form.action(), form.idToken(), form.state()), 400, "EXPIRED_STATE",
                        "longer than the 10 minutes");
            }
        }

        @Test
        @DisplayName("when the deployment is not registered")
        void unregisteredDeployment() throws Exception {
            lti.platform.nextLaunch(claims -> claims.claim(LTI + "deployment_id", "deployment-2"));

            assertRefused(lti.launch(), 403, "UNKNOWN_DEPLOYMENT", "the deployment deployment-2");
        }

        @Test
        @DisplayName("when it is not LTI 1.3.0")
        void wrongVersion() throws Exception {
            lti.platform.nextLaunch(claims -> claims.claim(LTI + "version", "1.1.0"));

            assertRefused(lti.launch(), 400, "UNSUPPORTED_MESSAGE", "LTI version 1.1.0");
        }

        @Test
        @DisplayName("when its message type is not one the tool handles")
        void wrongMessageType() throws Exception {
            lti.platform.nextLaunch(claims -> claims.claim(LTI + "message_type", "LtiSubmissionReviewRequest"));

            assertRefused(lti.launch(), 400, "UNSUPPORTED_MESSAGE", "LtiSubmissionReviewRequest");
        }

        static void assertRefused(HttpResponse<String> response, int status, String reason, String message)
                throws Exception {
            assertEquals(status, response.statusCode(), response.body());
            assertEquals(reason, LtiFixture.reason(response), response.body());
            assertTrue(LtiFixture.message(response).contains(message), "the message says what failed: "
                    + LtiFixture.message(response));
        }
    }

    @Nested
    @DisplayName("after the platform rotated its key")
    class AfterKeyRotation {

        @Test
        @DisplayName("verifies the new key id by fetching the platform's keys again")
        void refetchesTheKeys() throws Exception {
            lti.launched();
            int fetched = lti.platform.jwksFetches.get();
            lti.launched();
            assertEquals(fetched, lti.platform.jwksFetches.get(), "a launch signed with a known key uses the cache");
            int launched = lti.launches.size();

            lti.platform.rotateKey();
            lti.launched();

            assertEquals(fetched + 1, lti.platform.jwksFetches.get(), "an unknown key id makes the tool fetch again");
            assertEquals(launched + 1, lti.launches.size());
        }
    }
}
