package dev.gatehouse.crypto;

import de.mkammerer.argon2.jna.Argon2Library;
import de.mkammerer.argon2.jna.JnaUint32;
import de.mkammerer.argon2.jna.Size_t;

/**
 * Argon2id computed by the reference C implementation (libargon2, bundled for the common platforms by
 * argon2-jvm, or the system's libargon2, called through JNA): faster than {@link Argon2id} on the same
 * core (bench/RESULTS.md), and a hash's memory is allocated, wiped and freed outside the Java heap.
 * Same tags as {@link Argon2id} (the tests compare the two).
 */
final class NativeArgon2id {
    private static final Throwable UNAVAILABLE = load();

    private NativeArgon2id() {}

    private static Throwable load() {
        try {
            byte[] tag = new byte[32];
            int status = Argon2Library.INSTANCE.argon2id_hash_raw(new JnaUint32(1), new JnaUint32(8), new JnaUint32(1),
                    new byte[1], new Size_t(1), new byte[8], new Size_t(8), tag, new Size_t(tag.length));
            return status == Argon2Library.ARGON2_OK ? null : new IllegalStateException("libargon2 status " + status);
        } catch (Throwable notLoadable) {
            // Another platform, no native access, or no writable directory to unpack the library to.
            return notLoadable;
        }
    }

    /** Why the library is not usable here, or null when it is. */
    static Throwable unavailable() {
        return UNAVAILABLE;
    }

    /** The {@code tagLength}-byte tag of {@code password}; the parameters as for {@link Argon2id#hash}. */
    static byte[] hash(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int tagLength) {
        if (UNAVAILABLE != null) throw new IllegalStateException("libargon2 is not available", UNAVAILABLE);
        byte[] tag = new byte[tagLength];
        int status = Argon2Library.INSTANCE.argon2id_hash_raw(new JnaUint32(iterations), new JnaUint32(memoryKib),
                new JnaUint32(parallelism), password, new Size_t(password.length), salt, new Size_t(salt.length),
                tag, new Size_t(tagLength));
        if (status != Argon2Library.ARGON2_OK) {
            throw new IllegalArgumentException("libargon2: " + Argon2Library.INSTANCE.argon2_error_message(status));
        }
        return tag;
    }
}
