package dev.faaslab.classroom.lti;

import dev.faaslab.core.Problem;

/**
 * A login or launch the tool refused, with {@link Reason what failed} and a message for the person who sees it
 * (an instructor testing a registration, most often): what was wrong and what to check.
 */
public final class LtiRejection extends RuntimeException implements Problem {

    /** What failed; the cases a platform's administrator can tell apart and fix. */
    public enum Reason {
        /** No registration for the issuer and client id. */
        UNKNOWN_PLATFORM(400),
        /** A login initiation or launch without a parameter it needs. */
        MISSING_PARAMETER(400),
        /** The state is not one this tool handed out, or was used already. */
        UNKNOWN_STATE(400),
        /** The state is older than a login may take. */
        EXPIRED_STATE(400),
        /** The id_token is not a signed JWT, or not signed with RS256. */
        MALFORMED_TOKEN(400),
        /** The platform's public keys could not be fetched to check the signature. */
        KEYS_UNAVAILABLE(502),
        /** The signature does not verify with any of the platform's published keys. */
        BAD_SIGNATURE(401),
        /** {@code iss} is not the platform the login began with. */
        WRONG_ISSUER(401),
        /** {@code aud} or {@code azp} does not name the tool's client id. */
        WRONG_AUDIENCE(401),
        /** {@code exp} has passed, or {@code iat} is in the future. */
        EXPIRED_TOKEN(401),
        /** The nonce was used by an earlier launch. */
        REPLAYED_NONCE(401),
        /** The nonce is not the one the login sent. */
        WRONG_NONCE(401),
        /** The deployment is not registered. */
        UNKNOWN_DEPLOYMENT(403),
        /** Not LTI 1.3.0, or a message type the tool does not handle. */
        UNSUPPORTED_MESSAGE(400),
        /** A claim LTI requires is missing or has the wrong shape. */
        MISSING_CLAIM(400);

        private final int status;

        Reason(int status) {
            this.status = status;
        }
    }

    private final Reason reason;

    public LtiRejection(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String code() {
        return "LtiRejected";
    }

    @Override
    public int status() {
        return reason.status;
    }

    @Override
    public String sdkName() {
        return Problem.sdkNameFor(reason.status);
    }

    @Override
    public java.util.Map<String, Object> details() {
        return java.util.Map.of("reason", reason.name());
    }
}
