package dev.gatehouse.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RSA signatures are made on Gatehouse's signing threads; the caller gets the result or the signer's error. */
class OffloadedSignerTest {
    private static final JWSHeader HEADER = new JWSHeader(JWSAlgorithm.RS256);

    @Test
    void theSignatureIsMadeOnASigningThreadAndReturned() throws Exception {
        var thread = new AtomicReference<String>();
        var signer = new OffloadedSigner(recording(thread, null));
        assertThat(signer.sign(HEADER, new byte[] {1, 2, 3}).toString()).isEqualTo("AQID");
        assertThat(thread.get()).startsWith("gatehouse-signing-");
        assertThat(signer.supportedJWSAlgorithms()).containsExactly(JWSAlgorithm.RS256);
    }

    @Test
    void workAlreadyOnASigningThreadSignsInPlace() throws Exception {
        var signedOn = new AtomicReference<String>();
        var signer = new OffloadedSigner(recording(signedOn, null));
        var taskOn = new CompletableFuture<String>();
        SigningThreads.execute(() -> {
            try {
                signer.sign(HEADER, new byte[] {1});
                taskOn.complete(Thread.currentThread().getName());
            } catch (JOSEException e) {
                taskOn.completeExceptionally(e);
            }
        });
        assertThat(taskOn.get(10, TimeUnit.SECONDS)).startsWith("gatehouse-signing-").isEqualTo(signedOn.get());
    }

    @Test
    void theSignersErrorReachesTheCaller() {
        var failure = new JOSEException("no key");
        var signer = new OffloadedSigner(recording(new AtomicReference<>(), failure));
        assertThatThrownBy(() -> signer.sign(HEADER, new byte[] {1})).isSameAs(failure);
    }

    /** Signs by echoing the input; records the thread it ran on; or throws {@code failure}. */
    private static JWSSigner recording(AtomicReference<String> thread, JOSEException failure) {
        return new JWSSigner() {
            @Override
            public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
                thread.set(Thread.currentThread().getName());
                if (failure != null) throw failure;
                return Base64URL.encode(signingInput);
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return Set.of(JWSAlgorithm.RS256);
            }

            @Override
            public JCAContext getJCAContext() {
                return new JCAContext();
            }
        };
    }
}
