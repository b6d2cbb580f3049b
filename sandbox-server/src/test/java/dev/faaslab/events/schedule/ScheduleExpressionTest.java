package dev.faaslab.events.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A schedule expression")
class ScheduleExpressionTest {

    /** A Monday. */
    static final Instant NOW = Instant.parse("2026-11-23T10:05:00Z");

    static List<String> next(String expression, int count) {
        ScheduleExpression parsed = ScheduleExpression.parse(expression);
        List<String> times = new ArrayList<>();
        Instant after = NOW;
        for (int i = 0; i < count; i++) {
            after = parsed.next(NOW, after).orElseThrow();
            times.add(after.toString());
        }
        return times;
    }

    static String refusal(String expression) {
        return assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse(expression)).getMessage();
    }

    @Nested
    @DisplayName("rate(…)")
    class Rates {

        @ParameterizedTest(name = "{0} fires every {1}")
        @CsvSource(delimiter = '|', value = {
                "rate(1 minute)   | PT1M",
                "rate(5 minutes)  | PT5M",
                "rate(1 hour)     | PT1H",
                "rate(12 hours)   | PT12H",
                "rate(1 day)      | PT24H",
                "rate(7 days)     | PT168H",
                "rate(5 seconds)  | PT5S",
        })
        void periods(String expression, Duration period) {
            assertEquals(period, ((ScheduleExpression.Rate) ScheduleExpression.parse(expression)).period());
        }

        @Test
        @DisplayName("counts its periods from when it started")
        void fromItsStart() {
            assertEquals(List.of("2026-11-23T10:10:00Z", "2026-11-23T10:15:00Z"), next("rate(5 minutes)", 2));
        }

        @Test
        @DisplayName("in seconds is labelled a FaaS Lab allowance, and EventBridge's own rates are not")
        void secondsAreAnAllowance() {
            List<String> notes = ScheduleExpression.parse("rate(5 seconds)").notes();
            assertEquals(1, notes.size());
            assertTrue(notes.getFirst().contains("FaaS Lab allowance for demonstrations"), notes.getFirst());
            assertEquals(List.of(), ScheduleExpression.parse("rate(1 minute)").notes());
        }

        @ParameterizedTest(name = "{0} is refused: …{1}…")
        @CsvSource(delimiter = '|', value = {
                "rate(1 minutes)    | a value of 1 takes the singular unit, as in rate(1 minute)",
                "rate(5 minute)     | a value above 1 takes the plural unit, as in rate(5 minutes)",
                "rate(1 hours)      | as in rate(1 hour)",
                "rate(0 minutes)    | the value must be positive",
                "rate(-5 minutes)   | the value must be positive",
                "rate(4 seconds)    | from rate(5 seconds) up",
                "rate(1 second)     | from rate(5 seconds) up",
                "rate(five minutes) | the value 'five' must be a positive whole number",
                "rate(5 weeks)      | the unit 'weeks' is not one of minute(s), hour(s) or day(s)",
                "rate(5)            | a rate is a whole number and a unit",
                "rate()             | a rate is a whole number and a unit",
                "every 5 minutes    | is not a schedule expression",
        })
        void refused(String expression, String fragment) {
            String message = refusal(expression);
            assertTrue(message.contains(fragment), message);
        }
    }

    @Nested
    @DisplayName("cron(…), in UTC")
    class Crons {

        @ParameterizedTest(name = "{0} fires at {1}, then {2}")
        @CsvSource(delimiter = '|', value = {
                "cron(0 12 * * ? *)        | 2026-11-23T12:00:00Z | 2026-11-24T12:00:00Z",
                "cron(0/15 * * * ? *)      | 2026-11-23T10:15:00Z | 2026-11-23T10:30:00Z",
                "cron(0 18 ? * MON-FRI *)  | 2026-11-23T18:00:00Z | 2026-11-24T18:00:00Z",
                "cron(0 18 ? * sat,sun *)  | 2026-11-28T18:00:00Z | 2026-11-29T18:00:00Z",
                "cron(0 9 ? * 2 *)         | 2026-11-30T09:00:00Z | 2026-12-07T09:00:00Z",
                "cron(0 10 L * ? *)        | 2026-11-30T10:00:00Z | 2026-12-31T10:00:00Z",
                "cron(0 9 ? * 2#1 *)       | 2026-12-07T09:00:00Z | 2027-01-04T09:00:00Z",
                "cron(30 9 ? * 6L *)       | 2026-11-27T09:30:00Z | 2026-12-25T09:30:00Z",
                "cron(0 8 15W * ? *)       | 2026-12-15T08:00:00Z | 2027-01-15T08:00:00Z",
                "cron(0 12 1,15 * ? *)     | 2026-12-01T12:00:00Z | 2026-12-15T12:00:00Z",
                "cron(0 0 1 JAN ? 2027-2028) | 2027-01-01T00:00:00Z | 2028-01-01T00:00:00Z",
                "cron(5-6 10 * * ? *)      | 2026-11-23T10:06:00Z | 2026-11-24T10:05:00Z",
                "cron(0 8 27W * ? *)       | 2026-11-27T08:00:00Z | 2026-12-28T08:00:00Z",
                "cron(0 8 LW * ? *)        | 2026-11-30T08:00:00Z | 2026-12-31T08:00:00Z",
                "cron(30 9 ? * FRIL *)     | 2026-11-27T09:30:00Z | 2026-12-25T09:30:00Z",
                "cron(0 9 ? * MON#1 *)     | 2026-12-07T09:00:00Z | 2027-01-04T09:00:00Z",
        })
        void fires(String expression, String first, String second) {
            assertEquals(List.of(first, second), next(expression, 2));
        }

        @ParameterizedTest(name = "{0} is refused: …{1}…")
        @CsvSource(delimiter = '|', value = {
                "cron(0 12 * * ? )       | has 5 fields; EventBridge's cron takes six: Minutes Hours Day-of-month Month Day-of-week Year",
                "cron(0 12 * * ? * *)    | has 7 fields",
                "cron(0 12 * * * *)      | Day-of-month ('*') and Day-of-week ('*') cannot both be set, not even both to '*': use '?' in one of them",
                "cron(0 12 1 * MON *)    | Day-of-month ('1') and Day-of-week ('MON') cannot both be set: use '?' in one of them",
                "cron(0 12 ? * ? *)      | Day-of-month and Day-of-week cannot both be '?'",
                "cron(60 12 * * ? *)     | the Minutes field '60' is not valid: 60 is outside 0-59",
                "cron(0 24 * * ? *)      | the Hours field '24' is not valid: 24 is outside 0-23",
                "cron(0 12 32 * ? *)     | the Day-of-month field '32' is not valid: 32 is outside 1-31",
                "cron(0 12 * 13 ? *)     | the Month field '13' is not valid: 13 is outside 1-12",
                "cron(0 12 ? * 8 *)      | the Day-of-week field '8' is not valid: 8 is outside 1-7",
                "cron(0 12 * * ? 1969)   | the Year field '1969' is not valid: 1969 is outside 1970-2199",
                "cron(0 12 * Foo ? *)    | the Month field 'Foo' is not valid",
                "cron(0 12 ? * 2W *)     | the Day-of-week field '2W' is not valid",
                "cron(0 12 1#2 * ? *)    | the Day-of-month field '1#2' is not valid",
                "cron(? 12 * * ? *)      | the Minutes field '?' cannot hold '?': only Day-of-month and Day-of-week take '?'",
                "cron(x 12 * * ? *)      | the Minutes field 'x' is not valid. Minutes takes 0-59",
                "cron(0 12 ?x * ? *)     | the Day-of-month field '?x' cannot hold '?' with anything else",
                // Found by ScheduleExpressionFuzzTest: cron-utils threw an ArrayIndexOutOfBoundsException (a 500).
                "cron(0 9 ? * 6# *)      | the Day-of-week field '6#' is not valid",
                // Found by ScheduleExpressionFuzzTest: cron-utils threw a DateTimeException for a month without the
                // day (a 500, and a scheduler that could not start again), and its nearest weekday to a day from
                // the 28th on is wrong where the month ends (Sunday 28 February 2027, not Friday 26).
                "cron(30 8 30W * ? 2027) | the Day-of-month field '30W' is not supported: FaaS Lab finds the nearest weekday to days 1 to 27 only",
                "cron(0 8 31W * ? *)     | the Day-of-month field '31W' is not supported",
                "cron(0 8 28w * ? *)     | the Day-of-month field '28w' is not supported",
                "cron(0 8 29W 2 ? *)     | use LW for the last weekday of the month",
                // Found by ScheduleExpressionFuzzTest: cron-utils reads 3W0 as 30W, and takes W in a list, where
                // EventBridge takes it after a single day only.
                "cron(30 8 3W0 * ? 2027) | the Day-of-month field '3W0' is not valid. Day-of-month takes 1-31, with L (last day), W (nearest weekday)",
                "cron(0 8 3WW * ? *)     | the Day-of-month field '3WW' is not valid",
                "cron(0 8 1W,15W * ? *)  | the Day-of-month field '1W,15W' is not valid",
                // Found by ScheduleExpressionFuzzTest: cron-utils takes L inside a range or list and then fails with a
                // ClassCastException computing the fire time; EventBridge's L and # stand alone.
                "cron(0 0 ? * 1-L,3 *)   | the Day-of-week field '1-L,3' is not valid: L and # stand alone, not in a list, range or increment",
                "cron(0 0 ? * 2#1,3 *)   | the Day-of-week field '2#1,3' is not valid: L and # stand alone",
                "cron(0 0 ? * L/2 *)     | the Day-of-week field 'L/2' is not valid",
                "cron(0 0 1-L * ? *)     | the Day-of-month field '1-L' is not valid: L and LW stand alone",
                "cron(0 0 L,15 * ? *)    | the Day-of-month field 'L,15' is not valid",

        })
        void refused(String expression, String fragment) {
            String message = refusal(expression);
            assertTrue(message.startsWith(expression + ":") || message.startsWith(expression + " "), message);
            assertTrue(message.contains(fragment), message);
        }

        @Test
        @DisplayName("refuses a bar, which cron-utils reads as joining two expressions (found by the fuzz test)")
        void refusesABar() {
            assertTrue(refusal("cron(30 8 027|* * ? 2027)").contains("the Day-of-month field '027|*' is not valid"));
        }
    }
}
