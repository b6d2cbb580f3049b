package dev.faaslab.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Durations measured from a function's log")
class MeasuredDurationsTest {

    static final List<String> LOG = List.of(
            "START RequestId: a Version: $LATEST",
            "2026-11-23T10:04:57.880Z\ta\tINFO\tDuration: 999 ms is only what the function logged",
            "END RequestId: a",
            "REPORT RequestId: a\tDuration: 2.50 ms\tBilled Duration: 14 ms\tMemory Size: 128 MB\tInit Duration: 11.25 ms\tInstance: x (cold start)",
            "REPORT RequestId: b\tDuration: 1.25 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tInstance: x (warm)",
            "REPORT RequestId: c\tDuration: 0.75 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tInstance: x (warm)");

    @Test
    @DisplayName("count a warm request's Duration, and a cold one's Init Duration plus Duration; other lines not at all")
    void readsReportLines() {
        MeasuredDurations measured = MeasuredDurations.fromLog(LOG);
        assertArrayEquals(new double[] {1.25, 0.75}, measured.warmMs());
        assertArrayEquals(new double[] {13.75}, measured.coldMs());
        assertEquals(0.001, measured.warm().orElseThrow().meanSeconds(), 1e-12, "the mean of 1.25 and 0.75 ms");
        assertEquals(0.01375, measured.cold().orElseThrow().meanSeconds(), 1e-12);
    }

    @Test
    @DisplayName("give no service time where nothing was measured")
    void nothingMeasured() {
        MeasuredDurations measured = MeasuredDurations.fromLog(List.of("START RequestId: a Version: $LATEST"));
        assertTrue(measured.warm().isEmpty());
        assertTrue(measured.cold().isEmpty());
    }
}
