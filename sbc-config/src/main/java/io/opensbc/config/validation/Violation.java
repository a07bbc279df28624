package io.opensbc.config.validation;

/**
 * One broken rule: where it is in the document and what is wrong. The loader adds the file name to
 * make a {@code ConfigError}.
 *
 * @param line 1-based; 0 when unknown
 * @param column 1-based; 0 when unknown
 * @param path e.g. {@code listeners[1].port}; empty for the whole document
 * @param message what is wrong, ending with {@code (allowed: ...)} when the allowed values are
 *     known
 */
public record Violation(int line, int column, String path, String message) {}
