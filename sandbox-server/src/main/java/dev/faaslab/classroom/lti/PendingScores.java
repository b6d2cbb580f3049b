package dev.faaslab.classroom.lti;

import dev.faaslab.time.Clock;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Scores on their way to the platform, so that none is lost: {@link #submit} posts at once and, when the
 * platform is unreachable or failing, keeps the score in {@code lti_pending_scores}; {@link #retryDue} (which
 * whoever wires the tool schedules, every minute say) sends the kept ones again, waiting longer after each
 * failure. A score the platform refuses (4xx) stays in the table with the reason, for a person to read.
 */
public final class PendingScores {

    /** The wait after the first failure; it doubles with each further one, up to {@link #MAX_WAIT}. */
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration MAX_WAIT = Duration.ofHours(1);
    /**
     * How long a server that took a score to send holds it: another server's retry skips it meanwhile, so a
     * score is sent by one server at a time.
     */
    static final Duration CLAIM = Duration.ofMinutes(2);
    private static final int BATCH = 50;

    /** What one round of retries did. */
    public record RetryRound(int posted, int refused, int stillPending) {
    }

    private final ScorePassback passback;
    private final DataSource dataSource;
    private final Clock clock;

    PendingScores(ScorePassback passback, DataSource dataSource, Clock clock) {
        this.passback = passback;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Posts the score; when the platform cannot take it now ({@link PassbackResult#retryable()}), keeps it to be
     * sent by a later {@link #retryDue}. A refused score is kept too, with the platform's answer, not retried.
     */
    public PassbackResult submit(Score score) {
        PassbackResult result = passback.post(score);
        switch (result) {
            case PassbackResult.Unavailable unavailable -> keep(score, unavailable.message(), null);
            case PassbackResult.Refused refused -> keep(score, refused.message(), refused.message());
            case PassbackResult.Posted ignored -> {
            }
        }
        return result;
    }

    /** Why the platform refused the scores it refused, oldest first: for a person to read and act on. */
    public List<String> refusals() {
        return Sql.transaction(dataSource, "read the refused scores", connection -> {
            List<String> reasons = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT refused_reason FROM"
                    + " lti_pending_scores WHERE refused_reason IS NOT NULL ORDER BY scored_at");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    reasons.add(row.getString(1));
                }
            }
            return reasons;
        });
    }

    /** Sends the kept scores whose wait is over. */
    public RetryRound retryDue() {
        Instant now = now();
        int posted = 0;
        int refused = 0;
        int pending = 0;
        for (Due due : due(now)) {
            if (!claim(due, now)) {
                continue; // another server took it
            }
            PassbackResult result = passback.post(due.score());
            switch (result) {
                case PassbackResult.Posted ignored -> {
                    delete(due.id());
                    posted++;
                }
                case PassbackResult.Refused refusal -> {
                    refuse(due.id(), refusal.message());
                    refused++;
                }
                case PassbackResult.Unavailable unavailable -> {
                    postpone(due.id(), due.attempts() + 1, unavailable.message());
                    pending++;
                }
            }
        }
        return new RetryRound(posted, refused, pending);
    }

    /** The scores still waiting to be sent (not those the platform refused). */
    public int waiting() {
        return Sql.transaction(dataSource, "count the pending scores", connection -> {
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM lti_pending_scores WHERE refused_reason IS NULL");
                 ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    private record Due(String id, Score score, int attempts, Instant nextAttemptAt) {
    }

    private void keep(Score score, String error, String refusedReason) {
        Instant now = now();
        Sql.transaction(dataSource, "keep a score for " + score.userId() + " to send later", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lti_pending_scores (id, issuer,"
                    + " client_id, line_item_url, user_id, score_given, score_maximum, activity_progress, scored_at,"
                    + " attempts, next_attempt_at, last_error, refused_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, RandomTokens.next());
                insert.setString(2, score.issuer());
                insert.setString(3, score.clientId());
                insert.setString(4, score.lineItem().toString());
                insert.setString(5, score.userId());
                insert.setDouble(6, score.scoreGiven());
                insert.setDouble(7, score.scoreMaximum());
                insert.setString(8, score.activityProgress().label());
                Sql.bindInstant(insert, 9, score.timestamp());
                insert.setInt(10, 1);
                Sql.bindInstant(insert, 11, now.plus(wait(1)));
                insert.setString(12, error);
                if (refusedReason == null) {
                    insert.setNull(13, Types.VARCHAR);
                } else {
                    insert.setString(13, refusedReason);
                }
                return insert.executeUpdate();
            }
        });
    }

    private List<Due> due(Instant now) {
        return Sql.transaction(dataSource, "read the scores due to be sent", connection -> {
            List<Due> due = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM lti_pending_scores WHERE"
                    + " refused_reason IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at FETCH FIRST "
                    + BATCH + " ROWS ONLY")) {
                Sql.bindInstant(select, 1, now);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        due.add(new Due(row.getString("id"), new Score(row.getString("issuer"),
                                row.getString("client_id"), URI.create(row.getString("line_item_url")),
                                row.getString("user_id"), row.getDouble("score_given"), row.getDouble("score_maximum"),
                                Score.ActivityProgress.fromLabel(row.getString("activity_progress")),
                                Sql.readInstant(row, "scored_at")), row.getInt("attempts"),
                                Sql.readInstant(row, "next_attempt_at")));
                    }
                }
            }
            return due;
        });
    }

    /** Takes the score for this server: moves its next attempt past the claim, unless another server did first. */
    private boolean claim(Due due, Instant now) {
        return update("claim a pending score", "UPDATE lti_pending_scores SET next_attempt_at = ? WHERE id = ?"
                + " AND next_attempt_at = ?", statement -> {
            Sql.bindInstant(statement, 1, now.plus(CLAIM));
            statement.setString(2, due.id());
            Sql.bindInstant(statement, 3, due.nextAttemptAt());
        }) == 1;
    }

    private void postpone(String id, int attempts, String error) {
        update("postpone a pending score", "UPDATE lti_pending_scores SET attempts = ?, next_attempt_at = ?,"
                + " last_error = ? WHERE id = ?", statement -> {
            statement.setInt(1, attempts);
            Sql.bindInstant(statement, 2, now().plus(wait(attempts)));
            statement.setString(3, error);
            statement.setString(4, id);
        });
    }

    private void refuse(String id, String reason) {
        update("record a refused score", "UPDATE lti_pending_scores SET refused_reason = ? WHERE id = ?", statement -> {
            statement.setString(1, reason);
            statement.setString(2, id);
        });
    }

    private void delete(String id) {
        update("remove a posted score", "DELETE FROM lti_pending_scores WHERE id = ?",
                statement -> statement.setString(1, id));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private int update(String what, String sql, Binder binder) {
        return Sql.transaction(dataSource, what, (Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            }
        });
    }

    /** The wait before attempt {@code attempts + 1}. */
    static Duration wait(int attempts) {
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(attempts - 1, 16));
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.epochMillis());
    }
}
