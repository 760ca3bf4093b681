package dev.gatehouse.console;

import dev.gatehouse.domain.ValidationErrors;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The first message for each field, with list indexes dropped ("redirectUris[2]" -> "redirectUris"). */
    static Map<String, String> firstErrors(Map<String, List<String>> errors) {
        var out = new java.util.LinkedHashMap<String, String>();
        errors.forEach((field, messages) -> out.putIfAbsent(field.replaceAll("\\[\\d+]$", ""), messages.getFirst()));
        return out;
    }
}
