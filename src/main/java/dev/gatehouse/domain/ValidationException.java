package dev.gatehouse.domain;

import java.util.List;
import java.util.Map;

/** A request broke a rule of the domain; carries every field that did. */
public class ValidationException extends RuntimeException {
    private final transient ValidationErrors errors;

    public ValidationException(ValidationErrors errors) {
        super("validation failed: " + errors.asMap().keySet());
        this.errors = errors;
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(new ValidationErrors().add(field, message));
    }

    public Map<String, List<String>> errors() {
        return errors.asMap();
    }
}
