package dev.faaslab.events.schedule;

import dev.faaslab.core.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a schedule fires: EventBridge's {@code rate(…)} or {@code cron(…)}, in UTC.
 *
 * <p>{@code rate(N seconds)}, N ≥ 5, is FaaS Lab's own: EventBridge's smallest rate is one minute, but a
 * lesson should not wait minutes to see a schedule fire. Its {@link #notes()} say so.
 */
public sealed interface ScheduleExpression permits ScheduleExpression.Rate, ScheduleExpression.CronSchedule {

    /** FaaS Lab's smallest rate in seconds, for demonstrations. */
    int MIN_RATE_SECONDS = 5;

    /**
     * The first fire time strictly after {@code after}, if any.
     *
     * @param anchor when a rate schedule started counting (its creation or last change); cron ignores it
     */
    Optional<Instant> next(Instant anchor, Instant after);

    /** Remarks to show beside the schedule, such as FaaS Lab's allowances; usually none. */
    List<String> notes();

    /** The expression as written canonically. */
    String text();

    /** {@code rate(5 minutes)}: every period, counted from the anchor. */
    record Rate(long value, String unit, Duration period) implements ScheduleExpression {

        @Override
        public Optional<Instant> next(Instant anchor, Instant after) {
            long periodMillis = period.toMillis();
            long since = after.toEpochMilli() - anchor.toEpochMilli();
            long periods = since < 0 ? 0 : since / periodMillis + 1;
            return Optional.of(anchor.plusMillis(periods * periodMillis));
        }

        @Override
        public List<String> notes() {
            return unit.startsWith("second")
                    ? List.of("rate(" + value + " " + unit + ") is a FaaS Lab allowance for demonstrations: EventBridge's"
                    + " smallest rate is rate(1 minute), so this expression would be refused on AWS.")
                    : List.of();
        }

        @Override
        public String text() {
            return "rate(" + value + " " + unit + ")";
        }
    }

    /** {@code cron(0 12 * * ? *)}. */
    record CronSchedule(EventBridgeCron cron) implements ScheduleExpression {

        @Override
        public Optional<Instant> next(Instant anchor, Instant after) {
            return cron.next(after);
        }

        @Override
        public List<String> notes() {
            return List.of();
        }

        @Override
        public String text() {
            return cron.toString();
        }
    }

    Pattern RATE = Pattern.compile("rate\\((.*)\\)", Pattern.DOTALL);
    Pattern CRON = Pattern.compile("cron\\((.*)\\)", Pattern.DOTALL);

    /**
     * Reads an expression.
     *
     * @throws IllegalArgumentException saying what is wrong: for cron, which field and why
     */
    static ScheduleExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidInputException("the schedule needs an expression: rate(5 minutes) or cron(0 12 * * ? *)");
        }
        String text = expression.trim();
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            return rate(text, rate.group(1).trim());
        }
        Matcher cron = CRON.matcher(text);
        if (cron.matches()) {
            return new CronSchedule(EventBridgeCron.parse(text, cron.group(1)));
        }
        throw new InvalidInputException("'" + text + "' is not a schedule expression: write rate(value unit),"
                + " as in rate(5 minutes), or cron(Minutes Hours Day-of-month Month Day-of-week Year), as in cron(0 12 * * ? *)");
    }

    private static Rate rate(String expression, String inside) {
        String[] parts = inside.split("\\s+");
        if (parts.length != 2) {
            throw new InvalidInputException(expression + ": a rate is a whole number and a unit, as in rate(5 minutes)");
        }
        long value;
        try {
            value = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(expression + ": the value '" + parts[0]
                    + "' must be a positive whole number, as in rate(5 minutes)");
        }
        if (value <= 0) {
            throw new InvalidInputException(expression + ": the value must be positive, not " + value);
        }
        String unit = parts[1].toLowerCase(Locale.ROOT);
        String singular = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
        Duration one = switch (singular) {
            case "second" -> Duration.ofSeconds(1);
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            case "day" -> Duration.ofDays(1);
            default -> throw new InvalidInputException(expression + ": the unit '" + parts[1]
                    + "' is not one of minute(s), hour(s) or day(s) (or seconds, FaaS Lab's allowance for demonstrations)");
        };
        if (singular.equals("second") && value < MIN_RATE_SECONDS) {
            throw new InvalidInputException(expression + ": rates in seconds are a FaaS Lab allowance for"
                    + " demonstrations, from rate(" + MIN_RATE_SECONDS + " seconds) up; EventBridge's smallest rate is rate(1 minute)");
        }
        if (value == 1 && !unit.equals(singular)) {
            throw new InvalidInputException(expression + ": a value of 1 takes the singular unit, as in rate(1 "
                    + singular + ")");
        }
        if (value > 1 && unit.equals(singular)) {
            throw new InvalidInputException(expression + ": a value above 1 takes the plural unit, as in rate("
                    + value + " " + singular + "s)");
        }
        Duration period;
        try {
            period = one.multipliedBy(value);
            period.toMillis();
        } catch (ArithmeticException e) {
            throw new InvalidInputException(expression + ": the rate is too long to count");
        }
        return new Rate(value, unit, period);
    }
}
