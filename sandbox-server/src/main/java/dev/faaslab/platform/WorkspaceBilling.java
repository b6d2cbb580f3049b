package dev.faaslab.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.billing.Bill;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Each workspace's prices and free tier, kept in its settings, and the bills they make of its usage. */
final class WorkspaceBilling {

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceBilling.class);
    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;

    private final Clock clock;
    private final WorkspaceData data;
    private final Workspaces workspaces;
    private final Map<WorkspaceId, BillingSettings> settings = new ConcurrentHashMap<>();

    WorkspaceBilling(Clock clock, WorkspaceData data, Workspaces workspaces) {
        this.clock = clock;
        this.data = data;
        this.workspaces = workspaces;
    }

    BillingSettings settings(WorkspaceId id) {
        return settings.computeIfAbsent(id, key -> data.setting(key, "billing").map(WorkspaceBilling::parse)
                .orElse(BillingSettings.DEFAULT));
    }

    void put(WorkspaceId id, BillingSettings changed) {
        try {
            data.putSetting(id, "billing", JSON.writeValueAsString(changed), Instant.ofEpochMilli(clock.epochMillis()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        settings.put(id, changed);
    }

    /** The workspace's bill since the platform started. */
    Bill bill(WorkspaceId id) {
        BillingSettings current = settings(id);
        return Bill.of(current.prices(), workspaces.get(id).usage().snapshot(), current.freeTier());
    }

    /** One function's bill since the platform started (no free tier: that is the workspace's allowance). */
    Bill bill(WorkspaceId id, String name) {
        return Bill.of(settings(id).prices(), workspaces.get(id).function(name).usage().snapshot(), false);
    }

    private static BillingSettings parse(String json) {
        try {
            return JSON.readValue(json, BillingSettings.class);
        } catch (JsonProcessingException e) {
            LOG.warn("the stored billing settings do not parse; using the defaults", e);
            return BillingSettings.DEFAULT;
        }
    }
}
