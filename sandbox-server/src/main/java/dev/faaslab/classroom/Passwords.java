package dev.faaslab.classroom;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Instructors' passwords, kept only as Argon2id hashes in the PHC string format ({@code $argon2id$v=19$m=…}),
 * by Spring Security's encoder over Bouncy Castle's Argon2: OWASP's recommended function, with its parameters
 * inside each hash so that they can be raised later without breaking the old ones.
 */
public final class Passwords {

    /** The least length accepted: NIST SP 800-63B's minimum for a password a person chooses. */
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;

    // 16-byte salt, 32-byte hash, 1 lane, 19 MiB, 2 passes: OWASP's first Argon2id configuration (~20 ms here).
    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

    public String hash(String password) {
        check(password);
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return password != null && hash != null && password.length() <= MAX_LENGTH && encoder.matches(password, hash);
    }

    static void check(String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw new ClassroomException(400, "WeakPassword", "a password must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters, not " + (password == null ? "missing" : password.length()) + ": a phrase of a few"
                    + " words is long and easy to remember", java.util.Map.of("field", "password"));
        }
    }
}
