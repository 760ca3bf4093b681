package dev.gatehouse.console;

import dev.gatehouse.admin.TenantService;
import dev.gatehouse.admin.UserService;
import dev.gatehouse.admin.UserService.Changes;
import dev.gatehouse.console.Console.Action;
import dev.gatehouse.domain.ConflictException;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.ValidationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The console's user pages: the list with search and paging, Create user, and a user's page with their
 * display name and roles, Disable/Enable, Reset password and Delete. Every change goes through
 * {@link UserService}, which validates and audits it, and refuses to take away the tenant's last
 * enabled Tenant Administrator: that refusal is shown on the page.
 */
public final class UserPages {
    private static final String BASE = ConsoleSessions.PATH + "/users";

    private static final Map<String, String> NOTICES = Map.of(
            "created", "The user was created.",
            "saved", "The user's display name and roles were saved.",
            "enabled", "The user is enabled.",
            "disabled", "The user is disabled: they can no longer sign in.",
            "password", "The password was reset.",
            "deleted", "The user was deleted.");

    private final UserService users;
    private final TenantService tenants;

    public UserPages(UserService users, TenantService tenants) {
        this.users = users;
        this.tenants = tenants;
    }

    void register(RoutesConfig r, Function<Action, Handler> guard) {
        String one = BASE + "/{userId}";
        r.get(BASE, guard.apply(this::list));
        r.get(BASE + "/new", guard.apply((ctx, s) -> newUser(ctx, s, Map.of(), Map.of(), List.of(), 200)));
        r.post(BASE, guard.apply(this::create));
        r.get(one, guard.apply((ctx, s) -> show(ctx, s, user(ctx, s), Map.of(), Forms.notice(ctx, NOTICES), 200)));
        r.post(one + "/profile", guard.apply(this::saveProfile));
        r.post(one + "/enabled", guard.apply(this::setEnabled));
        r.post(one + "/password", guard.apply(this::resetPassword));
        r.get(one + "/delete", guard.apply(this::confirmDelete));
        r.post(one + "/delete", guard.apply(this::delete));
    }

    private void list(Context ctx, ConsoleSession s) {
        ConsoleView.renderSearch(ctx, s, "users", NOTICES,
                (search, offset, limit) -> users.list(s.tenant(), search, offset, limit));
    }

    /** The Create user form; {@code values} are what was typed (never the password), {@code checked} the roles. */
    private void newUser(Context ctx, ConsoleSession s, Map<String, String> values, Map<String, String> errors,
                         List<String> checked, int status) {
        Map<String, Object> params = ConsoleView.params(s);
        params.put("values", values);
        params.put("checked", checked);
        params.put("roles", roleNames(s));
        params.put("errors", errors);
        ConsoleView.render(ctx, status, "user-new", params);
    }

    private void create(Context ctx, ConsoleSession s) {
        var email = Forms.text(ctx, "email");
        var displayName = Forms.text(ctx, "displayName");
        List<String> roles = Forms.all(ctx, "role");
        var changes = new Changes(email, displayName, Forms.exact(ctx, "password"), Optional.of(roles), Optional.empty());
        try {
            User user = users.create(s.tenant(), changes, false, s.actor());
            ctx.redirect(userPath(user) + "?done=created", HttpStatus.SEE_OTHER);
        } catch (ValidationException | ConflictException e) {
            Map<String, String> values = Map.of("email", email.orElse(""), "displayName", displayName.orElse(""));
            // The one conflict of a create is an email already taken.
            var errors = e instanceof ValidationException v ? Forms.firstErrors(v.errors())
                    : Map.of("email", "is already used by another user of this tenant");
            newUser(ctx, s, values, errors, roles, status(e));
        }
    }

    private User user(Context ctx, ConsoleSession s) {
        return users.get(s.tenant(), ctx.pathParam("userId"));
    }

    private void show(Context ctx, ConsoleSession s, User user, Map<String, String> errors, String notice, int status) {
        Map<String, Object> params = ConsoleView.params(s);
        params.put("user", user);
        params.put("roles", roleNames(s));
        params.put("errors", errors);
        params.put("notice", notice);
        params.put("self", user.id().equals(s.user().id()));
        ConsoleView.render(ctx, status, "user", params);
    }

    /**
     * Makes {@code changes} to the user and goes back to their page with the {@code done} notice, or shows
     * the page again with what was refused: a field's error next to it, the service's conflict next to
     * {@code conflictField}.
     */
    private void change(Context ctx, ConsoleSession s, String done, String conflictField, Changes changes) {
        User existing = user(ctx, s);
        try {
            users.update(s.tenant(), existing.id(), changes, s.actor());
            ctx.redirect(userPath(existing) + "?done=" + done, HttpStatus.SEE_OTHER);
        } catch (ValidationException | ConflictException e) {
            show(ctx, s, existing, errors(e, conflictField), null, status(e));
        }
    }

    private void saveProfile(Context ctx, ConsoleSession s) {
        change(ctx, s, "saved", "roles", new Changes(Optional.empty(), Optional.of(Forms.text(ctx, "displayName").orElse("")),
                Optional.empty(), Optional.of(Forms.all(ctx, "role")), Optional.empty()));
    }

    private void setEnabled(Context ctx, ConsoleSession s) {
        boolean enable = "true".equals(ctx.formParam("enabled"));
        change(ctx, s, enable ? "enabled" : "disabled", "enabled",
                new Changes(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(enable)));
    }

    private void resetPassword(Context ctx, ConsoleSession s) {
        User existing = user(ctx, s);
        try {
            users.setPassword(s.tenant(), existing.id(), Forms.exact(ctx, "password").orElse(""), s.actor());
            ctx.redirect(userPath(existing) + "?done=password", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            show(ctx, s, existing, errors(e, "password"), null, status(e));
        }
    }

    private void confirmDelete(Context ctx, ConsoleSession s) {
        User user = user(ctx, s);
        boolean self = user.id().equals(s.user().id());
        ConsoleView.confirm(ctx, s, "Delete user", "Delete " + user.email() + "? They can no longer sign in."
                        + (self ? " This is you: you will be signed out." : ""),
                ctx.path(), userPath(user), "Delete user");
    }

    private void delete(Context ctx, ConsoleSession s) {
        User existing = user(ctx, s);
        try {
            users.delete(s.tenant(), existing.id(), s.actor());
            ctx.redirect(BASE + "?done=deleted", HttpStatus.SEE_OTHER);
        } catch (ConflictException e) {
            show(ctx, s, existing, errors(e, "delete"), null, status(e));
        }
    }

    /** The messages to show next to the fields: a validation's per field, a conflict's on {@code conflictField}. */
    private static Map<String, String> errors(RuntimeException e, String conflictField) {
        return e instanceof ValidationException v ? Forms.firstErrors(v.errors()) : Map.of(conflictField, e.getMessage());
    }

    private static int status(RuntimeException e) {
        return e instanceof ConflictException ? 409 : 400;
    }

    private List<String> roleNames(ConsoleSession s) {
        return tenants.roles(s.tenant()).stream().map(Role::name).toList();
    }

    private static String userPath(User user) {
        return BASE + "/" + user.id();
    }
}
