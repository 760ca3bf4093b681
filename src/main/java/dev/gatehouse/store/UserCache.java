package dev.gatehouse.store;

import dev.gatehouse.domain.User;

import java.time.Duration;
import java.util.Optional;

/**
 * Users by id with their roles, for the token grants and userinfo, which read the user of a refresh
 * token, a code or an access token on every request: a cached user costs no database round trip (a
 * refresh rotation otherwise spends two of its six on it). Local changes invalidate at once, other
 * nodes learn of them through the {@link ChangeFeed} ({@link FeedCache}), so a disabled user's next
 * refresh fails on another node after its next poll at the latest. An entry lives up to
 * {@link #MAX_AGE}. A cached user has no password hash: nothing that reads this cache checks passwords, and
 * the hashes stay out of long-lived memory. At most {@link #MAX_USERS} users are kept.
 */
public final class UserCache {
    static final Duration MAX_AGE = Duration.ofHours(1);
    static final int MAX_USERS = 50_000;

    private final UserStore store;
    private final FeedCache<Optional<User>> cache;

    /** Entries and change events name a user as tenant id, '/', user id. */
    private static String key(String tenantId, String id) {
        return tenantId + "/" + id;
    }

    public UserCache(UserStore store, ChangeFeed changes) {
        this.store = store;
        this.cache = new FeedCache<>(changes, ChangeFeed.Kind.USER, MAX_AGE, MAX_USERS, this::load);
    }

    /** The tenant's user with this id. */
    public Optional<User> find(String tenantId, String id) {
        return cache.get(key(tenantId, id));
    }

    /** The user changed (or was deleted): drop it here now, and on the other nodes at their next poll. */
    public void invalidate(String tenantId, String id) {
        cache.invalidate(key(tenantId, id));
    }

    private Optional<User> load(String key) {
        int slash = key.indexOf('/');
        return store.byId(key.substring(0, slash), key.substring(slash + 1)).map(UserCache::withoutHash);
    }

    private static User withoutHash(User u) {
        return new User(u.id(), u.tenantId(), u.email(), u.displayName(), null, u.enabled(), u.installationAdmin(),
                u.roles(), u.created(), u.updated());
    }
}
