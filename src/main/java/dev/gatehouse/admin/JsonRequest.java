package dev.gatehouse.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.domain.Scopes;
import dev.gatehouse.domain.ValidationErrors;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A strictly read JSON request body. Every field must be one the operation knows and of the right
 * type; a wrong one is collected as a field error rather than ignored, and {@link #finish()} answers
 * them all at once.
 */
public final class JsonRequest {
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode body;
    private final ValidationErrors errors = new ValidationErrors();

    private JsonRequest(ObjectNode body) {
        this.body = body;
    }

    /** Reads the body as a JSON object whose field names are all in {@code known}; no string may hold U+0000. */
    public static JsonRequest read(Context ctx, Set<String> known) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            throw new ApiProblem(415, "The body must be application/json.");
        }
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length > MAX_BODY_BYTES) throw new ApiProblem(413, "The body is larger than " + MAX_BODY_BYTES + " bytes.");
        JsonNode node;
        try {
            node = MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new ApiProblem(400, "The body is not well-formed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiProblem(400, "The body could not be read.");
        }
        if (!(node instanceof ObjectNode object)) throw new ApiProblem(400, "The body must be a JSON object.");
        // PostgreSQL cannot store U+0000 in text, and no field of ours has a use for it.
        if (containsNul(object)) throw new ApiProblem(400, "The body must not contain the character U+0000.");
        var request = new JsonRequest(object);
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) request.errors.add(name, "is not a known field");
        }
        return request;
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) return node.textValue().indexOf('\0') >= 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().indexOf('\0') >= 0 || containsNul(e.getValue())) return true;
        }
        for (JsonNode item : node.isArray() ? node : List.<JsonNode>of()) {
            if (containsNul(item)) return true;
        }
        return false;
    }

    public boolean has(String field) {
        return body.has(field);
    }

    public void error(String field, String message) {
        errors.add(field, message);
    }

    /** Throws a 400 naming every bad field, if there is one. */
    public void finish() {
        errors.throwIfAny();
    }

    /**
     * Like {@link #finish()}, adding the domain's verdict on the values read so one answer names
     * every problem; a field already refused for its JSON type is not judged again.
     */
    public void finish(ValidationErrors domainErrors) {
        domainErrors.asMap().forEach((field, messages) -> {
            String root = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
            if (!errors.has(root)) messages.forEach(m -> errors.add(field, m));
        });
        errors.throwIfAny();
    }

    public Optional<String> string(String field) {
        JsonNode v = present(field);
        if (v == null) return Optional.empty();
        if (!v.isTextual()) return wrongType(field, "a string");
        return Optional.of(v.textValue());
    }

    /** A string field that may be null; tell absent from null with {@link #has}. */
    public String nullableString(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) {
            errors.add(field, "must be a string or null");
            return null;
        }
        return v.textValue();
    }

    public Optional<Boolean> bool(String field) {
        JsonNode v = present(field);
        if (v == null) return Optional.empty();
        if (!v.isBoolean()) return wrongType(field, "true or false");
        return Optional.of(v.booleanValue());
    }

    public Optional<Integer> integer(String field) {
        JsonNode v = present(field);
        if (v == null) return Optional.empty();
        if (!v.isIntegralNumber() || !v.canConvertToInt()) return wrongType(field, "a whole number");
        return Optional.of(v.intValue());
    }

    public Optional<List<String>> stringList(String field) {
        JsonNode v = present(field);
        if (v == null) return Optional.empty();
        if (!v.isArray()) return wrongType(field, "an array of strings");
        var list = new ArrayList<String>();
        for (JsonNode item : v) {
            if (!item.isTextual()) return wrongType(field, "an array of strings");
            list.add(item.textValue());
        }
        return Optional.of(list);
    }

    /** An array of strings or one space-separated string, as the compatible API takes scopes. */
    public Optional<List<String>> spaceSeparatedOrList(String field) {
        JsonNode v = present(field);
        if (v == null) return Optional.empty();
        if (v.isTextual()) return Optional.of(new ArrayList<>(Scopes.parse(v.textValue())));
        return stringList(field);
    }

    public Optional<Instant> instant(String field) {
        JsonNode v = present(field);
        if (v == null) return Optional.empty();
        if (v.isTextual()) {
            try {
                return Optional.of(OffsetDateTime.parse(v.textValue()).toInstant());
            } catch (DateTimeParseException e) {
                // fall through to the error
            }
        }
        return wrongType(field, "a date-time such as 2026-05-01T00:00:00Z");
    }

    /** The field's node, or null when absent; a JSON null for a non-nullable field is an error. */
    private JsonNode present(String field) {
        JsonNode v = body.get(field);
        if (v == null) return null;
        if (v.isNull()) {
            errors.add(field, "must not be null");
            return null;
        }
        return v;
    }

    private <T> Optional<T> wrongType(String field, String expected) {
        errors.add(field, "must be " + expected);
        return Optional.empty();
    }
}
