package dev.gatehouse.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Security;

/**
 * Puts the Amazon Corretto Crypto Provider (native AWS-LC) ahead of the JDK's providers when it
 * loads on this machine, so RSA, ECDSA, HMAC and random numbers run at native speed; otherwise, or
 * when told not to, Gatehouse uses the JDK's providers unchanged.
 */
public final class CryptoProviders {
    private static final Logger log = LoggerFactory.getLogger(CryptoProviders.class);

    private CryptoProviders() {}

    /** Installs the native provider if {@code allowNative} and it is healthy here; returns the provider in use. */
    public static synchronized String install(boolean allowNative) {
        if (allowNative && !isNativeInstalled()) {
            try {
                AmazonCorrettoCryptoProvider.install();
                AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
            } catch (Throwable notAvailable) {
                // Another OS or architecture, or no native access: the JDK's providers serve.
                Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
                log.info("native crypto provider unavailable ({}); using the JDK's", notAvailable.toString());
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
