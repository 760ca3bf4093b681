package dev.gatehouse.admin;

import dev.gatehouse.domain.Tenant;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Installation API {@code /api/adminapi2/v1/tenants}: installation administrators manage tenants. */
public final class TenantsResource {
    private static final Set<String> CREATE_FIELDS = Set.of("name", "displayName");
    private static final Set<String> PATCH_FIELDS = Set.of("displayName", "enabled");

    private final TenantService tenants;
    private final AdminAccess access;

    public TenantsResource(TenantService tenants, AdminAccess access) {
        this.tenants = tenants;
        this.access = access;
    }

    public void list(Context ctx) {
        access.installationAdministrator(ctx);
        var query = ListQuery.from(ctx);
        var page = tenants.list(query.search(), query.offset(), query.limit());
        ListQuery.totalCount(ctx, page);
        ctx.json(page.items().stream().map(TenantsResource::render).toList());
    }

    public void create(Context ctx) {
        var principal = access.installationAdministrator(ctx);
        var json = JsonRequest.read(ctx, CREATE_FIELDS);
        var name = json.string("name");
        if (!json.has("name")) json.error("name", "is required");
        var displayName = json.string("displayName");
        json.finish();
        Tenant tenant = tenants.create(name.get(), displayName.orElse(null), principal.actor());
        ctx.status(201).header("Location", ListQuery.memberLocation(ctx, tenant.id())).json(render(tenant));
    }

    public void get(Context ctx) {
        access.installationAdministrator(ctx);
        ctx.json(render(tenants.get(ctx.pathParam("tenant"))));
    }

    public void patch(Context ctx) {
        var principal = access.installationAdministrator(ctx);
        Tenant tenant = tenants.get(ctx.pathParam("tenant"));
        var json = JsonRequest.read(ctx, PATCH_FIELDS);
        var displayName = json.string("displayName");
        var enabled = json.bool("enabled");
        json.finish();
        ctx.json(render(tenants.update(tenant, displayName, enabled, principal.actor())));
    }

    public void delete(Context ctx) {
        var principal = access.installationAdministrator(ctx);
        tenants.delete(tenants.get(ctx.pathParam("tenant")), principal.actor());
        ctx.status(204);
    }

    static Map<String, Object> render(Tenant t) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("displayName", t.displayName());
        m.put("enabled", t.enabled());
        m.put("created", t.created().toString());
        return m;
    }
}
