package dev.faaslab.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Version;
import dev.faaslab.platform.InstanceCounts;
import dev.faaslab.platform.Platform;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.RuntimeMode;
import java.util.List;

/** {@code /health}: whether the server is up, how it runs guest code, and how many instances it holds. */
final class HealthApi {

    private final Platform platform;

    HealthApi(Platform platform) {
        this.platform = platform;
    }

    List<Route> routes() {
        return List.of(new Route("GET", "/health", this::healthHandler));
    }

    private void healthHandler(Exchange exchange) {
        ObjectNode body = Exchange.JSON.createObjectNode();
        body.put("status", "ok");
        body.put("version", Version.current());
        // Not waiting for the engine: a server answers its health check while JavaScript still starts.
        body.put("runtimeMode", platform.runtime().modeIfStarted().map(RuntimeMode::label).orElse("starting"));
        ObjectNode engines = body.putObject("engines");
        for (Language language : Language.values()) {
            engines.put(language.runtimeName(), platform.runtime().started(language) ? "ready" : "starting");
        }
        body.put("uptimeSeconds", platform.uptimeMillis() / 1000.0);
        InstanceCounts counts = platform.instanceCounts();
        ObjectNode instances = body.putObject("instances");
        instances.put("initialising", counts.initialising());
        instances.put("busy", counts.busy());
        instances.put("idle", counts.idle());
        instances.put("total", counts.total());
        exchange.json(200, body);
    }
}
