package dev.gatehouse.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.store.AuditStore;

import java.time.Clock;
import java.util.Map;

/** Records changes. Called inside the change's transaction so an event exists exactly when the change does. */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AuditStore store;
    private final Clock clock;

    public AuditLog(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code details} must hold no secret: names and flags only. */
    public void record(Actor actor, String tenantId, String action, String targetType, String targetId,
                       Map<String, ?> details) {
        store.append(new AuditEvent(0, tenantId, clock.instant(), actor.subject(), actor.type(), action, targetType,
                targetId, actor.ip(), toJson(details)));
    }

    private static String toJson(Map<String, ?> details) {
        if (details == null || details.isEmpty()) return null;
        try {
            String json = JSON.writeValueAsString(details);
            return json.length() > 4000 ? json.substring(0, 4000) : json;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
