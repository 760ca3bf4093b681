package dev.gatehouse.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 8037 EdDSA over Ed25519: OKP keys, and the signer and verifier built on the JDK's own Ed25519. */
class EdDsaTest {
    /** RFC 8037 Appendix A.1: the example Ed25519 key. */
    private static final OctetKeyPair RFC_KEY = new OctetKeyPair.Builder(Curve.Ed25519,
            new Base64URL("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"))
            .d(new Base64URL("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")).build();
    /** RFC 8037 Appendix A.4: "Example of Ed25519 signing" signed with that key. */
    private static final String RFC_JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
            + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
    private static final JWSHeader EDDSA = new JWSHeader(JWSAlgorithm.EdDSA);

    @Test
    void rfc8037SigningExampleIsReproducedByteForByte() throws Exception {
        var jws = new JWSObject(EDDSA, new Payload("Example of Ed25519 signing"));
        jws.sign(new EdDsaSigner(RFC_KEY));
        assertThat(jws.serialize()).isEqualTo(RFC_JWS);
    }

    @Test
    void rfc8037SigningExampleVerifies() throws Exception {
        assertThat(JWSObject.parse(RFC_JWS).verify(new EdDsaVerifier(RFC_KEY.toPublicJWK()))).isTrue();
    }

    @Test
    void aGeneratedKeyIsAnEd25519OkpJwkWithRawBase64urlHalves() {
        OctetKeyPair key = Ed25519Keys.generate("kid-1");
        assertThat(key.getKeyType().getValue()).isEqualTo("OKP");
        assertThat(key.getCurve()).isEqualTo(Curve.Ed25519);
        assertThat(key.getX().decode()).hasSize(32);
        assertThat(key.getD().decode()).hasSize(32);
        assertThat(key.getX().toString()).matches("[A-Za-z0-9_-]{43}");
        assertThat(key.getD().toString()).matches("[A-Za-z0-9_-]{43}");
        assertThat(key.getKeyID()).isEqualTo("kid-1");
        assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(Ed25519Keys.generate("kid-2").getX()).isNotEqualTo(key.getX());
    }

    @Test
    void thePublishedFormHasNoPrivatePart() throws Exception {
        OctetKeyPair key = Ed25519Keys.generate("kid-1");
        String json = new JWKSet(key).toString(true);
        assertThat(json).doesNotContain("\"d\"", key.getD().toString());
        var published = (OctetKeyPair) JWKSet.parse(json).getKeyByKeyId("kid-1");
        assertThat(published.getX()).isEqualTo(key.getX());
        assertThat(published.isPrivate()).isFalse();
    }

    @Test
    void whatTheSignerSignsTheJdkVerifiesFromThePublishedXAlone() throws Exception {
        OctetKeyPair key = Ed25519Keys.generate("kid-1");
        var jws = new JWSObject(EDDSA, new Payload("hello"));
        jws.sign(new EdDsaSigner(key));
        byte[] spki = new byte[44];
        System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, spki, 0, 12);
        System.arraycopy(key.getX().decode(), 0, spki, 12, 32);
        var jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        jdk.update(jws.getSigningInput());
        assertThat(jdk.verify(jws.getSignature().decode())).isTrue();
        assertThat(jws.verify(new EdDsaVerifier(key.toPublicJWK()))).isTrue();
    }

    @Test
    void aChangedPayloadOrSignatureOrAnotherKeyFails() throws Exception {
        var parts = RFC_JWS.split("\\.");
        var verifier = new EdDsaVerifier(RFC_KEY.toPublicJWK());
        String otherPayload = Base64URL.encode("Example of Ed25519 signinG".getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(JWSObject.parse(parts[0] + "." + otherPayload + "." + parts[2]).verify(verifier)).isFalse();
        byte[] signature = new Base64URL(parts[2]).decode();
        signature[10] ^= 1;
        assertThat(JWSObject.parse(parts[0] + "." + parts[1] + "." + Base64URL.encode(signature)).verify(verifier))
                .isFalse();
        assertThat(JWSObject.parse(RFC_JWS).verify(new EdDsaVerifier(Ed25519Keys.generate("x").toPublicJWK())))
                .isFalse();
    }

    @Test
    void aSignatureOfTheWrongLengthFailsWithoutAnError() throws Exception {
        var verifier = new EdDsaVerifier(RFC_KEY.toPublicJWK());
        byte[] input = "a.b".getBytes(StandardCharsets.US_ASCII);
        assertThat(verifier.verify(EDDSA, input, Base64URL.encode(new byte[63]))).isFalse();
        assertThat(verifier.verify(EDDSA, input, Base64URL.encode(new byte[65]))).isFalse();
        assertThat(verifier.verify(EDDSA, input, Base64URL.encode(new byte[0]))).isFalse();
        assertThat(verifier.verify(EDDSA, input, Base64URL.encode(new byte[64]))).isFalse();
    }

    @Test
    void aCriticalHeaderParameterIsNotUnderstoodSoTheSignatureFails() throws Exception {
        var header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).criticalParams(Set.of("exp")).customParam("exp", 1)
                .build();
        var jws = new JWSObject(header, new Payload("hello"));
        jws.sign(new EdDsaSigner(RFC_KEY));
        assertThat(jws.verify(new EdDsaVerifier(RFC_KEY.toPublicJWK()))).isFalse();
    }

    @Test
    void onlyEdDsaIsSignedOrVerified() throws Exception {
        var signer = new EdDsaSigner(RFC_KEY);
        var verifier = new EdDsaVerifier(RFC_KEY.toPublicJWK());
        assertThat(signer.supportedJWSAlgorithms()).containsExactly(JWSAlgorithm.EdDSA);
        assertThat(verifier.supportedJWSAlgorithms()).containsExactly(JWSAlgorithm.EdDSA);
        byte[] input = "a.b".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> signer.sign(new JWSHeader(JWSAlgorithm.ES256), input))
                .isInstanceOf(JOSEException.class).hasMessageContaining("only EdDSA");
        assertThatThrownBy(() -> verifier.verify(new JWSHeader(JWSAlgorithm.RS256), input, Base64URL.encode(new byte[64])))
                .isInstanceOf(JOSEException.class).hasMessageContaining("only EdDSA");
    }

    @Test
    void keysThatAreNotUsableEd25519KeysAreRefused() {
        var x25519 = new OctetKeyPair.Builder(Curve.X25519, RFC_KEY.getX()).build();
        assertThatThrownBy(() -> new EdDsaVerifier(x25519)).isInstanceOf(JOSEException.class)
                .hasMessage("the key's curve is not Ed25519");
        var shortX = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(new byte[31])).build();
        assertThatThrownBy(() -> new EdDsaVerifier(shortX)).isInstanceOf(JOSEException.class)
                .hasMessage("an Ed25519 key is 32 bytes");
        assertThatThrownBy(() -> new EdDsaSigner(RFC_KEY.toPublicJWK())).isInstanceOf(JOSEException.class)
                .hasMessage("the JWK has no private part");
        var longD = new OctetKeyPair.Builder(RFC_KEY).d(Base64URL.encode(new byte[33])).build();
        assertThatThrownBy(() -> new EdDsaSigner(longD)).isInstanceOf(JOSEException.class)
                .hasMessage("an Ed25519 key is 32 bytes");
    }
}
