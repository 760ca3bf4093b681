package dev.gatehouse.crypto;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.security.Signature;

import static org.assertj.core.api.Assertions.assertThat;

/** The native provider goes first where it loads, signatures made with it verify, and it can be turned off. */
class CryptoProvidersTest {

    @AfterAll
    static void restoreDefault() {
        CryptoProviders.install(true);
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void onLinuxX8664TheNativeProviderSignsFirst() throws Exception {
        assertThat(CryptoProviders.install(true)).startsWith("AmazonCorrettoCryptoProvider");
        assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(Signature.getInstance("SHA256withECDSA").getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        roundTrips();
    }

    @Test
    void turnedOffTheJdkProvidersServe() throws Exception {
        assertThat(CryptoProviders.install(false)).doesNotStartWith("AmazonCorrettoCryptoProvider");
        assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isNotEqualTo("AmazonCorrettoCryptoProvider");
        roundTrips();
        CryptoProviders.install(true);
    }

    /** RS256 and ES256 signatures made with whatever provider is first verify. */
    private static void roundTrips() throws Exception {
        var rsa = new RSAKeyGenerator(2048).generate();
        var rs = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("hello"));
        rs.sign(new RSASSASigner(rsa));
        assertThat(JWSObject.parse(rs.serialize()).verify(new RSASSAVerifier(rsa.toPublicJWK()))).isTrue();
        var ec = new ECKeyGenerator(Curve.P_256).generate();
        var es = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("hello"));
        es.sign(new ECDSASigner(ec));
        assertThat(JWSObject.parse(es.serialize()).verify(new ECDSAVerifier(ec.toPublicJWK()))).isTrue();
    }
}
