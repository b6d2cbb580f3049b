package dev.faaslab.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.billing.Prices;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.BillingSettings;
import dev.faaslab.platform.FunctionRecord;
import dev.faaslab.platform.Platform;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/billing}: the workspace's bill, per function, and the prices and free tier it is computed with. */
final class BillingApi {

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
        BillView total = BillView.of(platform.bill(workspace));
        Map<String, BillView> functions = new LinkedHashMap<>();
        for (FunctionRecord record : platform.functions(workspace)) {
            functions.put(record.name(), BillView.of(platform.bill(workspace, record.name())));
        }
        exchange.json(200, new Billing(shown(settings), total, functions));
    }

    private void putBillingHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        BillingSettings settings = BillingRequest.from(exchange.jsonBody()).applyTo(platform.billing(workspace));
        platform.setBilling(workspace, settings);
        exchange.json(200, shown(settings));
    }

    private WorkspaceId workspace(Exchange exchange) {
        return workspaces.resolve(exchange.request);
    }

    /**
     * The settings as the API has always shown them: through a tree, whose decimals lose their trailing zeros
     * ({@code 0.2}, not the {@code 0.20} the prices hold).
     */
    private static JsonNode shown(BillingSettings settings) {
        return Exchange.JSON.valueToTree(settings);
    }

    /** What {@code GET /api/billing} answers: the settings, the workspace's bill and each function's. */
    record Billing(JsonNode settings, BillView workspace, Map<String, BillView> functions) {
    }

    /** The body of {@code PUT /api/billing}: either field may be left out, to keep its current value. */
    record BillingRequest(Prices prices, Boolean freeTier) {

        private static final Set<String> FIELDS = Set.of("prices", "freeTier");

        static BillingRequest from(JsonNode body) throws IOException {
            JsonFields.onlyFields(body, FIELDS, "{\"prices\":{…},\"freeTier\":false} (GET /api/billing shows the current ones)");
            Boolean freeTier = body.has("freeTier") ? JsonFields.bool(body, "freeTier") : null;
            return new BillingRequest(body.has("prices") ? prices(body.get("prices")) : null, freeTier);
        }

        BillingSettings applyTo(BillingSettings current) {
            return new BillingSettings(prices == null ? current.prices() : prices,
                    freeTier == null ? current.freeTier() : freeTier);
        }

        private static Prices prices(JsonNode prices) throws IOException {
            try {
                return Exchange.JSON.readerFor(Prices.class)
                        .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .readValue(prices);
            } catch (JsonMappingException e) {
                Throwable cause = e.getCause() instanceof IllegalArgumentException bad ? bad : e;
                String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
                int cut = message.indexOf(" (");
                throw ApiException.badField("prices", "the prices are not valid: " + (cut > 0 ? message.substring(0, cut) : message)
                        + ". GET /api/billing shows every field of the current prices");
            }
        }
    }
}
