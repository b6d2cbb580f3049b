package dev.faaslab.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code GET /api/openapi.json}: the API's description, a resource kept true by a test against the route table. */
final class OpenApiDocument {

    static final String RESOURCE = "/dev/faaslab/http/openapi.json";

    private final byte[] document;

    OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the build");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Route> routes() {
        return List.of(new Route("GET", "/api/openapi.json", this::documentHandler));
    }

    private void documentHandler(Exchange exchange) {
        exchange.send(200, Exchange.JSON_TYPE, document);
    }
}
