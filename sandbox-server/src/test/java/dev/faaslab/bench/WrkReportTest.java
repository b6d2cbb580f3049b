package dev.faaslab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading wrk's output, on outputs captured from real runs of wrk 4.1.0 (Debian's). */
@DisplayName("wrk's report")
class WrkReportTest {

    @Test
    @DisplayName("gives requests/s and the median and 99th percentile in milliseconds")
    void readsARun() throws IOException {
        WrkReport report = WrkReport.parse(sample("wrk-function.txt"));
        assertEquals(47645, report.requests());
        assertEquals(4742.12, report.requestsPerSecond(), 1e-9);
        assertEquals(5.58, report.p50Ms(), 1e-9);
        assertEquals(194.15, report.p99Ms(), 1e-9);
        assertEquals(0, report.errors());
    }

    @Test
    @DisplayName("converts microseconds, and counts socket errors of every kind")
    void readsMicrosecondsAndTimeouts() throws IOException {
        WrkReport report = WrkReport.parse(sample("wrk-timeouts.txt"));
        assertEquals(0.104, report.p50Ms(), 1e-9);
        assertEquals(7.15, report.p99Ms(), 1e-9);
        assertEquals(8, report.socketErrors());
        assertEquals(0, report.statusErrors());
        assertEquals(8, report.errors());
    }

    @Test
    @DisplayName("counts responses of 400 or more as errors")
    void countsErrorResponses() throws IOException {
        WrkReport report = WrkReport.parse(sample("wrk-not-found.txt"));
        assertEquals(2223, report.statusErrors());
        assertEquals(2223, report.errors());
        assertEquals(1108.96, report.requestsPerSecond(), 1e-9);
    }

    @Test
    @DisplayName("converts seconds and minutes")
    void convertsLongLatencies() throws IOException {
        String slow = sample("wrk-function.txt").replace("5.58ms", "1.29s").replace("194.15ms", "1.50m");
        WrkReport report = WrkReport.parse(slow);
        assertEquals(1290, report.p50Ms(), 1e-9);
        assertEquals(90_000, report.p99Ms(), 1e-9);
    }

    @Test
    @DisplayName("refuses output without the latency distribution (wrk run without --latency)")
    void needsTheLatencyDistribution() throws IOException {
        String withoutLatency = sample("wrk-function.txt").replaceAll("(?m)^\\s+\\d+%.*\\n", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WrkReport.parse(withoutLatency));
        assertTrue(e.getMessage().contains("--latency"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WrkReport.parse("unable to connect to 127.0.0.1:1 Connection refused"));
    }

    @Test
    @DisplayName("finds wrk on a PATH, and says when it is not there")
    void locatesWrk(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path wrk = Files.writeString(bin.resolve("wrk"), "#!/bin/sh\n");
        assertTrue(Wrk.locate(empty.toString()).isEmpty());
        assertTrue(Wrk.locate(bin.toString()).isEmpty(), "not executable yet");
        Files.setPosixFilePermissions(wrk, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(wrk, Wrk.locate(empty + ":" + bin).orElseThrow().executable());
        assertTrue(Wrk.locate(null).isEmpty());
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = WrkReportTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
