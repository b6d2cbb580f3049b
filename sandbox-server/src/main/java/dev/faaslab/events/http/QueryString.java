package dev.faaslab.events.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A raw query string's {@code queryStringParameters}: names and values percent-decoded, a repeated name's
 * values joined with commas in the order they came ({@code a=1&a=2} gives {@code "a": "1,2"}).
 *
 * <p>{@code +} decodes to a space, as API Gateway's proxy integrations do (aws-cdk issue #19827 shows
 * {@code sort=-+createdAt} arriving as {@code "- createdAt"}). A {@code %} not followed by two hex digits is
 * kept as it is rather than failing the request; a name without {@code =} gets the value {@code ""}.
 */
final class QueryString {

    private QueryString() {
    }

    /** The parameters in the order their names first appear; empty when there are none. */
    static Map<String, String> parameters(String raw) {
        if (raw.isEmpty()) {
            return Map.of();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int start = 0;
        while (start <= raw.length()) {
            int end = raw.indexOf('&', start);
            if (end < 0) {
                end = raw.length();
            }
            if (end > start) {
                int equals = raw.indexOf('=', start);
                String name;
                String value;
                if (equals < 0 || equals > end) {
                    name = decode(raw.substring(start, end));
                    value = "";
                } else {
                    name = decode(raw.substring(start, equals));
                    value = decode(raw.substring(equals + 1, end));
                }
                parameters.merge(name, value, QueryString::join);
            }
            start = end + 1;
        }
        return parameters;
    }

    private static String join(String earlier, String later) {
        return earlier + "," + later;
    }

    /** Percent-decodes UTF-8 and turns {@code +} into a space; text without either comes back as is. */
    static String decode(String text) {
        int first = 0;
        while (first < text.length() && text.charAt(first) != '%' && text.charAt(first) != '+') {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, first);
        byte[] run = null;
        int i = first;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '+') {
                out.append(' ');
                i++;
            } else if (c == '%' && isEscape(text, i)) {
                // A run of escapes is one UTF-8 sequence (or several): decode the bytes together.
                if (run == null) {
                    run = new byte[(text.length() - i) / 3];
                }
                int n = 0;
                while (i < text.length() && text.charAt(i) == '%' && isEscape(text, i)) {
                    run[n++] = (byte) (hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)));
                    i += 3;
                }
                out.append(new String(run, 0, n, StandardCharsets.UTF_8));
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isEscape(String text, int percent) {
        return percent + 2 < text.length() && hex(text.charAt(percent + 1)) >= 0 && hex(text.charAt(percent + 2)) >= 0;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
