package dev.gatehouse.domain;

/** The JWS algorithms an issuer may sign with. */
public enum SigningAlgorithm {
    RS256, ES256;

    public static SigningAlgorithm parse(String value) {
        for (var alg : values()) {
            if (alg.name().equals(value)) return alg;
        }
        throw new IllegalArgumentException("unknown signing algorithm");
    }
}
