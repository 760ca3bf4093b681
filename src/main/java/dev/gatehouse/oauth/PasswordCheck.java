package dev.gatehouse.oauth;

import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.domain.User;
import dev.gatehouse.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Checks the password a person presents, for both ways of presenting one: the sign-in pages and the
 * password grant. An account that does not exist costs the time of a real check, so timing does not
 * tell which emails do. After a successful check against a hash made with other Argon2 parameters
 * than the current ones, the password is hashed again and stored, so that changed settings reach
 * existing accounts at their next sign-in.
 */
public final class PasswordCheck {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordCheck.class);

    private final PasswordHasher passwords;
    private final UserStore users;

    public PasswordCheck(PasswordHasher passwords, UserStore users) {
        this.passwords = passwords;
        this.users = users;
    }

    /** True when the user exists, is enabled and this is their password. */
    public boolean passes(Optional<User> user, String password) {
        if (user.isEmpty()) {
            passwords.verifyDecoy(password);
            return false;
        }
        User u = user.get();
        if (!passwords.verify(password, u.passwordHash()) || !u.enabled()) return false;
        if (passwords.outdated(u.passwordHash())) rehash(u, password);
        return true;
    }

    /** The sign-in goes on whatever happens here: the old hash stays valid. */
    private void rehash(User u, String password) {
        try {
            if (!users.replacePasswordHash(u.tenantId(), u.id(), u.passwordHash(), passwords.hash(password))) {
                LOG.info("password of user {} changed during its sign-in; its new hash stays", u.id());
            }
        } catch (RuntimeException e) {
            // The exception's class only: a database's message may quote the values of the statement.
            LOG.warn("password hash of user {} not brought to the current parameters ({})", u.id(), e.getClass().getName());
        }
    }
}
