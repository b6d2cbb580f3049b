package dev.faaslab.classroom.lti;

import dev.faaslab.time.Clock;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Deep-linking requests waiting for the instructor's choice, in {@code lti_deep_link_sessions}: the tool shows
 * its picker, and the choice comes back in a later request, maybe to another server. Each is used once.
 */
final class DeepLinkSessions {

    /** Time to choose. */
    static final Duration LIFETIME = Duration.ofHours(1);

    /** What the answer needs from the request. */
    record Session(String issuer, String clientId, String deploymentId, URI returnUrl, String data) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    DeepLinkSessions(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Keeps a deep-linking launch's settings; returns the id the picker posts back. */
    String open(LtiLaunch launch) {
        LtiLaunch.DeepLinking settings = launch.deepLinking().orElseThrow(() -> new IllegalArgumentException(
                "the launch is not a deep-linking request"));
        String id = RandomTokens.next();
        Instant now = Instant.ofEpochMilli(clock.epochMillis());
        Sql.transaction(dataSource, "save a deep-linking request", connection -> {
            try (PreparedStatement sweep = connection.prepareStatement(
                    "DELETE FROM lti_deep_link_sessions WHERE created_at < ?")) {
                Sql.bindInstant(sweep, 1, now.minus(LIFETIME));
                sweep.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lti_deep_link_sessions (id,"
                    + " issuer, client_id, deployment_id, return_url, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, launch.issuer());
                insert.setString(3, launch.clientId());
                insert.setString(4, launch.deploymentId());
                insert.setString(5, settings.returnUrl().toString());
                insert.setString(6, settings.data());
                Sql.bindInstant(insert, 7, now);
                return insert.executeUpdate();
            }
        });
        return id;
    }

    /**
     * Takes the request out, so that one choice answers it.
     *
     * @throws LtiRejection when it is unknown, used or older than an hour
     */
    Session take(String id) {
        Instant now = Instant.ofEpochMilli(clock.epochMillis());
        Session session = Sql.transaction(dataSource, "take a deep-linking request", connection -> {
            Session found = null;
            try (PreparedStatement select = connection.prepareStatement("SELECT issuer, client_id, deployment_id,"
                    + " return_url, data FROM lti_deep_link_sessions WHERE id = ? AND created_at >= ?")) {
                select.setString(1, id);
                Sql.bindInstant(select, 2, now.minus(LIFETIME));
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        found = new Session(row.getString("issuer"), row.getString("client_id"),
                                row.getString("deployment_id"), URI.create(row.getString("return_url")),
                                row.getString("data"));
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM lti_deep_link_sessions WHERE id = ?")) {
                delete.setString(1, id);
                return delete.executeUpdate() == 1 ? found : null;
            }
        });
        if (session == null) {
            throw new LtiRejection(LtiRejection.Reason.UNKNOWN_STATE, "this choice answers no open deep-linking"
                    + " request (it was answered already, or is older than an hour): add the activity again from"
                    + " the course");
        }
        return session;
    }
}
