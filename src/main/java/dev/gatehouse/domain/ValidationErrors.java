package dev.gatehouse.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Field-level validation messages, collected so one response can name every bad field. */
public final class ValidationErrors {
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public ValidationErrors add(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        return this;
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public Map<String, List<String>> asMap() {
        return errors;
    }

    /** Throws when anything was collected. */
    public void throwIfAny() {
        if (!errors.isEmpty()) throw new ValidationException(this);
    }
}
