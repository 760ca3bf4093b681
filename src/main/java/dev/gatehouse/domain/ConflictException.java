package dev.gatehouse.domain;

/** The request clashes with existing state: a duplicate name, a limit reached, a wrong state. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
