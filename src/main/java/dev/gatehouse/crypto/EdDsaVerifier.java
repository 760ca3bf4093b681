package dev.gatehouse.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Set;

/** Verifies JWS with {@code alg: EdDSA} over Ed25519 (RFC 8037) using the JDK's own implementation. */
public final class EdDsaVerifier implements JWSVerifier {
    private static final int SIGNATURE_BYTES = 64;

    private final PublicKey key;
    private final JCAContext jca = new JCAContext();

    public EdDsaVerifier(OctetKeyPair publicJwk) throws JOSEException {
        this.key = Ed25519Keys.publicKey(publicJwk);
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            throw new JOSEException("this verifier checks only EdDSA signatures, not " + header.getAlgorithm());
        }
        // RFC 7515 §4.1.11: a critical header this verifier does not understand (it understands none) fails.
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) return false;
        byte[] bytes = signature.decode();
        if (bytes.length != SIGNATURE_BYTES) return false;
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(bytes);
        } catch (SignatureException malformed) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new JOSEException("Ed25519 verification failed", e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }
}
