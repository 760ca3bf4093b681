package dev.gatehouse.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

import java.util.Set;

/**
 * Makes a slow signer's signatures (RSA: a quarter of a millisecond each with the native provider) on
 * the {@link SigningThreads}, one per processor, instead of on the request's virtual thread: at 64
 * connections the 99th percentile was about 1 s against 20 ms with this, for 6–12 % more CPU per RS256
 * token (bench/RESULTS.md). ES256 and EdDSA sign in tens of microseconds, less than the hand-over
 * costs, so they sign in place.
 */
final class OffloadedSigner implements JWSSigner {
    private final JWSSigner signer;

    OffloadedSigner(JWSSigner signer) {
        this.signer = signer;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        try {
            return SigningThreads.call(() -> signer.sign(header, signingInput));
        } catch (JOSEException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JOSEException("interrupted while signing", e);
        } catch (Exception e) {
            throw new JOSEException("signing failed", e);
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
