package dev.faaslab.classroom.lti;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Fetches a platform's JWK Set for Nimbus with the JDK's HTTP client, the one the tool's other calls use. */
final class HttpResourceRetriever implements ResourceRetriever {

    /** A JWK Set of a few keys is a few kilobytes; a platform's answer beyond this is not one. */
    private static final int MAX_BYTES = 512 * 1024;

    private final HttpClient http;
    private final Duration timeout;

    HttpResourceRetriever(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url.toURI()).timeout(timeout).header("Accept", "application/json").GET()
                    .build();
        } catch (URISyntaxException e) {
            throw new IOException("the JWKS URL " + url + " is not a valid URI", e);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode() + " instead of a JWK Set");
        }
        if (response.body().length > MAX_BYTES) {
            throw new IOException(url + " answered " + response.body().length + " bytes, more than a JWK Set holds");
        }
        return new Resource(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8),
                response.headers().firstValue("Content-Type").orElse(null));
    }
}
