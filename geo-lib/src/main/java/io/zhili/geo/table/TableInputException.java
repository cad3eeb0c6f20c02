package io.zhili.geo.table;

/**
 * An input table that cannot be read at all: a missing or unreadable path, a directory without
 * data files, a file without a header, or an I/O failure mid-file. The message is one line naming
 * the path (and line or row where it applies), fit to print as a command's error.
 *
 * <p>Unchecked so it can pass through stream sources and lambdas; a single bad row is never this
 * exception but a row with {@link TableReader#wellFormed()} false.
 */
public final class TableInputException extends RuntimeException {
    public TableInputException(String message) {
        super(message);
    }

    public TableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
