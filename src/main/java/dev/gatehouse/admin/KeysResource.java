package dev.gatehouse.admin;

import dev.gatehouse.store.SigningKeyStore.StoredKey;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code …/keys}: the tenant's signing keys (never their private halves), and rotation on demand. */
public final class KeysResource {
    private static final Set<String> ROTATE_FIELDS = Set.of("immediate");

    private final KeyService keys;
    private final AdminAccess access;
    private final Clock clock;

    public KeysResource(KeyService keys, AdminAccess access, Clock clock) {
        this.keys = keys;
        this.access = access;
        this.clock = clock;
    }

    public void list(Context ctx) {
        var scope = access.tenant(ctx);
        Instant now = clock.instant();
        ctx.json(keys.list(scope.tenant()).stream().map(k -> render(k, now)).toList());
    }

    /** The body is optional: none (or an empty one) rotates with the lead time. */
    public void rotate(Context ctx) {
        var scope = access.tenant(ctx);
        boolean immediate = false;
        if (ctx.bodyAsBytes().length > 0) {
            var json = JsonRequest.read(ctx, ROTATE_FIELDS);
            var flag = json.bool("immediate");
            json.finish();
            immediate = flag.orElse(false);
        }
        StoredKey key = keys.rotate(scope.tenant(), immediate, scope.principal().actor());
        ctx.status(201).json(render(key, clock.instant()));
    }

    static Map<String, Object> render(StoredKey k, Instant now) {
        var m = new LinkedHashMap<String, Object>();
        m.put("kid", k.kid());
        m.put("algorithm", k.algorithm().name());
        m.put("status", k.status(now).name().toLowerCase(Locale.ROOT));
        m.put("created", k.created().toString());
        m.put("activatesAt", k.activatesAt().toString());
        m.put("retiresAt", k.retiresAt() == null ? null : k.retiresAt().toString());
        m.put("expiresAt", k.expiresAt() == null ? null : k.expiresAt().toString());
        return m;
    }
}
