package io.opensbc.config.loader;

/** One thing wrong with a configuration: where (file, line, column, key path) and what. */
public record ConfigError(String file, int line, int column, String path, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
