package dev.gatehouse.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The JWS algorithms an issuer may sign with; each constant is named as JOSE names the algorithm. */
public enum SigningAlgorithm {
    RS256, ES256, EdDSA;

    /** The names as a reader should see them in a message: "RS256, ES256, EdDSA". */
    public static final String NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    public static SigningAlgorithm parse(String value) {
        for (var alg : values()) {
            if (alg.name().equals(value)) return alg;
        }
        throw new IllegalArgumentException("unknown signing algorithm");
    }
}
