package dev.faaslab.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a piece of work in one transaction, committing it or rolling it back, and runs it again when it
 * lost a race with a concurrent transaction (both created the same row, or the database chose it as a
 * deadlock's victim): the second run sees the winner's row and takes the update path.
 */
final class Transactions {

    /** Work on a connection whose transaction the caller commits. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Enough for the races above: after losing one, the row exists and the next run cannot lose it again. */
    private static final int ATTEMPTS = 3;

    /**
     * Unique violation, serialization failure, PostgreSQL's deadlock and lock timeout, H2's lock timeout and
     * concurrent update.
     */
    private static final Set<String> CONFLICTS = Set.of("23505", "40001", "40P01", "55P03", "HYT00", "90131");

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    private Transactions() {
    }

    /**
     * Runs {@code work} in a transaction. Unchecked exceptions from the work roll it back and pass through.
     *
     * @param what what the work does, for the error message: "save the function 'f' in workspace 'w'"
     * @throws StoreException when the database fails
     */
    static <T> T run(DataSource dataSource, String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(dataSource, work);
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && CONFLICTS.contains(e.getSQLState())) {
                    LOG.debug("retrying to {} after a conflict: {}", what, Database.firstLine(e.getMessage()));
                    continue;
                }
                throw new StoreException("could not " + what + ": " + Database.firstLine(e.getMessage()), e);
            }
        }
    }

    private static <T> T once(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                // The connection goes back to the pool as callers expect to find it.
                connection.setAutoCommit(true);
            }
        }
    }
}
