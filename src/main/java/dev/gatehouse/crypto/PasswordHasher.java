package dev.gatehouse.crypto;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.gatehouse.config.Settings;

/**
 * Argon2id password hashes in PHC string form ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}).
 * Hashes made with older parameters still verify; the parameters come from the hash itself.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Function function;
    /** Verified against when an account does not exist, so timing does not reveal which emails do. */
    private final String decoyHash;

    public PasswordHasher(Settings.PasswordHashing params) {
        this.function = Argon2Function.getInstance(params.memoryKib(), params.iterations(), params.parallelism(),
                HASH_BYTES, Argon2.ID);
        this.decoyHash = hash(RandomValues.secret());
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult();
    }

    public boolean verify(String password, String storedHash) {
        if (storedHash == null) {
            verifyDecoy(password);
            return false;
        }
        try {
            return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
        } catch (RuntimeException malformedHash) {
            return false;
        }
    }

    /** Spends the time of one verification without any account behind it. */
    public void verifyDecoy(String password) {
        Password.check(password, decoyHash).with(function);
    }
}
