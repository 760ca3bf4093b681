package dev.gatehouse.crypto;

import org.bouncycastle.crypto.digests.Blake2bDigest;

import java.util.Arrays;

/**
 * Argon2id, version 0x13 (RFC 9106), without secret or associated data, filling memory the caller
 * lends. Bouncy Castle's generator, which computes the same hashes (the tests compare the two),
 * allocates its {@code m} KiB afresh for every hash as {@code m} separate 1 KiB blocks; at 19 MiB
 * per sign-in that churn, not the arithmetic, was most of a hash's cost and of the server's memory
 * under sign-in load (bench/RESULTS.md). Lanes are filled one after the other, which gives the same
 * result as filling them in parallel. Blake2b is Bouncy Castle's.
 */
final class Argon2id {
    static final int BLOCK_WORDS = 128;
    private static final int BLOCK_BYTES = 8 * BLOCK_WORDS;
    private static final int SYNC_POINTS = 4;
    private static final int VERSION = 0x13;
    private static final int TYPE_ID = 2;

    private Argon2id() {}

    /** The 64-bit words of memory a hash with these parameters fills. */
    static int memoryWords(int memoryKib, int parallelism) {
        return segmentLength(memoryKib, parallelism) * SYNC_POINTS * parallelism * BLOCK_WORDS;
    }

    /**
     * The {@code tagLength}-byte tag of {@code password}; {@code memory} holds at least
     * {@link #memoryWords} words and is left holding intermediate blocks.
     */
    static byte[] hash(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int tagLength,
                       long[] memory) {
        int segment = segmentLength(memoryKib, parallelism);
        int laneLength = segment * SYNC_POINTS;
        int blocks = laneLength * parallelism;
        if (memory.length < blocks * BLOCK_WORDS) throw new IllegalArgumentException("memory too small");

        byte[] seed = Arrays.copyOf(initialHash(password, salt, memoryKib, iterations, parallelism, tagLength), 72);
        byte[] block = new byte[BLOCK_BYTES];
        for (int lane = 0; lane < parallelism; lane++) {
            for (int column = 0; column < 2; column++) {
                putInt(seed, 64, column);
                putInt(seed, 68, lane);
                variableLengthHash(seed, block);
                load(block, memory, (lane * laneLength + column) * BLOCK_WORDS);
            }
        }
        var scratch = new Scratch();
        for (int pass = 0; pass < iterations; pass++) {
            for (int slice = 0; slice < SYNC_POINTS; slice++) {
                for (int lane = 0; lane < parallelism; lane++) {
                    fillSegment(memory, pass, slice, lane, parallelism, segment, blocks, iterations, scratch);
                }
            }
        }
        long[] last = Arrays.copyOfRange(memory, (laneLength - 1) * BLOCK_WORDS, laneLength * BLOCK_WORDS);
        for (int lane = 1; lane < parallelism; lane++) {
            int offset = (lane * laneLength + laneLength - 1) * BLOCK_WORDS;
            for (int k = 0; k < BLOCK_WORDS; k++) last[k] ^= memory[offset + k];
        }
        byte[] tag = new byte[tagLength];
        variableLengthHash(store(last), tag);
        return tag;
    }

    private static int segmentLength(int memoryKib, int parallelism) {
        return Math.max(memoryKib, 2 * SYNC_POINTS * parallelism) / (SYNC_POINTS * parallelism);
    }

    /** H0: Blake2b-512 over the parameters, the password and the salt. */
    private static byte[] initialHash(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                      int tagLength) {
        var h = new Blake2bDigest(512);
        for (int value : new int[] {parallelism, tagLength, memoryKib, iterations, VERSION, TYPE_ID}) update(h, value);
        update(h, password.length);
        h.update(password, 0, password.length);
        update(h, salt.length);
        h.update(salt, 0, salt.length);
        update(h, 0); // no secret
        update(h, 0); // no associated data
        byte[] out = new byte[64];
        h.doFinal(out, 0);
        return out;
    }

    /** H': Blake2b stretched to {@code out.length} bytes. */
    private static void variableLengthHash(byte[] input, byte[] out) {
        int length = out.length;
        if (length <= 64) {
            var h = new Blake2bDigest(length * 8);
            update(h, length);
            h.update(input, 0, input.length);
            h.doFinal(out, 0);
            return;
        }
        var h = new Blake2bDigest(512);
        byte[] v = new byte[64];
        update(h, length);
        h.update(input, 0, input.length);
        h.doFinal(v, 0);
        int whole = (length + 31) / 32 - 2;
        System.arraycopy(v, 0, out, 0, 32);
        for (int i = 1; i < whole; i++) {
            h.update(v, 0, 64);
            h.doFinal(v, 0);
            System.arraycopy(v, 0, out, 32 * i, 32);
        }
        var tail = new Blake2bDigest((length - 32 * whole) * 8);
        tail.update(v, 0, 64);
        tail.doFinal(out, 32 * whole);
    }

    private static final class Scratch {
        final long[] r = new long[BLOCK_WORDS];
        final long[] t = new long[BLOCK_WORDS];
        final long[] zero = new long[BLOCK_WORDS];
        final long[] input = new long[BLOCK_WORDS];
        final long[] address = new long[BLOCK_WORDS];
    }

