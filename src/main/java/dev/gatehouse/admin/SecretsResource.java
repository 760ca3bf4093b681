package dev.gatehouse.admin;

import io.javalin.http.Context;

import java.time.Clock;

/** {@code …/clients/{clientId}/secrets}: list, create (the value is shown once), delete. */
public final class SecretsResource {
    private final ClientService clients;
    private final ClientOwner.Resolver owner;
    private final Clock clock;

    public SecretsResource(ClientService clients, ClientOwner.Resolver owner, Clock clock) {
        this.clients = clients;
        this.owner = owner;
        this.clock = clock;
    }

    public void list(Context ctx) {
        var o = owner.resolve(ctx);
        ctx.json(clients.secrets(o.tenant(), ctx.pathParam("clientId")).stream()
                .map(s -> ClientJson.render(s, clock)).toList());
    }

    public void create(Context ctx) {
        var o = owner.resolve(ctx);
        String clientId = ctx.pathParam("clientId");
        clients.get(o.tenant(), clientId);
        var json = JsonRequest.read(ctx, ClientJson.SECRET_FIELDS);
        String description = json.has("description") ? json.nullableString("description") : null;
        var startTime = json.instant("startTime").orElse(null);
        var expiration = json.instant("expiration").orElse(null);
        json.finish();
        var issued = clients.addSecret(o.tenant(), clientId, description, startTime, expiration, o.actor());
        ctx.status(201).header("Location", ListQuery.memberLocation(ctx, issued.secret().id()))
                .json(ClientJson.render(issued, clock));
    }

    public void delete(Context ctx) {
        var o = owner.resolve(ctx);
        clients.deleteSecret(o.tenant(), ctx.pathParam("clientId"), ctx.pathParam("secretId"), o.actor());
        ctx.status(204);
    }
}
