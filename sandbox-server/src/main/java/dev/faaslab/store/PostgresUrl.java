package dev.faaslab.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL database named as {@code faaslab start --database} takes it: libpq's URL
 * ({@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE}) or the JDBC driver's
 * ({@code jdbc:postgresql://HOST[:PORT]/DATABASE?user=USER&password=PASSWORD}). Other query parameters
 * (such as {@code sslmode}) go to the driver unchanged.
 *
 * @param password null when the URL has none: the server trusts the user, or the driver finds it in ~/.pgpass
 * @param options the driver's other parameters, {@code name=value} joined by {@code &}, or "" for none
 */
public record PostgresUrl(String user, String password, String host, int port, String database, String options) {

    public static final int DEFAULT_PORT = 5432;
    /** What to try, in every parse error: the form, and an example that works against a local server. */
    private static final String FORM = "write postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE,"
            + " for example postgresql://faaslab@localhost:5432/faaslab";

    public PostgresUrl {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(options, "options");
    }

    /**
     * Reads {@code text} as a PostgreSQL URL.
     *
     * @throws IllegalArgumentException saying what is wrong with it and how to write it
     */
    public static PostgresUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the database URL is empty: " + FORM);
        }
        String url = text.strip();
        String rest = stripScheme(url);
        if (rest == null) {
            throw new IllegalArgumentException("'" + url + "' is not a PostgreSQL URL (FaaS Lab keeps its state in"
                    + " its own H2 files, or in PostgreSQL): " + FORM);
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + shown(url) + "' is not a valid URL (" + e.getReason()
                    + "): " + FORM + "; write a character such as @, / or : in a password as %40, %2F or %3A", e);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + shown(url) + "' names no server host, or a port that is not a"
                    + " number: " + FORM);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("'" + shown(url) + "' names no database after the host (or more than"
                    + " one): " + FORM);
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        List<String> options = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
                String value = parameter.contains("=") ? decode(parameter.substring(parameter.indexOf('=') + 1)) : "";
                switch (name) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    case "" -> {
                        // "?&" and the like: nothing to pass on.
                    }
                    default -> options.add(parameter);
                }
            }
        }
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("'" + shown(url) + "' names no user: put one before the host, as in"
                    + " postgresql://faaslab@" + uri.getHost() + "/" + database);
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new PostgresUrl(user, password, uri.getHost(), port, database, String.join("&", options));
    }

    /** The URL for the JDBC driver, without the user and password, which go to it separately. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + encode(database) + (options.isEmpty() ? "" : "?" + options);
    }

    /** The URL as people may see it, in messages and logs: never with the password. */
    @Override
    public String toString() {
        return "postgresql://" + encode(user) + "@" + host + ":" + port + "/" + encode(database);
    }

    /** What follows {@code postgresql://}, {@code postgres://} or {@code jdbc:postgresql://}; null for any other scheme. */
    private static String stripScheme(String url) {
        for (String scheme : List.of("jdbc:postgresql://", "postgresql://", "postgres://")) {
            if (url.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return url.substring(scheme.length());
            }
        }
        return null;
    }

    /** The URL with its password, if any, replaced: error messages end up in terminals and logs. */
    private static String shown(String url) {
        return url.replaceFirst("(//[^:/@]*):[^@/]*@", "$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
