package dev.gatehouse.domain;

/**
 * Who performs a change, for the audit log: a user, a client, or the system itself (bootstrap,
 * command line). {@code ip} is null outside HTTP requests.
 */
public record Actor(String subject, String type, String ip) {
    public static final String USER = "user";
    public static final String CLIENT = "client";
    public static final String SYSTEM = "system";

    public static Actor system(String what) {
        return new Actor(what, SYSTEM, null);
    }
}
