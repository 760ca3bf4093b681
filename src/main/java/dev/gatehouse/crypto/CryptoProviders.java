package dev.gatehouse.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.LoggerFactory;

import java.security.Security;
import java.util.concurrent.CompletableFuture;

/**
 * Puts the Amazon Corretto Crypto Provider (native AWS-LC) ahead of the JDK's providers when it
 * loads on this machine, so RSA, ECDSA, HMAC and random numbers run at native speed; otherwise, or
 * when told not to, Gatehouse uses the JDK's providers unchanged.
 */
public final class CryptoProviders {

    private static CompletableFuture<Throwable> nativeLoad;

    private CryptoProviders() {}

    /**
     * Starts loading the native provider (its library and self-tests take a few hundred
     * milliseconds) on a thread of its own, so that the rest of the start runs meanwhile.
     */
    public static synchronized void preload() {
        if (nativeLoad != null) return;
        nativeLoad = new CompletableFuture<>();
        Thread.ofPlatform().name("gatehouse-crypto-load").daemon().start(() -> {
            try {
                AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
                nativeLoad.complete(null);
            } catch (Throwable notAvailable) {
                nativeLoad.complete(notAvailable);
            }
        });
    }

    /** Installs the native provider if {@code allowNative} and it is healthy here; returns the provider in use. */
    public static synchronized String install(boolean allowNative) {
        if (allowNative && !isNativeInstalled()) {
            preload();
            Throwable notAvailable = nativeLoad.join();
            try {
                if (notAvailable != null) throw notAvailable;
                AmazonCorrettoCryptoProvider.install();
                AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
            } catch (Throwable unhealthy) {
                // Another OS or architecture, or no native access: the JDK's providers serve.
                Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
                LoggerFactory.getLogger(CryptoProviders.class)
                        .info("native crypto provider unavailable ({}); using the JDK's", unhealthy.toString());
            }
        } else if (!allowNative && isNativeInstalled()) {
            Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        }
        return inUse();
    }

    /** The name and version of the provider that serves signatures first. */
    public static String inUse() {
        var first = Security.getProviders()[0];
        return first.getName() + " " + first.getVersionStr();
    }

    private static boolean isNativeInstalled() {
        return Security.getProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME) != null;
    }
}
