package dev.gatehouse.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a slow signer's signatures (RSA: most of a millisecond each) on platform threads of its own,
 * one per processor, taken in arrival order, while the request's virtual thread waits without holding
 * a carrier. Signing on the request's virtual thread kept the two carriers busy back to back under
 * load, and newly arrived requests waited seconds to start: at 64 connections the 99th percentile was
 * 0.5–4 s against about 0.1 s with this, for about 8 % fewer RS256 tokens per second
 * (bench/RESULTS.md). ES256 and EdDSA sign in tens of microseconds, less than the hand-over costs, so
 * they sign in place.
 */
final class OffloadedSigner implements JWSSigner {
    private static final ExecutorService THREADS = new ThreadPoolExecutor(
            Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors(),
            0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            Thread.ofPlatform().name("gatehouse-signing-", 0).daemon().factory());

    private final JWSSigner signer;

    OffloadedSigner(JWSSigner signer) {
        this.signer = signer;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        try {
            return THREADS.submit(() -> signer.sign(header, signingInput)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JOSEException cause) throw cause;
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw new JOSEException("signing failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JOSEException("interrupted while signing", e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return signer.supportedJWSAlgorithms();
    }

    @Override
    public JCAContext getJCAContext() {
        return signer.getJCAContext();
    }
}
