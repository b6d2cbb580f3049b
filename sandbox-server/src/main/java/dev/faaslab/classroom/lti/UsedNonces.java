package dev.faaslab.classroom.lti;

import dev.faaslab.time.Clock;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/** The nonces of accepted id_tokens, in {@code lti_used_nonces} until the tokens expire: a replay is refused. */
final class UsedNonces {

    private final DataSource dataSource;
    private final Clock clock;

    UsedNonces(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    boolean used(String issuer, String nonce) {
        return Sql.transaction(dataSource, "look up a nonce", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM lti_used_nonces WHERE issuer = ? AND nonce = ?")) {
                select.setString(1, issuer);
                select.setString(2, nonce);
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    /** Records the nonce; false when another launch recorded it first. Sweeps those whose tokens expired. */
    boolean use(String issuer, String nonce, Instant until) {
        return Sql.transaction(dataSource, "record a nonce", connection -> {
            try (PreparedStatement sweep = connection.prepareStatement(
                    "DELETE FROM lti_used_nonces WHERE expires_at < ?")) {
                Sql.bindInstant(sweep, 1, Instant.ofEpochMilli(clock.epochMillis()));
                sweep.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO lti_used_nonces (issuer, nonce, expires_at) VALUES (?, ?, ?)")) {
                insert.setString(1, issuer);
                insert.setString(2, nonce);
                Sql.bindInstant(insert, 3, until);
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Sql.isDuplicate(e)) {
                    return false;
                }
                throw e;
            }
        });
    }
}
