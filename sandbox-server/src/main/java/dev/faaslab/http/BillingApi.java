package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.billing.Prices;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.BillingSettings;
import dev.faaslab.platform.FunctionRecord;
import dev.faaslab.platform.Platform;
import java.util.List;
import java.util.Set;

/** {@code /api/billing}: the workspace's bill, per function, and the prices and free tier it is computed with. */
final class BillingApi {

    private static final Set<String> FIELDS = Set.of("prices", "freeTier");

    private final Platform platform;
    private final WorkspaceResolver workspaces;

    BillingApi(Platform platform, WorkspaceResolver workspaces) {
        this.platform = platform;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/billing", this::billingHandler),
                new Route("PUT", "/api/billing", this::putBillingHandler));
    }

    private void billingHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        BillingSettings settings = platform.billing(workspace);
        ObjectNode body = Exchange.JSON.createObjectNode();
        body.set("settings", Exchange.JSON.valueToTree(settings));
        body.set("workspace", Views.bill(platform.bill(workspace)));
        ObjectNode functions = body.putObject("functions");
        for (FunctionRecord record : platform.functions(workspace)) {
            functions.set(record.name(), Views.bill(platform.bill(workspace, record.name())));
        }
        exchange.json(200, body);
    }

    private void putBillingHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        JsonNode body = exchange.jsonBody();
        JsonFields.onlyFields(body, FIELDS, "{\"prices\":{…},\"freeTier\":false} (GET /api/billing shows the current ones)");
        BillingSettings current = platform.billing(workspace);
        boolean freeTier = body.has("freeTier") ? JsonFields.bool(body, "freeTier") : current.freeTier();
        Prices prices = current.prices();
        if (body.has("prices")) {
            try {
                prices = Exchange.JSON.readerFor(Prices.class)
                        .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .readValue(body.get("prices"));
            } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
                Throwable cause = e.getCause() instanceof IllegalArgumentException bad ? bad : e;
                String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
                int cut = message.indexOf(" (");
                throw ApiException.badField("prices", "the prices are not valid: " + (cut > 0 ? message.substring(0, cut) : message)
                        + ". GET /api/billing shows every field of the current prices");
            }
        }
        BillingSettings settings = new BillingSettings(prices, freeTier);
        platform.setBilling(workspace, settings);
        exchange.json(200, Exchange.JSON.valueToTree(settings));
    }

    private WorkspaceId workspace(Exchange exchange) {
        return workspaces.resolve(exchange.request);
    }
}
