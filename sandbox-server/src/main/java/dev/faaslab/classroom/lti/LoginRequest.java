package dev.faaslab.classroom.lti;

/**
 * The parameters of a third-party login initiation (OIDC), as the platform sends them to {@code /lti/login}.
 * {@code clientId} and {@code deploymentId} are optional in LTI 1.3; {@code ltiMessageHint} is the platform's
 * own, echoed back.
 */
public record LoginRequest(String issuer, String loginHint, String targetLinkUri, String ltiMessageHint,
                           String clientId, String deploymentId) {
}
