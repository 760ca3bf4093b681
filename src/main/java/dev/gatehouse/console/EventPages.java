package dev.gatehouse.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.admin.UserService;
import dev.gatehouse.console.Console.Action;
import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.NotFoundException;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.ValidationErrors;
import dev.gatehouse.store.AuditStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The console's audit log: the tenant's events, newest first, 20 to a page, filtered by actor (a user's
 * email or any actor's ID), action and a time range given in UTC. Read-only, so it reads the log's
 * store as the admin API does.
 */
public final class EventPages {
    private static final String BASE = ConsoleSessions.PATH + "/events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditStore events;
    private final UserService users;

    public EventPages(AuditStore events, UserService users) {
        this.events = events;
        this.users = users;
    }

    void register(RoutesConfig r, Function<Action, Handler> guard) {
        r.get(BASE, guard.apply(this::list));
    }

    private void list(Context ctx, ConsoleSession s) {
        var errors = new ValidationErrors();
        String actor = Forms.query(ctx, "actor");
        String action = Forms.query(ctx, "action");
        Instant from = Forms.utcTime(ctx, "from", errors);
        Instant to = Forms.utcTime(ctx, "to", errors);
        int page = Forms.page(ctx);

        var shown = new LinkedHashMap<String, String>();
        shown.put("actor", actor);
        shown.put("action", action);
        shown.put("from", Forms.query(ctx, "from"));
        shown.put("to", Forms.query(ctx, "to"));
        Map<String, Object> params = ConsoleView.params(s);
        params.put("filter", shown);
        params.put("filters", Forms.filters(shown));
        params.put("errors", Forms.firstErrors(errors.asMap()));
        params.put("page", page);
        params.put("pageSize", Forms.PAGE_SIZE);
        if (!errors.isEmpty()) {
            params.put("rows", List.of());
            params.put("total", 0L);
            ConsoleView.render(ctx, 400, "events", params);
            return;
        }
        var filter = new AuditStore.Filter(s.tenant().id(), false, actorId(s, actor), action, from, to);
        List<AuditEvent> found = events.find(filter, (page - 1) * Forms.PAGE_SIZE, Forms.PAGE_SIZE);
        params.put("rows", rows(s, found));
        params.put("total", events.count(filter));
        ConsoleView.render(ctx, 200, "events", params);
    }

    /** The log names a user by ID; an administrator may type their email instead. */
    private String actorId(ConsoleSession s, String actor) {
        if (actor == null || !actor.contains("@")) return actor;
        return users.byEmail(s.tenant(), actor).map(User::id).orElse(actor);
    }

    /** An event as the page shows it: a user actor's email, so that a person sees who rather than an ID. */
    public record Row(AuditEvent event, String actorEmail, List<String> details) {}

    private List<Row> rows(ConsoleSession s, List<AuditEvent> found) {
        var emails = new HashMap<String, Optional<String>>();
        var rows = new ArrayList<Row>();
        for (AuditEvent e : found) {
            Optional<String> email = Actor.USER.equals(e.actorType())
                    ? emails.computeIfAbsent(e.actor(), id -> email(s, id)) : Optional.empty();
            rows.add(new Row(e, email.orElse(null), details(e.details())));
        }
        return rows;
    }

    /** The email of a user; none for one deleted or of another tenant, whose ID is all there is. */
    private Optional<String> email(ConsoleSession s, String userId) {
        try {
            return Optional.of(users.get(s.tenant(), userId).email());
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    /** The details as "name: value" lines, which wrap where raw JSON would not. */
    private static List<String> details(String json) {
        if (json == null || json.isEmpty()) return List.of();
        try {
            var lines = new ArrayList<String>();
            JSON.readTree(json).properties().forEach(field -> lines.add(field.getKey() + ": " + value(field.getValue())));
            return lines;
        } catch (JsonProcessingException e) {
            return List.of(json);
        }
    }

    private static String value(JsonNode v) {
        if (v.isArray()) {
            var items = new ArrayList<String>();
            v.forEach(item -> items.add(value(item)));
            return items.isEmpty() ? "none" : String.join(", ", items);
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
