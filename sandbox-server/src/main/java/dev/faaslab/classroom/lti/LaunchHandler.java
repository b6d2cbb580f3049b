package dev.faaslab.classroom.lti;

/**
 * What FaaS Lab does with a verified launch: the classroom's accounts implement it (find or make the account
 * for {@code launch.subject()} at {@code launch.issuer()}, join the class of {@code launch.context()}, sign the
 * person in and send them on). The protocol is done when it is called; it is not called for a launch that was
 * refused.
 */
public interface LaunchHandler {

    /** A learner or an instructor followed a link in the course ({@link MessageType#RESOURCE_LINK}). */
    LaunchReply resourceLaunched(LtiLaunch launch);

    /**
     * An instructor is adding an activity to the course ({@link MessageType#DEEP_LINKING}): show a picker whose
     * form posts the choice to {@code /lti/deep-link} with {@code deepLinkSession} as the field
     * {@code deep_link_session}, and {@code title}, {@code url} and, for a graded item, {@code score_maximum}
     * (and optionally {@code label}, {@code resource_id}, {@code text}).
     */
    LaunchReply deepLinkingRequested(LtiLaunch launch, String deepLinkSession);
}
