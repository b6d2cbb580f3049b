package dev.faaslab.classroom.lti;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.faaslab.time.Clock;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;

/**
 * The tool's own RSA keys, which sign its deep-linking responses and its client assertions. Made on first use
 * and kept in {@code lti_tool_keys}, so that every server sharing the database signs with the same key and the
 * platform, which fetched them once from {@code /lti/jwks}, keeps trusting them after a restart.
 */
public final class ToolKeys {

    private final DataSource dataSource;
    private final Clock clock;

    public ToolKeys(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The key that signs: the newest, made now if there is none. */
    RSAKey signingKey() {
        List<RSAKey> keys = all();
        if (!keys.isEmpty()) {
            return keys.getFirst();
        }
        // Two servers starting at once may both make one; both are published, and either signs validly.
        return add();
    }

    /**
     * The public keys as a JWK Set, {@code {"keys":[…]}}: what {@code /lti/jwks} answers. Makes the first key if
     * there is none yet, so that a platform can be registered before anyone launches.
     */
    public String publicJwks() {
        signingKey();
        List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
        for (RSAKey key : all()) {
            keys.add(key.toPublicJWK());
        }
        return new JWKSet(keys).toString();
    }

    /**
     * Makes a new signing key; the old ones stay published. A platform that cached the tool's keys refetches
     * them when it meets the new key id.
     */
    public RSAKey rotate() {
        return add();
    }

    private RSAKey add() {
        KeyPair pair = generate();
        String kid = RandomTokens.next().substring(0, 16);
        Base64.Encoder base64 = Base64.getEncoder();
        Sql.transaction(dataSource, "save the tool's new signing key", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lti_tool_keys (kid, private_key,"
                    + " public_key, created_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, kid);
                insert.setString(2, base64.encodeToString(pair.getPrivate().getEncoded()));
                insert.setString(3, base64.encodeToString(pair.getPublic().getEncoded()));
                Sql.bindInstant(insert, 4, Instant.ofEpochMilli(clock.epochMillis()));
                return insert.executeUpdate();
            }
        });
        return jwk(kid, (RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
    }

    /** Every key, newest first. */
    private List<RSAKey> all() {
        return Sql.transaction(dataSource, "read the tool's signing keys", connection -> {
            List<RSAKey> keys = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT kid, private_key, public_key FROM lti_tool_keys ORDER BY created_at DESC, kid");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    keys.add(read(row));
                }
            }
            return keys;
        });
    }

    private static RSAKey read(ResultSet row) throws SQLException {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            Base64.Decoder base64 = Base64.getDecoder();
            var privateKey = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(base64.decode(row.getString("private_key"))));
            var publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(base64.decode(row.getString("public_key"))));
            return jwk(row.getString("kid"), publicKey, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the tool's signing key " + row.getString("kid") + " in lti_tool_keys is"
                    + " damaged: delete its row, and a new key is made on the next launch", e);
        }
    }

    private static RSAKey jwk(String kid, RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(kid).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).build();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform makes RSA keys", e);
        }
    }
}
