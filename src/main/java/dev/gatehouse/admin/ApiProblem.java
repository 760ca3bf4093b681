package dev.gatehouse.admin;

import java.util.List;
import java.util.Map;

/**
 * An admin API failure answered as RFC 9457 problem details: the status, a human-readable detail,
 * and for validation failures the field-level {@code errors} map.
 */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final Map<String, List<String>> errors;

    public ApiProblem(int status, String detail, Map<String, List<String>> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = errors;
    }

    public ApiProblem(int status, String detail) {
        this(status, detail, Map.of());
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, detail);
    }

    public static ApiProblem badRequest(String field, String message) {
        return new ApiProblem(400, "The request is invalid.", Map.of(field, List.of(message)));
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
