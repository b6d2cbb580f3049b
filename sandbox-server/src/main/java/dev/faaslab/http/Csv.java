package dev.faaslab.http;

import java.util.Arrays;
import java.util.stream.Collectors;

/** RFC 4180 rows, safe to open in a spreadsheet. */
final class Csv {

    private Csv() {
    }

    static String row(String... fields) {
        return Arrays.stream(fields).map(Csv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    /**
     * Quoted where RFC 4180 needs it; text a spreadsheet would run as a formula (a learner's name "=HYPERLINK(…)")
     * gets a leading apostrophe, as OWASP's CSV injection advice says.
     */
    static String field(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
