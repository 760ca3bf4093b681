package dev.gatehouse.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 keys as OKP JWKs (RFC 8037: {@code crv} Ed25519, raw 32-byte {@code x} and {@code d}),
 * made and read with the JDK's own EdDSA, so no further crypto library is needed.
 */
final class Ed25519Keys {
    private static final int KEY_BYTES = 32;
    /** The X.509 SubjectPublicKeyInfo of an Ed25519 key is this fixed header followed by the raw key (RFC 8410). */
    private static final byte[] SPKI_HEADER = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519Keys() {}

    static OctetKeyPair generate(String kid) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            byte[] x = Arrays.copyOfRange(spki, SPKI_HEADER.length, spki.length);
            byte[] d = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(d))
                    .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make Ed25519 keys", e);
        }
    }

    static PublicKey publicKey(OctetKeyPair jwk) throws JOSEException {
        byte[] x = raw(jwk, jwk.getX());
        byte[] spki = Arrays.copyOf(SPKI_HEADER, SPKI_HEADER.length + KEY_BYTES);
        System.arraycopy(x, 0, spki, SPKI_HEADER.length, KEY_BYTES);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("not a usable Ed25519 public key", e);
        }
    }

    static PrivateKey privateKey(OctetKeyPair jwk) throws JOSEException {
        if (jwk.getD() == null) throw new JOSEException("the JWK has no private part");
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, raw(jwk, jwk.getD())));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("not a usable Ed25519 private key", e);
        }
    }

    private static byte[] raw(OctetKeyPair jwk, Base64URL value) throws JOSEException {
        if (!Curve.Ed25519.equals(jwk.getCurve())) throw new JOSEException("the key's curve is not Ed25519");
        byte[] bytes = value.decode();
        if (bytes.length != KEY_BYTES) throw new JOSEException("an Ed25519 key is " + KEY_BYTES + " bytes");
        return bytes;
    }
}
