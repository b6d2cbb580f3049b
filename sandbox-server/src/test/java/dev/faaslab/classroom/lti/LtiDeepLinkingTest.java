package dev.faaslab.classroom.lti;

import static dev.faaslab.classroom.lti.TestLtiPlatform.LTI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Deep linking, where an instructor adds a lesson to the course")
class LtiDeepLinkingTest {

    static LtiFixture lti;

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        lti = new LtiFixture(data);
    }

    @AfterAll
    static void stop() throws Exception {
        lti.close();
    }

    /** A deep-linking request launched by an instructor; returns the session the picker answers with. */
    static String requested(String data) throws Exception {
        lti.platform.nextLaunch(claims -> claims
                .claim(LTI + "message_type", "LtiDeepLinkingRequest")
                .claim(LTI + "roles", List.of(TestLtiPlatform.INSTRUCTOR))
                .claim(LTI + "resource_link", null)
                .claim("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings", Map.of(
                        "deep_link_return_url", lti.platform.url("/deep-link-return?course=101&section=a").toString(),
                        "accept_types", List.of("ltiResourceLink"),
                        "accept_presentation_document_targets", List.of("iframe", "window"),
                        "accept_multiple", false,
                        "data", data)));
        HttpResponse<String> page = lti.launch();
        assertEquals(200, page.statusCode(), "the handler shows its picker: " + page.body());
        return lti.deepLinkSessions.getLast();
    }

    static HttpResponse<String> choose(String session, String title, String url, String scoreMaximum) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("deep_link_session", session);
        fields.put("title", title);
        fields.put("url", url);
        if (scoreMaximum != null) {
            fields.put("score_maximum", scoreMaximum);
            fields.put("label", "Cold starts: the exercise");
            fields.put("resource_id", "exercise/cold-starts");
        }
        return lti.postForm(lti.tool.endpoints().deepLink(), fields);
    }

    @Nested
    @DisplayName("when the platform asks for content")
    class WhenAsked {

        @Test
        @DisplayName("gives the launch handler the request's settings, as an instructor's")
        void handsOverTheSettings() throws Exception {
            requested("opaque-1");

            LtiLaunch launch = lti.launches.getLast();
            assertEquals(MessageType.DEEP_LINKING, launch.messageType());
            assertTrue(launch.isInstructor());
            LtiLaunch.DeepLinking settings = launch.deepLinking().orElseThrow();
            assertEquals(lti.platform.url("/deep-link-return?course=101&section=a"), settings.returnUrl());
            assertEquals(List.of("ltiResourceLink"), settings.acceptTypes());
            assertEquals("opaque-1", settings.data());
        }
    }

    @Nested
    @DisplayName("when the instructor has chosen a lesson")
    class WhenChosen {

        @Test
        @DisplayName("answers with a form that posts a JWT, verifiable with the tool's JWKS, holding the item and the data")
        void answersWithASignedResponse() throws Exception {
            String session = requested("opaque-<2>&\"");

            HttpResponse<String> page = choose(session, "Cold starts", "/lessons/cold-starts", "10");

            assertEquals(200, page.statusCode(), page.body());
            assertEquals(lti.platform.url("/deep-link-return?course=101&section=a").toString(),
                    LtiFixture.attribute(page.body(), "action"));
            assertTrue(page.body().contains("course=101&amp;section=a\""), "the return URL is escaped in the form");
            JWTClaimsSet claims = lti.platform.verifyToolJwt(LtiFixture.input(page.body(), "JWT"));
            assertEquals(TestLtiPlatform.CLIENT_ID, claims.getIssuer());
            assertEquals(List.of(lti.platform.issuer()), claims.getAudience());
            assertEquals("LtiDeepLinkingResponse", claims.getStringClaim(LTI + "message_type"));
            assertEquals("1.3.0", claims.getStringClaim(LTI + "version"));
            assertEquals(TestLtiPlatform.DEPLOYMENT_ID, claims.getStringClaim(LTI + "deployment_id"));
            assertTrue(claims.getStringClaim("nonce") != null, "the response has a nonce");
            assertEquals("opaque-<2>&\"", claims.getStringClaim("https://purl.imsglobal.org/spec/lti-dl/claim/data"));
            List<Object> items = claims.getListClaim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items");
            assertEquals(1, items.size());
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) items.getFirst();
            assertEquals("ltiResourceLink", item.get("type"));
            assertEquals("Cold starts", item.get("title"));
            assertEquals(lti.toolBase + "/lessons/cold-starts", item.get("url"));
            @SuppressWarnings("unchecked")
            Map<String, Object> lineItem = (Map<String, Object>) item.get("lineItem");
            assertEquals(10.0, ((Number) lineItem.get("scoreMaximum")).doubleValue());
            assertEquals("Cold starts: the exercise", lineItem.get("label"));
            assertEquals("exercise/cold-starts", lineItem.get("resourceId"));
        }

        @Test
        @DisplayName("leaves out the line item of an ungraded lesson")
        void ungraded() throws Exception {
            String session = requested("opaque-3");

            HttpResponse<String> page = choose(session, "Warm reuse", "https://elsewhere.example/read", null);

            JWTClaimsSet claims = lti.platform.verifyToolJwt(LtiFixture.input(page.body(), "JWT"));
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) claims.getListClaim(
                    "https://purl.imsglobal.org/spec/lti-dl/claim/content_items").getFirst();
            assertFalse(item.containsKey("lineItem"), "no line item: " + item);
            assertEquals(URI.create("https://elsewhere.example/read").toString(), item.get("url"));
        }

        @Test
        @DisplayName("answers one request once")
        void once() throws Exception {
            String session = requested("opaque-4");
            assertEquals(200, choose(session, "Cold starts", "/lessons/cold-starts", null).statusCode());

            HttpResponse<String> again = choose(session, "Cold starts", "/lessons/cold-starts", null);

            assertEquals(400, again.statusCode(), again.body());
            assertEquals("UNKNOWN_STATE", LtiFixture.reason(again));
        }
    }
}
