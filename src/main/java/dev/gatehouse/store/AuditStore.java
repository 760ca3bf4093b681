package dev.gatehouse.store;

import dev.gatehouse.domain.AuditEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The append-only audit log. */
public final class AuditStore {

    /** Filters for reading the log; null fields do not filter. */
    public record Filter(String tenantId, boolean installationOnly, String actor, String action,
                         Instant from, Instant to) {}

    private static final String COLUMNS =
            "id, tenant_id, occurred_at, actor, actor_type, action, target_type, target_id, ip, details";

    private final Database db;

    public AuditStore(Database db) {
        this.db = db;
    }

    public void append(AuditEvent e) {
        db.update("INSERT INTO audit_events (tenant_id, occurred_at, actor, actor_type, action, target_type,"
                        + " target_id, ip, details) VALUES (?,?,?,?,?,?,?,?,?)",
                e.tenantId(), e.occurredAt(), e.actor(), e.actorType(), e.action(), e.targetType(), e.targetId(),
                e.ip(), e.details());
    }

    public List<AuditEvent> find(Filter filter, int offset, int limit) {
        var params = new ArrayList<>();
        String where = where(filter, params);
        params.add(offset);
        params.add(limit);
        return db.query("SELECT " + COLUMNS + " FROM audit_events WHERE " + where
                        + " ORDER BY occurred_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                rs -> new AuditEvent(rs.getLong("id"), rs.getString("tenant_id"), Database.instant(rs, "occurred_at"),
                        rs.getString("actor"), rs.getString("actor_type"), rs.getString("action"),
                        rs.getString("target_type"), rs.getString("target_id"), rs.getString("ip"),
                        rs.getString("details")),
                params.toArray());
    }

    public long count(Filter filter) {
        var params = new ArrayList<>();
        return db.count("SELECT COUNT(*) FROM audit_events WHERE " + where(filter, params), params.toArray());
    }

    private static String where(Filter f, List<Object> params) {
        var clauses = new ArrayList<String>();
        if (f.installationOnly()) {
            clauses.add("tenant_id IS NULL");
        } else if (f.tenantId() != null) {
            clauses.add("tenant_id = ?");
            params.add(f.tenantId());
        }
        if (f.actor() != null) {
            clauses.add("actor = ?");
            params.add(f.actor());
        }
        if (f.action() != null) {
            clauses.add("action = ?");
            params.add(f.action());
        }
        if (f.from() != null) {
            clauses.add("occurred_at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            clauses.add("occurred_at < ?");
            params.add(f.to());
        }
        return clauses.isEmpty() ? "1 = 1" : String.join(" AND ", clauses);
    }
}
