package dev.faaslab.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names a request may address the server by, in its {@code Host} header. A web page can reach a server on
 * this machine under a name of its own that it points at 127.0.0.1 (DNS rebinding); the browser then sends that
 * name as the Host, which is what tells such a request apart, as Vite and webpack-dev-server tell it.
 *
 * <p>Always allowed: {@code localhost} and the names below it (RFC 6761 keeps them on this machine), any IP
 * address (rebinding needs a name, so a Host that is an address was typed by someone who meant this server),
 * and the name the server was bound to. {@code extra} adds names: {@code faaslab.school.lan}, or
 * {@code .school.lan} for a domain and every name below it, or {@code *} for any name (no check at all).
 */
record AllowedHosts(String boundHost, List<String> extra) {

    private static final Pattern NAME = Pattern.compile("\\*|\\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]*:[0-9a-f:.]*(%[0-9a-z._~-]+)?]");

    /** Only this machine's own names and addresses. */
    static final AllowedHosts LOCAL = new AllowedHosts(null, List.of());

    AllowedHosts {
        extra = List.copyOf(extra);
    }

    /**
     * The hosts a server bound to {@code boundHost} answers to, with {@code names} added (blank ones ignored).
     *
     * @throws IllegalArgumentException naming the first entry that is not a host name
     */
    static AllowedHosts of(String boundHost, Collection<String> names) {
        List<String> extra = new ArrayList<>();
        for (String name : names) {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("'" + name.trim() + "' is not a host name: allow a name such as"
                        + " faaslab.school.lan, a domain such as .school.lan (every name below it), or * (any name)");
            }
            extra.add(trimmed);
        }
        return new AllowedHosts(boundHost == null ? null : boundHost.toLowerCase(Locale.ROOT), extra);
    }

    /** Whether a request with this {@code Host} header (null: none, as HTTP/1.0 allows) is for this server. */
    boolean allows(String hostHeader) {
        if (hostHeader == null) {
            return true; // no name to rebind: the client connected to an address
        }
        String host = name(hostHeader);
        if (host.equals("localhost") || host.endsWith(".localhost") || IPV4.matcher(host).matches()
                || IPV6.matcher(host).matches() || host.equals(boundHost)) {
            return true;
        }
        for (String allowed : extra) {
            if (allowed.equals("*") || allowed.equals(host)
                    || allowed.startsWith(".") && (host.endsWith(allowed) || host.equals(allowed.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    /** The host part of a {@code Host} header, lower-case, without its port or a final dot. */
    static String name(String hostHeader) {
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** What is allowed, in words, for an error message. */
    String describe() {
        List<String> names = new ArrayList<>(List.of("localhost", "an IP address such as 127.0.0.1"));
        if (boundHost != null && !IPV4.matcher(boundHost).matches() && !boundHost.startsWith("[")
                && !boundHost.equals("localhost")) {
            names.add(boundHost);
        }
        names.addAll(extra);
        return String.join(", ", names);
    }
}
