package dev.gatehouse.admin;

import dev.gatehouse.admin.UserService.Changes;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.User;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code …/users}: list, create, read, replace, patch, delete, and {@code /password}. */
public final class UsersResource {
    private static final Set<String> FIELDS = Set.of("email", "displayName", "password", "roles", "enabled",
            "id", "installationAdministrator", "hasPassword", "created", "updated");
    private static final Set<String> PASSWORD_FIELDS = Set.of("password");

    private final UserService users;
    private final AdminAccess access;

    public UsersResource(UserService users, AdminAccess access) {
        this.users = users;
        this.access = access;
    }

    public void list(Context ctx) {
        var scope = access.tenant(ctx);
        var query = ListQuery.from(ctx);
        var page = users.list(scope.tenant(), query.search(), query.offset(), query.limit());
        ListQuery.totalCount(ctx, page);
        ctx.json(page.items().stream().map(UsersResource::render).toList());
    }

    public void create(Context ctx) {
        var scope = access.tenant(ctx);
        var changes = read(ctx, scope.tenant(), null);
        var user = users.create(scope.tenant(), changes, false, scope.principal().actor());
        ctx.status(201).header("Location", ListQuery.memberLocation(ctx, user.id())).json(render(user));
    }

    public void get(Context ctx) {
        var scope = access.tenant(ctx);
        ctx.json(render(users.get(scope.tenant(), ctx.pathParam("userId"))));
    }

    /** PUT: displayName, roles and enabled return to their defaults when absent; the password is kept. */
    public void replace(Context ctx) {
        var scope = access.tenant(ctx);
        var existing = users.get(scope.tenant(), ctx.pathParam("userId"));
        var c = read(ctx, scope.tenant(), existing);
        var full = new Changes(c.email().or(() -> Optional.of(existing.email())),
                c.displayName().or(c::email).or(() -> Optional.of(existing.email())), c.password(),
                c.roles().or(() -> Optional.of(List.of())), c.enabled().or(() -> Optional.of(true)));
        ctx.json(render(users.update(scope.tenant(), existing.id(), full, scope.principal().actor())));
    }

    public void patch(Context ctx) {
        var scope = access.tenant(ctx);
        var existing = users.get(scope.tenant(), ctx.pathParam("userId"));
        var changes = read(ctx, scope.tenant(), existing);
        ctx.json(render(users.update(scope.tenant(), existing.id(), changes, scope.principal().actor())));
    }

    public void delete(Context ctx) {
        var scope = access.tenant(ctx);
        users.delete(scope.tenant(), ctx.pathParam("userId"), scope.principal().actor());
        ctx.status(204);
    }

    public void setPassword(Context ctx) {
        var scope = access.tenant(ctx);
        String userId = ctx.pathParam("userId");
        users.get(scope.tenant(), userId);
        var json = JsonRequest.read(ctx, PASSWORD_FIELDS);
        var password = json.string("password");
        if (password.isEmpty() && !json.has("password")) json.error("password", "is required");
        json.finish();
        users.setPassword(scope.tenant(), userId, password.get(), scope.principal().actor());
        ctx.status(204);
    }

    private Changes read(Context ctx, Tenant tenant, User existing) {
        var json = JsonRequest.read(ctx, FIELDS);
        var changes = new Changes(json.string("email"), json.string("displayName"), json.string("password"),
                json.stringList("roles"), json.bool("enabled"));
        // Read-only fields sent back from a GET are ignored, but a wrong type is still an error.
        json.string("id");
        json.bool("installationAdministrator");
        json.bool("hasPassword");
        json.instant("created");
        json.instant("updated");
        json.finish(users.check(tenant, existing, changes));
        return changes;
    }

    static Map<String, Object> render(User u) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", u.id());
        m.put("email", u.email());
        m.put("displayName", u.displayName());
        m.put("enabled", u.enabled());
        m.put("roles", u.roles());
        m.put("installationAdministrator", u.installationAdmin());
        m.put("hasPassword", u.hasPassword());
        m.put("created", u.created().toString());
        m.put("updated", u.updated().toString());
        return m;
    }
}
