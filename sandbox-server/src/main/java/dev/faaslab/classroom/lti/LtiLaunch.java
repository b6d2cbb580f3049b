package dev.faaslab.classroom.lti;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A launch the tool verified: who (the platform's user id, name and roles), from where (platform, deployment,
 * course, link) and what the platform offers back (grade passback, deep linking). Names and the context are
 * optional in LTI (a platform may withhold them); absent text is null.
 *
 * @param subject   the user's id at the platform ({@code sub}): stable, opaque, the key to an account
 * @param roles     {@link LtiRole what the roles mean} to FaaS Lab; {@code roleUris} are the claim as sent
 * @param custom    the link's custom parameters, as strings
 * @param targetLink where the platform asked to go ({@code target_link_uri})
 */
public record LtiLaunch(String issuer, String clientId, String deploymentId, MessageType messageType, String subject,
                        String name, String givenName, String familyName, String email, Set<LtiRole> roles,
                        List<String> roleUris, Optional<Context> context, Optional<ResourceLink> resourceLink,
                        Map<String, String> custom, String targetLink, Optional<GradeService> gradeService,
                        Optional<DeepLinking> deepLinking) {

    public LtiLaunch {
        roles = Set.copyOf(roles);
        roleUris = List.copyOf(roleUris);
        custom = Map.copyOf(custom);
    }

    public boolean isInstructor() {
        return roles.contains(LtiRole.INSTRUCTOR);
    }

    /** The course (LTI's context) the launch came from. */
    public record Context(String id, String title, String label) {
    }

    /** The link in the course that was followed. */
    public record ResourceLink(String id, String title) {
    }

    /**
     * Assignment and Grade Services' endpoint claim: what the tool may do with the course's gradebook.
     *
     * @param lineItem the line item (gradebook column) of this link, where {@link ScorePassback} posts; null when
     *                 the link has none
     */
    public record GradeService(List<String> scopes, URI lineItems, URI lineItem) {

        public GradeService {
            scopes = List.copyOf(scopes);
        }

        public boolean canPostScores() {
            return lineItem != null && scopes.contains(ScorePassback.SCORE_SCOPE);
        }
    }

    /**
     * Deep linking's settings: where to send the chosen items, which kinds the platform takes, and its data,
     * to echo back unchanged.
     */
    public record DeepLinking(URI returnUrl, List<String> acceptTypes, boolean acceptMultiple, String data) {

        public DeepLinking {
            acceptTypes = List.copyOf(acceptTypes);
        }
    }
}
