package dev.gatehouse.domain;

/** OneTimeOnly rotates the refresh token on every use; ReUse returns the same token. */
public enum RefreshTokenUsage {
    OneTimeOnly, ReUse
}
