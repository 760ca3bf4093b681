package dev.gatehouse.admin;

import dev.gatehouse.domain.ClientBuilder;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.LinkedHashMap;

/** {@code …/clients} and {@code …/clients/{clientId}}: list, create, read, replace, patch, delete. */
public final class ClientsResource {
    private final ClientService clients;
    private final ClientOwner.Resolver owner;
    private final Clock clock;

    public ClientsResource(ClientService clients, ClientOwner.Resolver owner, Clock clock) {
        this.clients = clients;
        this.owner = owner;
        this.clock = clock;
    }

    public void list(Context ctx) {
        var o = owner.resolve(ctx);
        var query = ListQuery.from(ctx);
        var page = clients.list(o.tenant(), query.search(), query.offset(), query.limit());
        ListQuery.totalCount(ctx, page);
        ctx.json(page.items().stream().map(c -> ClientJson.render(clients.withWarnings(o.tenant(), c))).toList());
    }

    public void create(Context ctx) {
        var o = owner.resolve(ctx);
        var json = JsonRequest.read(ctx, ClientJson.FIELDS);
        ClientBuilder draft = clients.draft(o.tenant());
        ClientJson.apply(json, draft);
        json.finish(clients.check(o.tenant(), draft));
        var saved = clients.create(o.tenant(), draft, o.actor());
        var body = new LinkedHashMap<>(ClientJson.render(saved));
        saved.firstSecret().ifPresent(s -> body.put("secret", ClientJson.render(s, clock)));
        ctx.status(201).header("Location", ListQuery.memberLocation(ctx, saved.client().clientId())).json(body);
    }

    public void get(Context ctx) {
        var o = owner.resolve(ctx);
        var client = clients.get(o.tenant(), ctx.pathParam("clientId"));
        ctx.json(ClientJson.render(clients.withWarnings(o.tenant(), client)));
    }

    /** PUT: every field not in the body returns to its default. */
    public void replace(Context ctx) {
        var o = owner.resolve(ctx);
        var existing = clients.get(o.tenant(), ctx.pathParam("clientId"));
        var json = JsonRequest.read(ctx, ClientJson.FIELDS);
        ClientBuilder draft = clients.draft(o.tenant());
        draft.clientId = existing.clientId();
        ClientJson.apply(json, draft);
        json.finish(clients.check(o.tenant(), draft));
        ctx.json(ClientJson.render(clients.update(o.tenant(), existing, draft, o.actor())));
    }

    /** PATCH: only the fields in the body change. */
    public void patch(Context ctx) {
        var o = owner.resolve(ctx);
        var existing = clients.get(o.tenant(), ctx.pathParam("clientId"));
        var json = JsonRequest.read(ctx, ClientJson.FIELDS);
        ClientBuilder draft = ClientBuilder.from(existing);
        ClientJson.apply(json, draft);
        json.finish(clients.check(o.tenant(), draft));
        ctx.json(ClientJson.render(clients.update(o.tenant(), existing, draft, o.actor())));
    }

    public void delete(Context ctx) {
        var o = owner.resolve(ctx);
        clients.delete(o.tenant(), ctx.pathParam("clientId"), o.actor());
        ctx.status(204);
    }
}
