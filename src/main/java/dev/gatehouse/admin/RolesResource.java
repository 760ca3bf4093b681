package dev.gatehouse.admin;

import dev.gatehouse.domain.Role;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code …/roles}: the tenant's built-in and custom roles; create a custom one. */
public final class RolesResource {
    private static final Set<String> FIELDS = Set.of("name", "description");

    private final TenantService tenants;
    private final AdminAccess access;

    public RolesResource(TenantService tenants, AdminAccess access) {
        this.tenants = tenants;
        this.access = access;
    }

    public void list(Context ctx) {
        var scope = access.tenant(ctx);
        ctx.json(tenants.roles(scope.tenant()).stream().map(RolesResource::render).toList());
    }

    public void create(Context ctx) {
        var scope = access.tenant(ctx);
        var json = JsonRequest.read(ctx, FIELDS);
        var name = json.string("name");
        if (!json.has("name")) json.error("name", "is required");
        String description = json.has("description") ? json.nullableString("description") : null;
        json.finish();
        Role role = tenants.createRole(scope.tenant(), name.get(), description, scope.principal().actor());
        ctx.status(201).json(render(role));
    }

    private static Map<String, Object> render(Role r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", r.name());
        m.put("description", r.description());
        m.put("builtIn", r.builtIn());
        return m;
    }
}
