package dev.gatehouse.domain;

import java.time.Instant;

/** Who did what, when and from where. {@code tenantId} is null for installation-level events. */
public record AuditEvent(long id, String tenantId, Instant occurredAt, String actor, String actorType,
                         String action, String targetType, String targetId, String ip, String details) {
}
