package dev.gatehouse.console;

import dev.gatehouse.domain.ValidationErrors;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reading the console's form fields and query parameters, with the errors a person can act on. */
final class Forms {
    static final int PAGE_SIZE = 20;
    private static final int MAX_FIELD = 4096;

    private Forms() {}

    /** A trimmed text field; empty when absent or blank. */
    static Optional<String> text(Context ctx, String name) {
        String value = ctx.formParam(name);
        if (value == null) return Optional.empty();
        value = value.strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value.length() > MAX_FIELD ? value.substring(0, MAX_FIELD) : value);
    }

    /** A field taken exactly as typed, such as a password, where spaces count; empty when absent or empty. */
    static Optional<String> exact(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    static boolean checked(Context ctx, String name) {
        return ctx.formParam(name) != null;
    }

    static List<String> all(Context ctx, String name) {
        return ctx.formParams(name).stream().map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
    }

    /** A whole number field between {@code min} and {@code max}; an error on {@code field} otherwise. */
    static Optional<Integer> number(Context ctx, String name, int min, int max, String field, ValidationErrors errors) {
        var value = text(ctx, name);
        if (value.isEmpty()) {
            errors.add(field, "is required");
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= min && n <= max) return Optional.of(n);
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(field, "must be a whole number from " + min + " to " + max);
        return Optional.empty();
    }

    /** The 1-based page number of a listing. */
    static int page(Context ctx) {
        try {
            return Math.max(1, Math.min(100_000, Integer.parseInt(ctx.queryParam("page"))));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static String query(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) return null;
        value = value.strip();
        return value.length() > 200 ? value.substring(0, 200) : value;
    }

    /**
     * A time from an {@code <input type="datetime-local">} in the query, read as UTC (the console writes
     * every time in UTC); null when absent, and an error on {@code name} when it is not such a time.
     */
    static Instant utcTime(Context ctx, String name, ValidationErrors errors) {
        String value = query(ctx, name);
        if (value == null) return null;
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(name, "must be a date and time such as 2026-05-01T09:30");
            return null;
        }
    }

    /** The query string of a listing's filters, each as "&name=value", for its pager's links; nulls left out. */
    static String filters(Map<String, String> filters) {
        return filters.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> "&" + e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining());
    }

    /** What a page says after the change it was redirected from, by a fixed key (never text from the address). */
    static String notice(Context ctx, Map<String, String> notices) {
        String done = ctx.queryParam("done");
        return done == null ? null : notices.get(done);
    }

    /** The first message for each field, with list indexes dropped ("redirectUris[2]" -> "redirectUris"). */
    static Map<String, String> firstErrors(Map<String, List<String>> errors) {
        var out = new LinkedHashMap<String, String>();
        errors.forEach((field, messages) -> out.putIfAbsent(field.replaceAll("\\[\\d+]$", ""), messages.getFirst()));
        return out;
    }
}
