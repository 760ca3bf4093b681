package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.Page;
import dev.gatehouse.domain.ValidationErrors;
import dev.gatehouse.store.AuditStore;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The audit log, newest first, filtered by actor, action and time: a tenant's, or the installation's. */
public final class EventsResource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditStore events;
    private final AdminAccess access;

    public EventsResource(AuditStore events, AdminAccess access) {
        this.events = events;
        this.access = access;
    }

    /** {@code …/tenants/{T}/events}: the tenant's own log. */
    public void list(Context ctx) {
        respond(ctx, access.tenant(ctx).tenant().id(), false);
    }

    /** {@code …/events}: what happened to the installation itself (tenants, installation clients), for its administrators. */
    public void listInstallation(Context ctx) {
        access.installationAdministrator(ctx);
        respond(ctx, null, true);
    }

    private void respond(Context ctx, String tenantId, boolean installationOnly) {
        var errors = new ValidationErrors();
        int offset = ListQuery.number(ctx, "offset", 0, 0, Integer.MAX_VALUE, errors);
        int limit = ListQuery.number(ctx, "limit", ListQuery.DEFAULT_LIMIT, 1, ListQuery.MAX_LIMIT, errors);
        Instant from = time(ctx, "from", errors);
        Instant to = time(ctx, "to", errors);
        String actor = text(ctx, "actor", errors);
        String action = text(ctx, "action", errors);
        errors.throwIfAny();
        var filter = new AuditStore.Filter(tenantId, installationOnly, actor, action, from, to);
        var page = new Page<>(events.find(filter, offset, limit), events.count(filter));
        ListQuery.totalCount(ctx, page);
        ctx.json(page.items().stream().map(EventsResource::render).toList());
    }

    private static String text(Context ctx, String name, ValidationErrors errors) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) return null;
        if (value.length() > 200) errors.add(name, "must be at most 200 characters");
        return value;
    }

    private static Instant time(Context ctx, String name, ValidationErrors errors) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(name, "must be a date-time such as 2026-05-01T00:00:00Z");
            return null;
        }
    }

    private static Map<String, Object> render(AuditEvent e) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", e.id());
        m.put("occurredAt", e.occurredAt().toString());
        m.put("actor", e.actor());
        m.put("actorType", e.actorType());
        m.put("action", e.action());
        m.put("targetType", e.targetType());
        m.put("targetId", e.targetId());
        m.put("ip", e.ip());
        try {
            m.put("details", e.details() == null ? Map.of() : JSON.readTree(e.details()));
        } catch (java.io.IOException ex) {
            m.put("details", Map.of());
        }
        return m;
    }
}
