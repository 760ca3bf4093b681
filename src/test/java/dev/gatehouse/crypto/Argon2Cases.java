package dev.gatehouse.crypto;

import java.util.Random;

/** The Argon2id parameter sets, with random passwords and salts, over which the implementations are compared. */
final class Argon2Cases {
    /** m (KiB), t, p, tag length: one and several lanes, sizes that do not divide evenly, tags beyond 64 bytes. */
    private static final int[][] PARAMETERS = {
            {8, 1, 1, 32}, {16, 1, 2, 32}, {64, 3, 1, 16}, {64, 2, 4, 32}, {100, 2, 3, 64}, {256, 1, 1, 65},
            {256, 2, 1, 128}, {1024, 1, 1, 32}, {1024, 3, 2, 32}, {4096, 2, 1, 32}, {300, 4, 5, 40},
    };

    interface Check {
        void run(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int tagLength);
    }

    private Argon2Cases() {}

    /** Runs {@code check} three times per parameter set, with inputs drawn from {@code seed}. */
    static void forEach(long seed, Check check) {
        var random = new Random(seed);
        for (int[] c : PARAMETERS) {
            for (int trial = 0; trial < 3; trial++) {
                byte[] password = new byte[random.nextInt(40)];
                byte[] salt = new byte[8 + random.nextInt(24)];
                random.nextBytes(password);
                random.nextBytes(salt);
                check.run(password, salt, c[0], c[1], c[2], c[3]);
            }
        }
    }
}
