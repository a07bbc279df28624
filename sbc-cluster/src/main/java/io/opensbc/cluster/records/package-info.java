/**
 * Call records: one JSON object per call folded from its event log ({@link CallRecord}), kept in
 * memory for the admin API and appended as JSON lines to a size-rotated file
 * ({@link CallRecords}, {@link RotatingFile}). Imports the signalling event model only.
 */
package io.opensbc.cluster.records;
