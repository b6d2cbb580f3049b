package dev.faaslab.classroom.lti;

/** Escaping for text put into HTML, in element content or a quoted attribute. */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A whole small page, in the app's language and with a viewport, for what a launch answers with. */
    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><meta name=\"color-scheme\" content=\"light dark\">"
                + "<title>" + escape(title) + " · FaaS Lab</title></head><body><main>" + body + "</main></body></html>";
    }
}
