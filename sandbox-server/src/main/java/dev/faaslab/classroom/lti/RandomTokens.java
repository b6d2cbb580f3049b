package dev.faaslab.classroom.lti;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable values for states, nonces, ids and JWT ids: 256 random bits, URL-safe. */
final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
