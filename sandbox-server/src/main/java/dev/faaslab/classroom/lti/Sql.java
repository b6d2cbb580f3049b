package dev.faaslab.classroom.lti;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/** Transactions and timestamps for the LTI tables, as the store package does them for its own. */
final class Sql {

    /** Work on a connection whose transaction the caller commits. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Sql() {
    }

    /**
     * Runs {@code work} in one transaction; unchecked exceptions roll it back and pass through.
     *
     * @param what what the work does, for the error: "register the platform https://moodle.example"
     */
    static <T> T transaction(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new LtiStoreException("could not " + what + ": " + firstLine(e.getMessage()), e);
        }
    }

    static void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        // Both H2 and PostgreSQL keep microseconds.
        statement.setObject(index, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    static Instant readInstant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** Whether a failed insert collided with an existing key (SQL's unique violation). */
    static boolean isDuplicate(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static String firstLine(String message) {
        return message == null ? "no details" : message.strip().lines().findFirst().orElse("no details");
    }
}
