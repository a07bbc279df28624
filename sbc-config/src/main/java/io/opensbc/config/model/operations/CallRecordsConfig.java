package io.opensbc.config.model.operations;

import io.opensbc.config.model.Defaults;

/**
 * Call records (one JSON line per ended call).
 *
 * @param file the JSON-lines file; null = records kept in memory only (admin API)
 * @param maxFileBytes the file is rotated ({@code file.1}, {@code file.2}, ...) past this size
 * @param maxFiles rotated files kept besides the current one
 * @param keep records kept in memory for {@code GET /admin/calls}
 */
public record CallRecordsConfig(String file, long maxFileBytes, int maxFiles, int keep) {
  public static final CallRecordsConfig DEFAULT = new CallRecordsConfig(null, Defaults.CALL_RECORDS_MAX_FILE_BYTES,
      Defaults.CALL_RECORDS_MAX_FILES, Defaults.CALL_RECORDS_KEEP);
}
