package dev.faaslab.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.faaslab.events.schedule.ScheduleExpression;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A schedule's expression is text a learner types: it parses, or is refused with an IllegalArgumentException
 * that says why. One that parses writes itself back as an expression that parses the same, and each fire
 * time it gives is later than the one before.
 */
class ScheduleExpressionFuzzTest {

    /** When the schedule was made, and the times fire times are asked after: 2026, then a leap day. */
    private static final Instant ANCHOR = Instant.parse("2026-11-23T10:07:30Z");
    private static final Instant[] AFTER = {ANCHOR, Instant.parse("2028-02-29T23:59:59.999Z")};

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"rate(", "cron(", ")", " minutes", " minute", " hours", " hour", " days", " day", " seconds",
            "?", "*", "/", "-", ",", "L", "W", "LW", "#", "JAN", "DEC", "MON", "SUN", "FRI", "L-", "1970", "2199"})
    void anExpressionParsesAndFiresForwardOrIsRefusedWithAReason(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ScheduleExpression expression;
        try {
            expression = ScheduleExpression.parse(text);
        } catch (IllegalArgumentException refused) {
            assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal says why");
            return;
        }

        assertEquals(expression.text(), ScheduleExpression.parse(expression.text()).text(), "written back");
        for (Instant after : AFTER) {
            Instant previous = after;
            for (int i = 0; i < 3; i++) {
                Optional<Instant> next = expression.next(ANCHOR, previous);
                if (next.isEmpty()) {
                    break;
                }
                Instant earlier = previous;
                assertTrue(next.get().isAfter(earlier), () -> text + " fires at " + next.get() + " after " + earlier);
                previous = next.get();
            }
        }
    }
}
