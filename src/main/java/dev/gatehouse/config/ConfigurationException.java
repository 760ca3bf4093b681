package dev.gatehouse.config;

/** A setting is missing or malformed; the message names it and never carries its value. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
