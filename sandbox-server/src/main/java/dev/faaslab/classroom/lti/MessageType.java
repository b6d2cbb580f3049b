package dev.faaslab.classroom.lti;

/** The LTI messages the tool handles, by their {@code message_type} claim. */
public enum MessageType {
    /** A learner or an instructor opens a lesson or an exercise from the course. */
    RESOURCE_LINK("LtiResourceLinkRequest"),
    /** An instructor adds a lesson or an exercise to the course: the tool answers with the chosen items. */
    DEEP_LINKING("LtiDeepLinkingRequest");

    private final String claim;

    MessageType(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    static MessageType fromClaim(String claim) {
        for (MessageType type : values()) {
            if (type.claim.equals(claim)) {
                return type;
            }
        }
        return null;
    }
}
