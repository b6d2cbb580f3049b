package dev.faaslab.classroom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Random tokens and what is kept of them: a session cookie and a one-time link carry 256 random bits; the
 * database keeps their SHA-256 only; a cookie also carries an HMAC under the server's secret, so that a forged
 * one is refused without a database read.
 */
final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    /** Join codes: no 0/O, 1/I/L, so that a code read off a projector is typed right. */
    private static final String JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private final byte[] secret;

    Tokens(byte[] secret) {
        this.secret = secret.clone();
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return URL.encodeToString(bytes);
    }

    static String joinCode() {
        return pick(JOIN_ALPHABET, 8);
    }

    /** A workspace or row id: {@code prefix} then 16 characters (80 bits). */
    static String id(String prefix) {
        return prefix + pick(ID_ALPHABET, 16);
    }

    private static String pick(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@code token.signature}: what a cookie carries. */
    String signed(String token) {
        return token + "." + signature(token);
    }

    /** The token of a signed value whose signature is right, else null. */
    String verified(String value) {
        if (value == null) {
            return null;
        }
        int dot = value.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String token = value.substring(0, dot);
        byte[] expected = signature(token).getBytes(StandardCharsets.US_ASCII);
        byte[] given = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? token : null;
    }

    private String signature(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return URL.encodeToString(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