    private static void fillSegment(long[] memory, int pass, int slice, int lane, int lanes, int segment, int blocks,
                                    int passes, Scratch s) {
        int laneLength = segment * SYNC_POINTS;
        // Argon2id: the first half of the first pass picks reference blocks independently of the data.
        boolean independent = pass == 0 && slice < SYNC_POINTS / 2;
        if (independent) {
            Arrays.fill(s.input, 0);
            s.input[0] = pass;
            s.input[1] = lane;
            s.input[2] = slice;
            s.input[3] = blocks;
            s.input[4] = passes;
            s.input[5] = TYPE_ID;
        }
        int start = 0;
        if (pass == 0 && slice == 0) {
            start = 2;
            if (independent) nextAddresses(s);
        }
        int current = lane * laneLength + slice * segment + start;
        int previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
        for (int i = start; i < segment; i++, current++, previous++) {
            if (current % laneLength == 1) previous = current - 1;
            long random;
            if (independent) {
                if (i % BLOCK_WORDS == 0) nextAddresses(s);
                random = s.address[i % BLOCK_WORDS];
            } else {
                random = memory[previous * BLOCK_WORDS];
            }
            int referenceLane = pass == 0 && slice == 0 ? lane : (int) ((random >>> 32) % lanes);
            int referenceIndex = referenceIndex(pass, slice, i, segment, random & 0xFFFFFFFFL, referenceLane == lane);
            fillBlock(memory, previous * BLOCK_WORDS, memory, (referenceLane * laneLength + referenceIndex) * BLOCK_WORDS,
                    memory, current * BLOCK_WORDS, pass != 0, s);
        }
    }

    private static void nextAddresses(Scratch s) {
        s.input[6]++;
        fillBlock(s.zero, 0, s.input, 0, s.address, 0, false, s);
        fillBlock(s.zero, 0, s.address, 0, s.address, 0, false, s);
    }

    /** The column of the reference block within its lane, from the low 32 bits of the pseudo-random value. */
    private static int referenceIndex(int pass, int slice, int index, int segment, long j1, boolean sameLane) {
        int laneLength = segment * SYNC_POINTS;
        long area;
        if (pass == 0) {
            if (slice == 0) area = index - 1;
            else area = (long) slice * segment + (sameLane ? index - 1 : index == 0 ? -1 : 0);
        } else {
            area = laneLength - segment + (sameLane ? index - 1 : index == 0 ? -1 : 0);
        }
        long x = (j1 * j1) >>> 32;
        long relative = area - 1 - ((area * x) >>> 32);
        long start = pass != 0 && slice != SYNC_POINTS - 1 ? (long) (slice + 1) * segment : 0;
        return (int) ((start + relative) % laneLength);
    }

    /** out = G(x, y), XORed into out's previous content when {@code xor} (passes after the first). */
    private static void fillBlock(long[] x, int xOff, long[] y, int yOff, long[] out, int outOff, boolean xor, Scratch s) {
        long[] r = s.r;
        long[] t = s.t;
        for (int k = 0; k < BLOCK_WORDS; k++) {
            long v = x[xOff + k] ^ y[yOff + k];
            r[k] = v;
            t[k] = xor ? v ^ out[outOff + k] : v;
        }
        for (int i = 0; i < 8; i++) {
            int b = 16 * i;
            round(r, b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7,
                    b + 8, b + 9, b + 10, b + 11, b + 12, b + 13, b + 14, b + 15);
        }
        for (int i = 0; i < 8; i++) {
            int b = 2 * i;
            round(r, b, b + 1, b + 16, b + 17, b + 32, b + 33, b + 48, b + 49,
                    b + 64, b + 65, b + 80, b + 81, b + 96, b + 97, b + 112, b + 113);
        }
        for (int k = 0; k < BLOCK_WORDS; k++) out[outOff + k] = t[k] ^ r[k];
    }

    private static void round(long[] v, int v0, int v1, int v2, int v3, int v4, int v5, int v6, int v7,
                              int v8, int v9, int v10, int v11, int v12, int v13, int v14, int v15) {
        g(v, v0, v4, v8, v12);
        g(v, v1, v5, v9, v13);
        g(v, v2, v6, v10, v14);
        g(v, v3, v7, v11, v15);
        g(v, v0, v5, v10, v15);
        g(v, v1, v6, v11, v12);
        g(v, v2, v7, v8, v13);
        g(v, v3, v4, v9, v14);
    }

    /** Blake2b's G with BlaMka's multiplications. */
    private static void g(long[] v, int ia, int ib, int ic, int id) {
        long a = v[ia], b = v[ib], c = v[ic], d = v[id];
        a = blaMka(a, b);
        d = Long.rotateRight(d ^ a, 32);
        c = blaMka(c, d);
        b = Long.rotateRight(b ^ c, 24);
        a = blaMka(a, b);
        d = Long.rotateRight(d ^ a, 16);
        c = blaMka(c, d);
        b = Long.rotateRight(b ^ c, 63);
        v[ia] = a;
        v[ib] = b;
        v[ic] = c;
        v[id] = d;
    }

    private static long blaMka(long x, long y) {
        return x + y + 2 * (x & 0xFFFFFFFFL) * (y & 0xFFFFFFFFL);
    }

    private static void update(Blake2bDigest h, int value) {
        byte[] le = new byte[4];
        putInt(le, 0, value);
        h.update(le, 0, 4);
    }

    private static void putInt(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
        b[offset + 2] = (byte) (value >>> 16);
        b[offset + 3] = (byte) (value >>> 24);
    }

    private static void load(byte[] bytes, long[] words, int offset) {
        for (int k = 0; k < BLOCK_WORDS; k++) {
            long w = 0;
            for (int i = 7; i >= 0; i--) w = (w << 8) | (bytes[8 * k + i] & 0xFFL);
            words[offset + k] = w;
        }
    }

    private static byte[] store(long[] words) {
        byte[] bytes = new byte[BLOCK_BYTES];
        for (int k = 0; k < BLOCK_WORDS; k++) {
            for (int i = 0; i < 8; i++) bytes[8 * k + i] = (byte) (words[k] >>> (8 * i));
        }
        return bytes;
    }
}
