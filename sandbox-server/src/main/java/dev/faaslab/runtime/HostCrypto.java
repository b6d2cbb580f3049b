package dev.faaslab.runtime;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The JDK's hashes, HMACs and random bytes, under Node's and WebCrypto's names, for {@link LibraryDoor}. */
final class HostCrypto {

    /** Node's names (and WebCrypto's, lower-cased) for the JDK's. */
    private static final Map<String, String> DIGESTS = Map.of(
            "md5", "MD5", "sha1", "SHA-1", "sha-1", "SHA-1", "sha224", "SHA-224", "sha256", "SHA-256",
            "sha-256", "SHA-256", "sha384", "SHA-384", "sha-384", "SHA-384", "sha512", "SHA-512");
    private static final Map<String, String> MACS = Map.of(
            "MD5", "HmacMD5", "SHA-1", "HmacSHA1", "SHA-224", "HmacSHA224", "SHA-256", "HmacSHA256",
            "SHA-384", "HmacSHA384", "SHA-512", "HmacSHA512");
    /** WebCrypto's getRandomValues refuses more than this many bytes at once; Node's randomBytes we cap alike. */
    static final int MAX_RANDOM_BYTES = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private HostCrypto() {
    }

    private static String jdkName(String algorithm) {
        String name = DIGESTS.get(algorithm.toLowerCase(Locale.ROOT));
        if (name == null && algorithm.equalsIgnoreCase("sha-512")) {
            name = "SHA-512";
        }
        return name;
    }

    static byte[] digest(String algorithm, byte[] data) {
        String name = jdkName(algorithm);
        if (name == null) {
            throw new LibraryDoor.Refusal("ERR_CRYPTO_INVALID_DIGEST", "Digest method not supported: " + algorithm);
        }
        try {
            return MessageDigest.getInstance(name).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        String name = jdkName(algorithm);
        if (name == null) {
            throw new LibraryDoor.Refusal("ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: " + algorithm);
        }
        try {
            Mac mac = Mac.getInstance(MACS.get(name));
            // An empty key is legal for an HMAC (Node takes it); SecretKeySpec is not, so pad it as HMAC does.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, mac.getAlgorithm()));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] random(int count) {
        if (count < 0 || count > MAX_RANDOM_BYTES) {
            throw new LibraryDoor.Refusal("ERR_OUT_OF_RANGE", "The number of random bytes must be from 0 to "
                    + MAX_RANDOM_BYTES + " at once. Received " + count);
        }
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
