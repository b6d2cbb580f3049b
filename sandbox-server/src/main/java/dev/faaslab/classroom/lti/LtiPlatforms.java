package dev.faaslab.classroom.lti;

import dev.faaslab.time.Clock;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** The platforms registered to launch the tool, kept in {@code lti_platforms} and {@code lti_deployments}. */
public final class LtiPlatforms {

    private final DataSource dataSource;
    private final Clock clock;

    public LtiPlatforms(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Registers a platform, or replaces the registration with the same issuer and client id. */
    public void register(LtiPlatform platform) {
        Sql.transaction(dataSource, "register the LTI platform " + platform.issuer(), connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM lti_platforms WHERE issuer = ? AND client_id = ?")) {
                delete.setString(1, platform.issuer());
                delete.setString(2, platform.clientId());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lti_platforms (issuer, client_id,"
                    + " auth_login_url, token_url, jwks_url, registered_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, platform.issuer());
                insert.setString(2, platform.clientId());
                insert.setString(3, platform.authLoginUrl().toString());
                insert.setString(4, platform.tokenUrl().toString());
                insert.setString(5, platform.jwksUrl().toString());
                Sql.bindInstant(insert, 6, Instant.ofEpochMilli(clock.epochMillis()));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO lti_deployments (issuer, client_id, deployment_id) VALUES (?, ?, ?)")) {
                for (String deployment : platform.deploymentIds()) {
                    insert.setString(1, platform.issuer());
                    insert.setString(2, platform.clientId());
                    insert.setString(3, deployment);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The registration of {@code clientId} at {@code issuer}, if there is one. */
    public Optional<LtiPlatform> find(String issuer, String clientId) {
        return Sql.transaction(dataSource, "read the LTI platform " + issuer, connection -> {
            List<LtiPlatform> found = select(connection, issuer, clientId);
            return found.stream().findFirst();
        });
    }

    /**
     * The registrations of an issuer. A login initiation may leave out the client id (LTI 1.3 makes it optional);
     * it can be told only when the issuer registered the tool once.
     */
    public List<LtiPlatform> findByIssuer(String issuer) {
        return Sql.transaction(dataSource, "read the LTI platform " + issuer,
                connection -> select(connection, issuer, null));
    }

    /** Every registration, by issuer and client id: what an instructor's dashboard lists. */
    public List<LtiPlatform> all() {
        return Sql.transaction(dataSource, "list the LTI platforms", connection -> select(connection, null, null));
    }

    /** The registrations of {@code issuer} (null: every issuer's), of {@code clientId} only unless it is null. */
    private static List<LtiPlatform> select(Connection connection, String issuer, String clientId) throws SQLException {
        List<LtiPlatform> platforms = new ArrayList<>();
        String where = issuer == null ? "" : clientId == null ? " WHERE issuer = ?" : " WHERE issuer = ? AND client_id = ?";
        try (PreparedStatement select = connection.prepareStatement("SELECT issuer, client_id, auth_login_url,"
                + " token_url, jwks_url FROM lti_platforms" + where + " ORDER BY issuer, client_id")) {
            if (issuer != null) {
                select.setString(1, issuer);
            }
            if (clientId != null) {
                select.setString(2, clientId);
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String from = row.getString("issuer");
                    String client = row.getString("client_id");
                    platforms.add(new LtiPlatform(from, client, deployments(connection, from, client),
                            URI.create(row.getString("auth_login_url")), URI.create(row.getString("token_url")),
                            URI.create(row.getString("jwks_url"))));
                }
            }
        }
        return platforms;
    }

    private static Set<String> deployments(Connection connection, String issuer, String clientId) throws SQLException {
        Set<String> deployments = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT deployment_id FROM lti_deployments WHERE issuer = ? AND client_id = ?")) {
            select.setString(1, issuer);
            select.setString(2, clientId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    deployments.add(row.getString(1));
                }
            }
        }
        return deployments;
    }
}
