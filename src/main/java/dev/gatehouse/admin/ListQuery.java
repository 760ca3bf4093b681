package dev.gatehouse.admin;

import dev.gatehouse.domain.Page;
import dev.gatehouse.domain.ValidationErrors;
import io.javalin.http.Context;

/** The {@code ?search=&offset=&limit=} of a listing, checked; the total goes out as {@code Total-Count}. */
public record ListQuery(String search, int offset, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    private static final int MAX_SEARCH_LENGTH = 200;

    public static ListQuery from(Context ctx) {
        var errors = new ValidationErrors();
        String search = ctx.queryParam("search");
        if (search != null && search.isEmpty()) search = null;
        if (search != null && search.length() > MAX_SEARCH_LENGTH) {
            errors.add("search", "must be at most " + MAX_SEARCH_LENGTH + " characters");
        }
        int offset = number(ctx, "offset", 0, 0, Integer.MAX_VALUE, errors);
        int limit = number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        errors.throwIfAny();
        return new ListQuery(search, offset, limit);
    }

    /** The address of a new member of the collection this request was sent to (trailing slash or not). */
    public static String memberLocation(Context ctx, String id) {
        String path = ctx.path();
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return path + "/" + id;
    }

    public static void totalCount(Context ctx, Page<?> page) {
        ctx.header("Total-Count", Long.toString(page.total()));
    }

    static int number(Context ctx, String name, int fallback, int min, int max, ValidationErrors errors) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) return fallback;
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) return value;
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(name, "must be a whole number from " + min + " to " + max);
        return fallback;
    }
}
