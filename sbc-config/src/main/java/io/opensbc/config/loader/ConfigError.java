package io.opensbc.config.loader;

/**
 * One configuration mistake.
 *
 * @param file the file (or source name) it is in
 * @param line 1-based; 0 when the mistake has no position (unreadable file)
 * @param column 1-based; 0 when unknown
 * @param path where in the document, e.g. {@code listeners[1].port}; empty for the whole document
 * @param message what is wrong, ending with {@code (allowed: ...)} when the allowed values are
 *     known
 */
public record ConfigError(String file, int line, int column, String path, String message) {

  /** {@code file:line:column: path: message}; the position and path are left out when unknown. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line).append(':').append(column);
    }
    sb.append(": ");
    if (path != null && !path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }
}
