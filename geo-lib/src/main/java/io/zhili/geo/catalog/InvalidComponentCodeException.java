package io.zhili.geo.catalog;

/**
 * A component code that breaks GB/T 30428.2; the message says in words what is wrong (length, a
 * non-digit at a position, an unknown division, class or subclass, a zero serial) and is meant to be
 * written as it is into a reject's {@code reason}.
 */
public class InvalidComponentCodeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidComponentCodeException(String message) {
        super(message);
    }
}
