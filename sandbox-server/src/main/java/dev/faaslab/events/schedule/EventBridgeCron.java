package dev.faaslab.events.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronConstraintsFactory;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.faaslab.core.InvalidInputException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge's {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)}, in UTC. cron-utils
 * parses and computes fire times, on a definition built here to EventBridge's rules (it has none of its
 * own); the checks before it find which field is wrong, so that the error can say so.
 */
final class EventBridgeCron {

    /** The six fields, as EventBridge names them, with what each takes. */
    enum Field {
        MINUTES("Minutes", "0-59"),
        HOURS("Hours", "0-23"),
        DAY_OF_MONTH("Day-of-month", "1-31, with L (last day), W (nearest weekday) and ?"),
        MONTH("Month", "1-12 or JAN-DEC"),
        DAY_OF_WEEK("Day-of-week", "1-7 or SUN-SAT (1 is Sunday), with L (last) and # (3#2: the second Tuesday) and ?"),
        YEAR("Year", "1970-2199");

        final String title;
        final String takes;

        Field(String title, String takes) {
            this.title = title;
            this.takes = takes;
        }
    }

    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark()
            .withStrictRange().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2).supportsHash().supportsL()
            .supportsQuestionMark().withStrictRange().and()
            .withYear().withValidRange(1970, 2199).withStrictRange().and()
            .withCronValidation(CronConstraintsFactory.ensureEitherDayOfWeekOrDayOfMonth())
            .instance();
    private static final CronParser PARSER = new CronParser(DEFINITION);

    /**
     * A known-good expression per field, with that field left for the value under test: a value that
     * fails there is wrong in that field, whatever the others hold.
     */
    private static final List<List<String>> PROBES = List.of(
            List.of("%s", "0", "1", "1", "?", "*"),
            List.of("0", "%s", "1", "1", "?", "*"),
            List.of("0", "0", "%s", "1", "?", "*"),
            List.of("0", "0", "1", "%s", "?", "*"),
            List.of("0", "0", "?", "1", "%s", "*"),
            List.of("0", "0", "1", "1", "?", "%s"));

    /**
     * The last day whose nearest weekday ({@code 27W}) cron-utils gets right. From the 28th on it can land on a
     * weekend where the month ends (Sunday 28 February 2027 for {@code 28W}, not Friday 26), passes over months
     * that have the day, and fails outright on a month that lacks it ({@code 30W} in February).
     */
    private static final int LAST_SAFE_WEEKDAY = 27;
    private static final Pattern NEAREST_WEEKDAY = Pattern.compile("(\\d{1,2})W");
    /**
     * L and # stand alone in a day field, as EventBridge writes them (L or LW; L, 6L, FRIL, 2#1 or MON#1).
     * cron-utils takes them inside lists and ranges too (1-L,3), and then fails computing a fire time.
     */
    /** What EventBridge's fields are written with; cron-utils takes more (| joins two expressions to it). */
    private static final Pattern FIELD_CHARACTERS = Pattern.compile("[0-9A-Z,*/?#-]+");
    private static final Pattern DAY_OF_MONTH_LAST = Pattern.compile("LW?");
    private static final Pattern DAY_OF_WEEK_SPECIAL = Pattern.compile("([1-7]|[A-Z]{3})?L|([1-7]|[A-Z]{3})#[1-5]");
    /** Times from which a parsed expression must compute fire times: now-ish, a leap day, a year's end. */
    private static final List<ZonedDateTime> PROBE_TIMES = List.of(
            ZonedDateTime.of(2026, 11, 23, 10, 7, 30, 0, ZoneOffset.UTC),
            ZonedDateTime.of(2028, 2, 29, 23, 59, 59, 0, ZoneOffset.UTC),
            ZonedDateTime.of(2030, 12, 31, 23, 59, 0, 0, ZoneOffset.UTC));

    private final String text;
    private final ExecutionTime execution;

    private EventBridgeCron(String text, ExecutionTime execution) {
        this.text = text;
        this.execution = execution;
    }

    /**
     * Reads the inside of {@code cron(…)}.
     *
     * @param expression the whole expression, for messages
     * @throws IllegalArgumentException naming the field that is wrong and why
     */
    static EventBridgeCron parse(String expression, String fields) {
        String[] values = fields.trim().isEmpty() ? new String[0] : fields.trim().split("\\s+");
        if (values.length != 6) {
            throw new InvalidInputException(expression + " has " + values.length + " field"
                    + (values.length == 1 ? "" : "s") + "; EventBridge's cron takes six: Minutes Hours Day-of-month"
                    + " Month Day-of-week Year, as in cron(0 12 * * ? *) for every day at 12:00 UTC");
        }
        String[] written = values.clone(); // as the learner wrote them, for messages
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i].toUpperCase(Locale.ROOT);
        }
        String dayOfMonth = values[Field.DAY_OF_MONTH.ordinal()];
        String dayOfWeek = values[Field.DAY_OF_WEEK.ordinal()];
        boolean domAny = dayOfMonth.equals("?");
        boolean dowAny = dayOfWeek.equals("?");
        if (!domAny && !dowAny) {
            throw new InvalidInputException(expression + ": Day-of-month ('" + written[Field.DAY_OF_MONTH.ordinal()]
                    + "') and Day-of-week ('" + written[Field.DAY_OF_WEEK.ordinal()] + "') cannot both be set" + (dayOfMonth.equals("*") && dayOfWeek.equals("*")
                    ? ", not even both to '*'" : "") + ": use '?' in one of them, as in cron(0 12 * * ? *)"
                    + " (every day) or cron(0 12 ? * MON-FRI *) (weekdays)");
        }
        if (domAny && dowAny) {
            throw new InvalidInputException(expression + ": Day-of-month and Day-of-week cannot both be '?':"
                    + " give one of them a value or '*', as in cron(0 12 * * ? *)");
        }
        for (Field field : Field.values()) {
            String value = values[field.ordinal()];
            String shown = written[field.ordinal()];
            boolean dayField = field == Field.DAY_OF_MONTH || field == Field.DAY_OF_WEEK;
            if (!FIELD_CHARACTERS.matcher(value).matches()) {
                throw invalid(expression, field, shown, "");
            }
            if (value.contains("?") && !(dayField && value.equals("?"))) {
                throw new InvalidInputException(expression + ": the " + field.title + " field '" + shown
                        + "' cannot hold '?'" + (dayField ? " with anything else" : "")
                        + ": only Day-of-month and Day-of-week take '?', alone. " + field.title + " takes " + field.takes);
            }
            if (value.equals("?")) {
                continue;
            }
            boolean special = value.contains("L") || value.contains("#");
            if (field == Field.DAY_OF_MONTH && value.contains("L") && !DAY_OF_MONTH_LAST.matcher(value).matches()
                    || field == Field.DAY_OF_WEEK && special && !DAY_OF_WEEK_SPECIAL.matcher(value).matches()) {
                throw new InvalidInputException(expression + ": the " + field.title + " field '" + shown
                        + "' is not valid: " + (field == Field.DAY_OF_MONTH ? "L and LW stand" : "L and # stand")
                        + " alone, not in a list, range or increment. " + field.title + " takes " + field.takes);
            }
            if (field == Field.DAY_OF_MONTH && value.contains("W") && !value.equals("LW")) {
                Matcher weekday = NEAREST_WEEKDAY.matcher(value);
                if (!weekday.matches()) {
                    // cron-utils drops a W wherever it stands (3W0 is 30W to it) and takes it in a list; EventBridge
                    // takes it after a single day only.
                    throw invalid(expression, field, shown, "");
                }
                if (Integer.parseInt(weekday.group(1)) > LAST_SAFE_WEEKDAY) {
                    throw new InvalidInputException(expression + ": the Day-of-month field '" + shown + "' is not"
                            + " supported: FaaS Lab finds the nearest weekday to days 1 to " + LAST_SAFE_WEEKDAY
                            + " only; use LW for the last weekday of the month");
                }
            }
            try {
                PARSER.parse(String.format(Locale.ROOT, String.join(" ", PROBES.get(field.ordinal())), value));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                // cron-utils refuses most mistakes with an IllegalArgumentException, but a '#' with nothing after
                // it (6#) makes it index past the end of the parts: wrong all the same.
                throw invalid(expression, field, shown, reason(e.getMessage()));
            }
        }
        String normalised = String.join(" ", values);
        Cron cron;
        try {
            cron = PARSER.parse(normalised);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(expression + " is not valid" + reason(e.getMessage()));
        }
        ExecutionTime execution = ExecutionTime.forCron(cron);
        try {
            for (ZonedDateTime from : PROBE_TIMES) {
                execution.nextExecution(from);
            }
        } catch (RuntimeException e) {
            // A form the checks above let through but cron-utils cannot compute: refused now rather than failing
            // the scheduler when it asks for the next fire time.
            throw new InvalidInputException(expression + " is not supported: FaaS Lab cannot compute its fire times."
                    + " Write each of its fields as a single value, a list (a,b), a range (a-b), '*' or an increment");
        }
        return new EventBridgeCron(normalised, execution);
    }

    private static InvalidInputException invalid(String expression, Field field, String shown, String reason) {
        return new InvalidInputException(expression + ": the " + field.title + " field '" + shown + "' is not valid"
                + reason + ". " + field.title + " takes " + field.takes
                + ", as a single value, a list (a,b), a range (a-b), '*', or an increment (a/n or */n)");
    }

    /** cron-utils' reason, when it is one a learner can use (a value out of range), else nothing. */
    private static String reason(String message) {
        if (message == null) {
            return "";
        }
        Matcher range = Pattern
                .compile("Value (\\S+) not in range \\[(\\d+), (\\d+)\\]").matcher(message);
        if (range.find()) {
            return ": " + range.group(1) + " is outside " + range.group(2) + "-" + range.group(3);
        }
        return "";
    }

    /** The first fire time strictly after {@code after}, if there is one. */
    Optional<Instant> next(Instant after) {
        return execution.nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC)).map(ZonedDateTime::toInstant);
    }

    @Override
    public String toString() {
        return "cron(" + text + ")";
    }
}
