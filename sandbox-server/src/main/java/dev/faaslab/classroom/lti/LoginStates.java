package dev.faaslab.classroom.lti;

import dev.faaslab.time.Clock;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Logins begun and not yet finished, in {@code lti_login_states}: the state that comes back with the id_token
 * and the nonce the token must carry. Each is used once; after {@link #LIFETIME} it is refused.
 */
final class LoginStates {

    /** Long enough for a platform's sign-in page, short enough that a leaked state is soon worthless. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    /** A login begun: its state and nonce, and who began it. */
    record Pending(String state, String nonce, String issuer, String clientId, String targetLink, Instant createdAt) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    LoginStates(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Begins a login, sweeping the ones that expired. */
    Pending begin(String issuer, String clientId, String targetLink) {
        Instant now = Instant.ofEpochMilli(clock.epochMillis());
        Pending pending = new Pending(RandomTokens.next(), RandomTokens.next(), issuer, clientId, targetLink, now);
        Sql.transaction(dataSource, "save the login state for " + issuer, connection -> {
            try (PreparedStatement sweep = connection.prepareStatement(
                    "DELETE FROM lti_login_states WHERE created_at < ?")) {
                Sql.bindInstant(sweep, 1, now.minus(LIFETIME));
                sweep.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lti_login_states (state, nonce,"
                    + " issuer, client_id, target_link, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, pending.state());
                insert.setString(2, pending.nonce());
                insert.setString(3, issuer);
                insert.setString(4, clientId);
                insert.setString(5, targetLink);
                Sql.bindInstant(insert, 6, now);
                return insert.executeUpdate();
            }
        });
        return pending;
    }

    /**
     * Takes the login with this state out of the table, so that it cannot be used again.
     *
     * @throws LtiRejection when there is none (never handed out, or used already) or it has expired
     */
    Pending take(String state) {
        if (state == null || state.isBlank()) {
            throw new LtiRejection(LtiRejection.Reason.MISSING_PARAMETER, "the launch has no state: the platform"
                    + " must post back the state the tool sent with the login");
        }
        Pending pending = Sql.transaction(dataSource, "take the login state", connection -> {
            Pending found = null;
            try (PreparedStatement select = connection.prepareStatement("SELECT nonce, issuer, client_id, target_link,"
                    + " created_at FROM lti_login_states WHERE state = ?")) {
                select.setString(1, state);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        found = new Pending(state, row.getString("nonce"), row.getString("issuer"),
                                row.getString("client_id"), row.getString("target_link"),
                                Sql.readInstant(row, "created_at"));
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM lti_login_states WHERE state = ?")) {
                delete.setString(1, state);
                // Two launches racing with one state: only the one whose delete removed the row goes on.
                return delete.executeUpdate() == 1 ? found : null;
            }
        });
        if (pending == null) {
            throw new LtiRejection(LtiRejection.Reason.UNKNOWN_STATE, "the launch's state is unknown or was already"
                    + " used: each login may launch once, so start the activity again from the course");
        }
        Instant now = Instant.ofEpochMilli(clock.epochMillis());
        if (pending.createdAt().plus(LIFETIME).isBefore(now)) {
            throw new LtiRejection(LtiRejection.Reason.EXPIRED_STATE, "the login began "
                    + Duration.between(pending.createdAt(), now).toMinutes() + " minutes ago, longer than the "
                    + LIFETIME.toMinutes() + " minutes a launch may take: start the activity again from the course");
        }
        return pending;
    }
}
